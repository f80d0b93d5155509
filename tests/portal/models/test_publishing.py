"""Drafts and scheduled items stay off every public surface until their time."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.languages import language_codes
from portal.models import Post, Program
from tests.conftest import parse
from tests.factories import PolicyFieldFactory, PostFactory, ProgramFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["", "news/", "videos/", "publications/", "programs/"]


def public_html(client, extra_paths=()):
    pages = [f"/{lang}/{path}" for lang in ("ko", "en") for path in PUBLIC_PAGES]
    return "".join(client.get(path).content.decode() for path in [*pages, *extra_paths])


@pytest.fixture
def neighbourhood():
    """A published post with neighbours and relations a hidden post could leak into."""
    field = PolicyFieldFactory(slug="environment")
    visible = PostFactory(slug="visible", policy_field=field)
    PostFactory(slug="older", policy_field=field)
    program = ProgramFactory(slug="sharing-city")
    return field, visible, program


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Post.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=3)},
    ],
    ids=["draft", "scheduled"],
)
def test_hidden_post_is_invisible_on_every_public_surface(
    client, neighbourhood, hidden
):
    field, visible, program = neighbourhood
    post = PostFactory(
        slug="secret-plan", policy_field=field, title_en="Secret plan", **hidden
    )
    program.related_posts.add(post)

    html = public_html(
        client,
        [
            "/en/posts/visible/",
            "/en/posts/older/",
            "/en/programs/sharing-city/",
            "/en/news/?policy_field=environment",
        ],
    )

    assert "secret-plan" not in html
    assert "Secret plan" not in html
    assert client.get("/en/posts/secret-plan/").status_code == 404
    assert client.get("/ko/posts/secret-plan/").status_code == 404


def test_publishing_a_draft_makes_it_visible(client, neighbourhood):
    post = PostFactory(slug="secret-plan", status=Post.Status.DRAFT)
    assert client.get("/en/posts/secret-plan/").status_code == 404

    post.status = Post.Status.PUBLISHED
    post.save()

    assert client.get("/en/posts/secret-plan/").status_code == 200
    assert "/en/posts/secret-plan/" in public_html(client)


def test_scheduled_post_appears_when_its_time_comes(client, neighbourhood):
    monday_nine = timezone.now() + timedelta(days=2)
    PostFactory(slug="monday", published_at=monday_nine)

    assert client.get("/en/posts/monday/").status_code == 404
    with mock.patch("django.utils.timezone.now", return_value=monday_nine):
        assert client.get("/en/posts/monday/").status_code == 200
        assert "/en/posts/monday/" in client.get("/en/news/").content.decode()


@pytest.mark.parametrize(
    "hidden",
    [{"status": Program.Status.DRAFT}, {"published_at": timezone.now() + timedelta(1)}],
    ids=["draft", "scheduled"],
)
def test_hidden_program_is_invisible(client, hidden):
    ProgramFactory(slug="hidden-program", name_en="Hidden program", **hidden)

    html = public_html(client)

    assert "hidden-program" not in html
    assert client.get("/en/programs/hidden-program/").status_code == 404


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_staff_preview_a_draft_in_both_languages(editor_client, lang):
    post = PostFactory(status=Post.Status.DRAFT, title_en="Draft", title_ko="초안")

    response = editor_client.get(f"/{lang}/preview/posts/{post.pk}/")

    assert response.status_code == 200
    page = parse(response)
    assert page.html["lang"] == lang
    assert page.find(class_="preview-banner")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert page.find("link", rel="canonical") is None
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


def test_program_preview_shows_a_draft(editor_client):
    program = ProgramFactory(status=Program.Status.DRAFT, name_en="Draft program")

    response = editor_client.get(f"/en/preview/programs/{program.pk}/")

    assert response.status_code == 200
    assert parse(response).find("h1").get_text(strip=True) == "Draft program"


@pytest.mark.parametrize("who", ["visitor", "staff without permission"])
@pytest.mark.parametrize("kind", ["posts", "programs"])
def test_previews_are_not_found_for_anyone_who_may_not_preview(client, who, kind):
    item = (PostFactory if kind == "posts" else ProgramFactory)(status="draft")
    if who != "visitor":
        staff = get_user_model().objects.create_user("staff", is_staff=True)
        client.force_login(staff)

    response = client.get(f"/en/preview/{kind}/{item.pk}/")

    # A redirect to the sign-in page would name the admin's address, which may
    # be a secret (DJANGO_ADMIN_PATH, kept out of robots.txt).
    assert response.status_code == 404
    assert "Location" not in response
    assert "/admin/" not in response.content.decode()


def test_change_form_links_to_previews_in_every_language(editor_client):
    post = PostFactory(status=Post.Status.DRAFT)

    page = parse(editor_client.get(f"/admin/portal/post/{post.pk}/change/"))

    links = {a["href"] for a in page.select("div.field-preview_links a")}
    assert links == {f"/{code}/preview/posts/{post.pk}/" for code in language_codes()}


def test_publish_and_unpublish_actions_report_how_many_changed(editor_client):
    drafts = [PostFactory(status=Post.Status.DRAFT) for _ in range(2)]
    already = PostFactory()

    response = editor_client.post(
        "/admin/portal/post/",
        {
            "action": "publish",
            "_selected_action": [p.pk for p in [*drafts, already]],
        },
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "2 items were published." in response.content.decode()
    assert set(Post.objects.values_list("status", flat=True)) == {"published"}

    response = editor_client.post(
        "/admin/portal/post/",
        {"action": "unpublish", "_selected_action": [drafts[0].pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "1 item was unpublished." in response.content.decode()
    assert Post.objects.get(pk=drafts[0].pk).status == "draft"


def test_new_posts_start_as_drafts():
    assert Post().status == Post.Status.DRAFT
    assert Program().status == Program.Status.DRAFT
