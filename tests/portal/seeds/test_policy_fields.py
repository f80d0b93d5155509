"""Imported posts get their policy field from the curated keyword map."""

import io

import pytest
from django.core.management import call_command

from portal.models import PolicyField, Post, Program
from portal.seeds.curated import load_curated
from portal.seeds.importer import import_records
from portal.seeds.parser import parse_document
from tests.conftest import parse

pytestmark = pytest.mark.django_db

DOCUMENT = """\
• Climate Card Sales Hit 1 Million
    등록일 2024-04-11 글쓴이 seoulsolution
    Subway and bus riders bought a million cards.
• 서울시 외국인 주민 정책 설명회 개최
    등록일 2024-05-02 글쓴이 seoulsolution
    서울시는 외국인 주민을 위한 설명회를 열었다.
• A Quiet Week at City Hall
    등록일 2024-05-03 글쓴이 seoulsolution
    Nothing happened.
• 공유도시(Sharing City) 서울은?

함께 나누어 활용하는 도시입니다.
"""


def run(text=DOCUMENT, **options):
    return import_records(parse_document(text, "doc.txt"), **options)


def field_of(title: str) -> str | None:
    post = (
        Post.objects.select_related("policy_field").get(title_en=title)
        if title.isascii()
        else Post.objects.get(title_ko=title)
    )
    return post.policy_field.slug if post.policy_field else None


def test_posts_get_the_field_their_words_name_in_either_language():
    run()

    assert field_of("Climate Card Sales Hit 1 Million") == "transportation"
    assert field_of("서울시 외국인 주민 정책 설명회 개최") == "city-diplomacy"


def test_posts_that_match_nothing_are_listed_in_the_report():
    report = run()

    assert field_of("A Quiet Week at City Hall") is None
    assert report.unmatched == ["A Quiet Week at City Hall (doc.txt:7)"]
    assert "A Quiet Week at City Hall" in report.summary()


def test_an_override_settles_a_post_by_its_title():
    curated = load_curated()
    curated.post_policy_fields["A Quiet Week at City Hall"] = "social-policy"

    report = run(curated=curated)

    assert field_of("A Quiet Week at City Hall") == "social-policy"
    assert report.unmatched == []


def test_a_field_staff_chose_is_kept_and_is_not_an_edit():
    run()
    economy = PolicyField.objects.get(slug="economy")
    Post.objects.filter(title_en__startswith="Climate Card").update(
        policy_field=economy
    )

    report = run(text=DOCUMENT.replace("a million cards", "a million cards so far"))

    assert field_of("Climate Card Sales Hit 1 Million") == "economy"
    assert report.tallies["posts"].updated == 1 and report.kept == []
    assert run(overwrite=True) and field_of("Climate Card Sales Hit 1 Million") == (
        "transportation"
    )


def test_posts_imported_before_fields_existed_get_one_on_the_next_import():
    run()
    Post.objects.update(policy_field=None)

    report = run()

    assert field_of("Climate Card Sales Hit 1 Million") == "transportation"
    assert report.tallies["posts"].unchanged == 3


def test_new_items_are_published_by_default_and_drafts_with_draft(tmp_path):
    run()
    assert set(Post.objects.values_list("status", flat=True)) == {"published"}
    Post.objects.all().delete()
    Program.objects.all().delete()
    document = tmp_path / "doc.txt"
    document.write_text(DOCUMENT, encoding="utf-8")

    call_command("import_seeds", "--draft", str(document), stdout=io.StringIO())

    assert set(Post.objects.values_list("status", flat=True)) == {"draft"}
    assert Program.objects.get().status == "draft"


def test_a_reimport_never_changes_the_status_either_way():
    run(publish=False)
    Post.objects.filter(title_en__startswith="Climate").update(status="published")

    run(publish=False)
    run(publish=True)

    statuses = dict(Post.objects.values_list("title_en", "status"))
    assert statuses["Climate Card Sales Hit 1 Million"] == "published"
    assert statuses["A Quiet Week at City Hall"] == "draft"


def test_on_the_seeded_site_every_policy_field_lists_posts_and_no_chip_is_empty(
    client,
):
    call_command("import_seeds", verbosity=0)

    for policy_field in PolicyField.objects.all():
        page = parse(client.get(f"/en/policy-fields/{policy_field.slug}/"))
        assert page.select(".card"), policy_field.slug
    for path in ("/en/news/", "/en/videos/", "/en/publications/", "/ko/videos/"):
        page = parse(client.get(path))
        chips = page.select(
            ".filters a[href*='policy_field='], .filters a[href*='year=']"
        )
        assert page.select(".filters a[href*='year=']"), path
        for chip in chips:
            listed = parse(client.get(path.split("?")[0] + chip["href"]))
            assert listed.select(".card"), (path, chip["href"])
