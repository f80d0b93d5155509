import re

import pytest
from django.apps import apps
from django.urls import reverse

from tests.conftest import parse
from tests.factories import (
    PartnerFactory,
    PolicyFieldFactory,
    PostFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db

TRANSLATED_FIELDS = {
    "post": ("title", "summary", "body"),
    "program": ("name", "summary", "description"),
    "partner": ("name", "full_name", "description"),
    "policyfield": ("name",),
}
FACTORIES = {
    "post": PostFactory,
    "program": ProgramFactory,
    "partner": PartnerFactory,
    "policyfield": PolicyFieldFactory,
}


def test_anonymous_users_are_sent_to_the_admin_login(client):
    response = client.get("/admin/portal/post/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("model", sorted(TRANSLATED_FIELDS))
def test_change_form_shows_a_tab_per_language(admin_client, model):
    obj = FACTORIES[model]()

    response = admin_client.get(reverse(f"admin:portal_{model}_change", args=[obj.pk]))

    assert response.status_code == 200
    page = parse(response)
    for field in TRANSLATED_FIELDS[model]:
        for lang in ("ko", "en"):
            assert page.find(attrs={"name": f"{field}_{lang}"}), f"{field}_{lang}"
            # modeltranslation's tabs script groups fields by these classes.
            widget = page.find(attrs={"name": f"{field}_{lang}"})
            assert f"mt-field-{field}-{lang}" in widget["class"]
    assert "tabbed_translation_fields.js" in response.content.decode()


@pytest.mark.parametrize("model", sorted(TRANSLATED_FIELDS))
def test_change_form_media_is_served_by_the_project(admin_client, model):
    obj = FACTORIES[model]()

    html = admin_client.get(
        reverse(f"admin:portal_{model}_change", args=[obj.pk])
    ).content.decode()

    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources
    assert not [src for src in sources if src.startswith(("http", "//"))]
    assert any("jquery-ui" in src for src in sources)


def test_change_list_shows_translation_status_per_row(admin_client):
    PostFactory(title_en="", body_en="", title_ko="한국어만")
    PostFactory(title_ko="Both", title_en="Both")

    page = parse(admin_client.get("/admin/portal/post/", HTTP_ACCEPT_LANGUAGE="en"))

    rows = page.select("#result_list tbody tr")
    status = {
        row.find("th").get_text(strip=True): [
            (badge.get_text(" ", strip=True), "is-missing" in badge["class"])
            for badge in row.select("td.field-translations .portal-lang")
        ]
        for row in rows
    }
    # One badge per language, in settings order, named in the admin's language
    # for screen readers; Chinese (zh-hans) by its primary subtag.
    assert status["한국어만"] == [
        ("KO Korean: translated", False),
        ("EN English: missing", True),
        ("ES Spanish: missing", True),
        ("FR French: missing", True),
        ("AR Arabic: missing", True),
        ("ZH Simplified Chinese: missing", True),
    ]
    assert status["Both"][:2] == [
        ("KO Korean: translated", False),
        ("EN English: translated", False),
    ]


def test_post_needs_a_title_in_at_least_one_language(admin_client):
    response = admin_client.post(
        "/admin/portal/post/add/",
        {
            "kind": "news",
            "slug": "untitled",
            "published_at_0": "2024-05-01",
            "published_at_1": "09:00:00",
        },
    )

    assert response.status_code == 200
    assert parse(response).select(".errorlist")


def test_english_only_post_can_be_saved(admin_client):
    response = admin_client.post(
        "/admin/portal/post/add/",
        {
            "kind": "news",
            "status": "published",
            "title_en": "English only",
            "slug": "english-only",
            "published_at_0": "2024-05-01",
            "published_at_1": "09:00:00",
        },
    )

    assert response.status_code == 302
    assert admin_client.get("/ko/posts/english-only/").status_code == 200


def test_admin_offers_view_on_site(admin_client):
    post = PostFactory(slug="on-site")

    page = parse(admin_client.get(reverse("admin:portal_post_change", args=[post.pk])))

    link = page.find("a", class_="viewsitelink")
    assert link is not None
    response = admin_client.get(link["href"], follow=True)
    assert response.status_code == 200
    assert response.wsgi_request.path.endswith("/posts/on-site/")


@pytest.mark.parametrize(
    "query",
    [
        "title_en__regex=%5E(%5Cw*%5Cs*)%7B10%7DQQQ",
        "body_ko__icontains=x",
        "slug__startswith=a",
        "import_fingerprint__gt=",
    ],
)
def test_the_change_list_refuses_lookups_it_does_not_offer(admin_client, query):
    PostFactory()

    response = admin_client.get(f"/admin/portal/post/?{query}")

    # Refused before any query runs (DisallowedModelAdminLookup).
    assert response.status_code == 400


@pytest.mark.parametrize(
    "query",
    [
        "status__exact=published",
        "kind__exact=news",
        "needs_review__exact=1",
        "translation=missing_en",
        "published_at__year=2024",
        "published_at__year=2024&published_at__month=3",
        "policy_field__id__exact=1",
        "q=climate",
        "o=2",
    ],
)
def test_the_change_list_still_takes_its_own_filters(admin_client, query):
    PostFactory()

    assert admin_client.get(f"/admin/portal/post/?{query}").status_code == 200


@pytest.mark.parametrize(
    "path", ["program/?status__exact=draft", "partner/?group__exact=finance"]
)
def test_other_change_lists_take_their_filters(admin_client, path):
    assert admin_client.get(f"/admin/portal/{path}").status_code == 200


def filled_form(page, **values) -> dict:
    """What a browser would send from ``page``'s form: its defaults (the inline
    management forms included), with ``values`` typed in."""
    data = {}
    for field in page.select("form#content-main input, form input, form textarea"):
        name, kind = field.get("name"), field.get("type", "text")
        if not name or kind in ("submit", "file", "button"):
            continue
        if kind == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
            continue
        data[name] = (
            field.get_text() if field.name == "textarea" else field.get("value", "")
        )
    for select in page.select("form select"):
        chosen = select.find("option", selected=True) or select.find("option")
        if select.get("name") and chosen is not None:
            data[select["name"]] = chosen.get("value", "")
    return {**data, **values}


@pytest.mark.parametrize("model", ["post", "program", "page"])
@pytest.mark.parametrize(
    "day,time",
    [
        ("0224-05-23", "09:00:00"),  # 2024 mistyped
        ("0001-01-01", "00:00"),  # before UTC can hold it at Seoul midnight
        ("2204-05-23", "09:00:00"),
    ],
)
def test_the_change_form_refuses_a_publication_date_outside_the_years(
    admin_client, model, day, time
):
    add = f"/admin/portal/{model}/add/"
    title = {"program": "name_en"}.get(model, "title_en")
    data = filled_form(
        parse(admin_client.get(add)),
        **{title: "Typo", "slug": "typo", "status": "published"},
        published_at_0=day,
        published_at_1=time,
    )

    response = admin_client.post(add, data)

    assert response.status_code == 200
    errors = parse(response).select(".field-published_at .errorlist")
    assert "1900" in errors[0].get_text()
    assert not apps.get_model("portal", model).objects.filter(slug="typo").exists()


def test_the_change_form_still_takes_the_edges_of_the_years(admin_client):
    add = "/admin/portal/post/add/"
    for day, slug in (("1900-01-01", "first"), ("2100-12-31", "last")):
        data = filled_form(
            parse(admin_client.get(add)),
            title_en=slug,
            slug=slug,
            published_at_0=day,
            published_at_1="00:00",
        )
        assert admin_client.post(add, data).status_code == 302, slug


@pytest.mark.parametrize(
    "query",
    [
        "published_at__year=99999999999999999999",
        "published_at__year=9999",
        "published_at__year=2024&published_at__month=99999999999999999999",
        "published_at__year=2024&published_at__month=3&published_at__day=1234567",
        "published_at__year=0224",
    ],
)
def test_the_change_list_refuses_a_date_beyond_the_years(admin_client, query):
    PostFactory()

    assert admin_client.get(f"/admin/portal/post/?{query}").status_code == 400
