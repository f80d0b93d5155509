import pytest
from django.db.models.functions import Length
from django.utils import timezone, translation

from portal.models import Post
from portal.prepared import prepared
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@prepared
def published_of_kind(kind, now):
    return Post.objects.published(now).of_kind(kind).order_by("slug")


@prepared
def titled(word):
    return Post.objects.filter(title__icontains=word).order_by("slug")


def slugs(posts):
    return [post.slug for post in posts]


def test_each_run_uses_its_own_values_not_the_first_ones():
    now = timezone.now()
    PostFactory(slug="news", kind=Post.Kind.NEWS)
    PostFactory(slug="video", kind=Post.Kind.VIDEO)
    PostFactory(slug="due-soon", published_at=now + timezone.timedelta(hours=1))

    assert slugs(published_of_kind("news", now)) == ["news"]
    assert slugs(published_of_kind("video", now)) == ["video"]
    later = now + timezone.timedelta(hours=2)
    assert slugs(published_of_kind("news", later)) == ["due-soon", "news"]


def test_runs_return_what_the_queryset_returns():
    now = timezone.now()
    for index in range(5):
        PostFactory(kind=[Post.Kind.NEWS, Post.Kind.VIDEO][index % 2])

    for kind in Post.Kind.values:
        expected = list(Post.objects.published(now).of_kind(kind).order_by("slug"))
        assert published_of_kind(kind, now) == expected


@prepared
def cards_with_title_length(kind, now):
    return (
        Post.objects.published(now)
        .of_kind(kind)
        .for_cards()
        .annotate(title_length=Length("title_en"))
        .order_by("slug")
    )


def loaded(post):
    fields = [f.attname for f in Post._meta.concrete_fields]
    shown = {name: getattr(post, name) for name in fields}
    return shown | {"deferred": post.get_deferred_fields(), "length": post.title_length}


def test_later_runs_fill_the_same_fields_with_the_same_values_as_the_first():
    # The first run reads rows through raw(); later ones reuse what it worked out.
    now = timezone.now()
    for index in range(3):
        PostFactory(kind=Post.Kind.NEWS, title_en="x" * (index + 5))
    expected = [
        loaded(post)
        for post in Post.objects.published(now)
        .of_kind("news")
        .for_cards()
        .annotate(title_length=Length("title_en"))
        .order_by("slug")
    ]

    for _ in range(3):
        posts = cards_with_title_length("news", now)
        assert [loaded(post) for post in posts] == expected
        assert all(timezone.is_aware(post.published_at) for post in posts)
        assert {post.title_length for post in posts} == {5, 6, 7}


def test_searched_words_are_matched_literally():
    PostFactory(slug="underscore", title_en="Rate a_c review")
    PostFactory(slug="letters", title_en="Rate abc review")
    PostFactory(slug="percent", title_en="Up 50% in a year")

    with translation.override("en"):
        assert slugs(titled("a_c")) == ["underscore"]
        assert slugs(titled("50%")) == ["percent"]
        assert slugs(titled("rate")) == ["letters", "underscore"]


def test_each_language_gets_its_own_compiled_query():
    # modeltranslation points "title" at the active language's column.
    PostFactory(slug="only-korean", title_ko="주택 정책", title_en="Housing")

    with translation.override("ko"):
        assert slugs(titled("주택")) == ["only-korean"]
    with translation.override("en"):
        assert slugs(titled("주택")) == []
        assert slugs(titled("housing")) == ["only-korean"]


@prepared
def newest_of_kind(kind, *, count):
    return Post.objects.of_kind(kind)[:count]


def test_what_the_sql_text_holds_is_a_shape_compiled_on_its_own():
    for _ in range(3):
        PostFactory(kind=Post.Kind.NEWS)

    assert len(newest_of_kind("news", count=1)) == 1
    assert len(newest_of_kind("news", count=2)) == 2
    assert newest_of_kind("news", count=2) == list(Post.objects.all()[:2])


def test_a_value_written_into_the_sql_text_is_refused():
    @prepared
    def newest(count):
        return Post.objects.all()[:count]

    with pytest.raises(ValueError, match="every value must be a filter parameter"):
        newest(3)
