"""What Korean public sites show around a page's content (docs/krds.md, issue 29):
breadcrumbs, the "목록" link back to the list, and the responsible department
with its telephone number."""

import pytest

from portal.models import Post
from tests.conftest import parse
from tests.factories import (
    PolicyFieldFactory,
    PostFactory,
    ProgramFactory,
    one_of_everything,
)
from tests.support.public_pages import public_pages

pytestmark = pytest.mark.django_db


def crumbs(client, path: str) -> list[tuple[str, str | None]]:
    nav = parse(client.get(path)).select_one("nav.breadcrumbs")
    if nav is None:
        return []
    return [
        (item.get_text(strip=True), item.a["href"] if item.a else None)
        for item in nav.select("li")
    ]


@pytest.mark.parametrize(
    "kind,list_path,label",
    [
        (Post.Kind.NEWS, "/ko/news/", "뉴스"),
        (Post.Kind.VIDEO, "/ko/videos/", "영상"),
        (Post.Kind.PUBLICATION, "/ko/publications/", "발간물"),
    ],
)
def test_a_post_page_shows_where_it_sits_and_links_back_to_its_list(
    client, kind, list_path, label
):
    PostFactory(slug="bus", kind=kind, title_ko="버스 중앙차로")

    html = parse(client.get("/ko/posts/bus/"))

    assert crumbs(client, "/ko/posts/bus/") == [
        ("홈", "/ko/"),
        (label, list_path),
        ("버스 중앙차로", None),
    ]
    assert html.select_one("nav.breadcrumbs [aria-current=page]")
    back = html.select_one(".back-to-list a")
    assert back["href"] == list_path and back.get_text(strip=True).startswith("목록")


def test_a_program_page_shows_where_it_sits_and_links_back_to_the_programs(client):
    ProgramFactory(slug="training", name_en="Urban training")

    html = parse(client.get("/en/programs/training/"))

    assert crumbs(client, "/en/programs/training/") == [
        ("Home", "/en/"),
        ("Programs", "/en/programs/"),
        ("Urban training", None),
    ]
    assert html.select_one(".back-to-list a")["href"] == "/en/programs/"


def test_lists_and_other_pages_hang_from_the_home_page(client):
    field = PolicyFieldFactory(slug="transport", name_en="Transport")
    PostFactory(policy_field=field)

    assert crumbs(client, "/en/news/") == [("Home", "/en/"), ("News", None)]
    assert crumbs(client, "/en/policy-fields/transport/")[-1] == ("Transport", None)
    assert crumbs(client, "/en/pages/privacy/") == [
        ("Home", "/en/"),
        ("Privacy policy", None),
    ]
    assert crumbs(client, "/en/") == []
    assert crumbs(client, "/en/no-such-page/") == []


def test_a_title_shown_in_the_other_language_is_marked_in_the_breadcrumbs(client):
    PostFactory(slug="only-english", title_ko="", title_en="Only in English")

    current = parse(client.get("/ko/posts/only-english/")).select_one(
        "nav.breadcrumbs [aria-current=page]"
    )

    assert current.get_text() == "Only in English" and current["lang"] == "en"


def test_breadcrumbs_are_a_schema_org_breadcrumb_list(client):
    PostFactory(slug="bus")

    items = parse(client.get("/en/posts/bus/")).select(
        "nav.breadcrumbs [itemtype='https://schema.org/ListItem']"
    )

    assert [i.select_one("meta[itemprop=position]")["content"] for i in items] == [
        "1",
        "2",
        "3",
    ]
    assert all(i.select_one("[itemprop=name]") for i in items)


@pytest.mark.parametrize(
    "lang,department",
    [("ko", "글로벌도시정책관"), ("en", "Global Urban Policy Division")],
)
def test_every_page_names_the_responsible_department_and_its_telephone(
    client, lang, department
):
    case = one_of_everything()["case"]
    # A case names the department that ran it, with that department's number.
    own = case.department.translation_value("name", lang)
    own_phone = "tel:+82-2-2133-3500"

    missing = {}
    for name, path in public_pages(lang).items():
        info = parse(client.get(path)).select_one("main .page-info")
        expected, phone = (
            (own, own_phone)
            if name.endswith("policy_case_detail")
            else (department, "tel:+82-2-120")
        )
        if (
            info is None
            or expected not in info.get_text()
            or not info.find("a", href=phone)
        ):
            missing[name] = path

    assert missing == {}


def test_a_post_names_its_own_department_in_each_language(client):
    PostFactory(
        slug="bus",
        department_ko="교통정책과",
        department_en="",
        department_phone="02-2133-2222",
    )

    korean = parse(client.get("/ko/posts/bus/")).select_one(".page-info")
    english = parse(client.get("/en/posts/bus/")).select_one(".page-info")

    assert "교통정책과" in korean.get_text() and "02-2133-2222" in korean.get_text()
    # Not translated yet: the Korean name, marked as Korean.
    department = english.select_one("dd [lang=ko]") or english.select_one("dd[lang=ko]")
    assert department.get_text(strip=True).startswith("교통정책과")
    assert department.get("dir") == "ltr"
    assert "+82-2-2133-2222" in english.get_text()
