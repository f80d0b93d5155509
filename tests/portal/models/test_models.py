import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.languages import shown_field
from portal.models import Post
from tests.factories import PartnerFactory, PostFactory

pytestmark = pytest.mark.django_db


def test_published_excludes_future_posts():
    past = PostFactory()
    PostFactory(published_at=timezone.now() + timezone.timedelta(minutes=5))

    assert list(Post.objects.published()) == [past]


def test_post_translation_status_counts_only_written_fields():
    post = PostFactory(summary_ko="", summary_en="", body_en="")

    assert post.is_translated("ko")
    assert not post.is_translated("en")
    post.body_en = "Translated body"
    assert post.is_translated("en")


def test_post_without_any_title_is_invalid():
    post = PostFactory.build(title_ko="", title_en="  ")

    with pytest.raises(ValidationError) as error:
        post.full_clean()
    assert "title_ko" in error.value.message_dict


def test_post_with_only_an_english_title_is_valid():
    PostFactory.build(title_ko="", title_en="Climate Card", slug="climate").full_clean()


def test_shown_field_falls_back_both_ways():
    post = PostFactory.build(title_ko="", title_en="Climate Card")

    assert shown_field(post, "title", "ko") == ("Climate Card", "en", True)
    assert shown_field(post, "title", "en") == ("Climate Card", "en", False)
    post.title_en, post.title_ko = "", "기후동행카드"
    assert shown_field(post, "title", "en") == ("기후동행카드", "ko", True)


def test_partner_display_name_falls_back_to_short_name():
    partner = PartnerFactory.build(name_ko="", name_en="", short_name="KOICA")

    assert partner.display_name == "KOICA"
    assert str(partner) == "KOICA"


def test_video_and_publication_flags():
    assert PostFactory.build(kind=Post.Kind.VIDEO).is_video
    assert PostFactory.build(kind=Post.Kind.PUBLICATION).is_publication
    assert not PostFactory.build(kind=Post.Kind.NEWS).is_video


def test_neighbours_of_posts_published_at_the_same_moment_follow_their_ids():
    moment = timezone.now() - timezone.timedelta(days=1)
    first, second, third = (PostFactory(published_at=moment) for _ in range(3))
    PostFactory(kind=Post.Kind.VIDEO, published_at=moment)  # another kind: skipped

    assert second.neighbours() == (first, third)
    assert first.neighbours() == (None, second)
    assert third.neighbours() == (second, None)


def test_related_posts_look_for_title_words_among_the_newest_posts_only(
    monkeypatch,
):
    monkeypatch.setattr("portal.models.posts.RELATED_WINDOW", 3)
    now = timezone.now()

    def post(title, days_ago):
        return PostFactory(
            title_en=title,
            title_ko="",
            policy_field=None,
            published_at=now - timezone.timedelta(days=days_ago),
        )

    post("Flood barrier plan", 30)  # shares a word, but outside the window
    recent_match = post("Flood warning texts", 3)
    reader = post("Flood maps online", 2)
    post("Library hours", 1)

    assert reader.related_posts() == [recent_match]


def test_related_posts_are_the_same_whatever_order_the_title_words_come_in(
    monkeypatch,
):
    # Eight words of one length, of which six are looked for. Sets iterate in an
    # order that changes with the hash seed, so each server process would pick.
    words = [f"word{letter}" for letter in "abcdefgh"]
    reader = PostFactory(title_en=" ".join(words), title_ko="", policy_field=None)
    now = timezone.now()
    for days_ago, word in enumerate(reversed(words), start=1):
        PostFactory(
            title_en=f"{word} notes",
            title_ko="",
            policy_field=None,
            published_at=now - timezone.timedelta(days=days_ago),
        )
    found = []
    for reverse in (False, True):
        monkeypatch.setattr(
            Post,
            "title_words",
            lambda post, reverse=reverse, words=Post.title_words: dict.fromkeys(
                sorted(words(post), reverse=reverse)
            ).keys(),
        )
        found.append([post.title_en for post in reader.related_posts()])

    assert found[0] == found[1] == ["wordf notes", "worde notes", "wordd notes"]
