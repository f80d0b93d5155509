"""The glossary: approved terms and the names content already translates
(departments, programmes, policy fields), found in source texts and shown to
translators on the change form."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.glossary import Entry, entries, glossary_for, matches
from portal.models import GlossaryTerm
from tests.conftest import parse, translator
from tests.factories import (
    DepartmentFactory,
    GlossaryTermFactory,
    PolicyFieldFactory,
    PostFactory,
    ProgramFactory,
)
from tests.portal.admin.test_translator_fields import form_data

pytestmark = pytest.mark.django_db

CITY_HALL = Entry(
    {
        "ko": "서울시청",
        "en": "Seoul City Hall",
        "es": "Ayuntamiento de Seúl",
        "ar": "مبنى بلدية سيول",
        "zh-hans": "首尔市政府",
    },
    "",
    "Glossary",
)
SEOUL = Entry(
    {"ko": "서울", "en": "Seoul", "ar": "سيول", "zh-hans": "首尔"}, "", "Glossary"
)
BIKES = Entry(
    {
        "ko": "공공자전거",
        "en": "Public Bike Sharing",
        "fr": "Vélos en libre-service",
        "ar": "الدراجات المشتركة",
        "zh-hans": "公共自行车",
    },
    "",
    "Glossary",
)
ALL = [SEOUL, CITY_HALL, BIKES]


def test_a_korean_term_is_found_with_its_particle_attached():
    text = "서울시청에서 공공자전거를 늘린다고 밝혔다."

    assert matches(text, "ko", "es", ALL) == [("서울시청", "Ayuntamiento de Seúl")]
    assert matches(text, "ko", "en", ALL) == [
        ("공공자전거", "Public Bike Sharing"),
        ("서울시청", "Seoul City Hall"),
    ]


def test_english_terms_match_whole_words_in_any_case():
    assert matches("More PUBLIC BIKE sharing.", "en", "fr", ALL) == [
        ("Public Bike Sharing", "Vélos en libre-service")
    ]
    assert matches("Seoulites ride public bikes sharing", "en", "zh-hans", ALL) == []


def test_arabic_text_finds_a_term_with_a_prefix_and_gets_arabic_translations():
    text = "توسّع سيول شبكة بالدراجات المشتركة"

    assert matches(text, "ar", "en", ALL) == [
        ("الدراجات المشتركة", "Public Bike Sharing"),
        ("سيول", "Seoul"),
    ]
    assert matches("서울시청 발표", "ko", "ar", ALL) == [
        ("서울시청", "مبنى بلدية سيول")
    ]


def test_chinese_terms_match_without_spaces_longest_first_each_once():
    text = "首尔市政府扩大公共自行车。首尔的公共自行车"

    assert matches(text, "zh-hans", "en", ALL) == [
        ("首尔市政府", "Seoul City Hall"),
        ("公共自行车", "Public Bike Sharing"),
        ("首尔", "Seoul"),
    ]


def test_a_term_found_only_inside_a_longer_one_is_not_listed():
    assert matches("서울시청 앞", "ko", "en", ALL) == [("서울시청", "Seoul City Hall")]


def test_a_term_split_by_markup_in_a_rich_body_is_found():
    body = "<p>More <strong>Public</strong>\n<em>Bike</em> Sharing &amp; more</p>"

    assert matches(body, "en", "fr", ALL) == [
        ("Public Bike Sharing", "Vélos en libre-service")
    ]


def test_a_term_without_a_translation_in_the_target_language_is_not_offered():
    assert matches("서울시청", "ko", "fr", ALL) == []


def test_department_programme_and_policy_field_names_are_entries():
    DepartmentFactory(name_ko="기후환경본부", name_en="Climate and Environment HQ")
    ProgramFactory(name_ko="서울형 공공자전거", name_ar="دراجات سيول العامة")
    PolicyFieldFactory(name_ko="도시재생", name_en="Urban Regeneration")
    ProgramFactory(name_ko="초안 프로그램", status="draft")

    found = {entry.texts["ko"]: entry for entry in entries()}

    assert found["기후환경본부"].texts["en"] == "Climate and Environment HQ"
    assert found["기후환경본부"].origin == "Department"
    assert found["서울형 공공자전거"].texts["ar"] == "دراجات سيول العامة"
    assert found["서울형 공공자전거"].origin == "Program"
    assert found["도시재생"].origin == "Policy field"
    assert "초안 프로그램" not in found
    assert matches("도시재생 사업", "ko", "en") == [("도시재생", "Urban Regeneration")]


def test_only_approved_terms_are_entries_and_they_win_over_a_same_name():
    GlossaryTermFactory(term_ko="탄소중립", term_en="carbon neutrality", approved=False)
    GlossaryTermFactory(
        term_ko="기후환경본부",
        term_en="Climate and Environment Headquarters",
        note="Always the full name.",
    )
    DepartmentFactory(name_ko="기후환경본부", name_en="Climate and Environment HQ")

    found = [entry for entry in entries() if entry.texts["ko"] == "기후환경본부"]

    assert [e.texts["en"] for e in found] == ["Climate and Environment Headquarters"]
    assert found[0].note == "Always the full name."
    assert matches("탄소중립 정책", "ko", "en") == []


def test_reading_the_glossary_takes_a_query_per_model(django_assert_max_num_queries):
    for _ in range(15):
        term = GlossaryTermFactory()
        department = DepartmentFactory()
        ProgramFactory()
        PolicyFieldFactory()
    post = PostFactory(body_ko=f"<p>{term.term_ko}과 {department.name_ko}</p>")

    with django_assert_max_num_queries(4):
        assert len(entries()) == 60
    with django_assert_max_num_queries(4):
        assert len(glossary_for(post)) == 2


def test_a_translator_sees_the_terms_of_a_post_on_its_change_page():
    DepartmentFactory(
        name_ko="교통정책과",
        name_en="Transport Policy Division",
        name_es="División de Política de Transporte",
        name_ar="قسم سياسة النقل",
    )
    GlossaryTermFactory(term_ko="따릉이", term_en="Ttareungyi", approved=False)
    post = PostFactory(
        title_ko="따릉이 확대",
        body_ko="<p>교통정책과는 따릉이를 늘린다.</p>",
        body_es="",
    )
    client = Client()
    client.force_login(translator("spanish", ["es", "ar"]))

    response = client.get(reverse("admin:portal_post_change", args=[post.pk]))

    panel = parse(response).select_one("details.portal-glossary")
    assert panel is not None
    assert panel.select_one("table caption")
    rows = panel.select("tbody tr")
    assert len(rows) == 1  # the unapproved term is not shown
    term = rows[0].select_one("th[scope=row]")
    assert (term.get_text(strip=True), term["lang"], term["dir"]) == (
        "교통정책과",
        "ko",
        "ltr",
    )
    shown = [(s["lang"], s["dir"], s.get_text()) for s in rows[0].select("li span")]
    assert shown == [
        ("es", "ltr", "División de Política de Transporte"),
        ("ar", "rtl", "قسم سياسة النقل"),
        ("en", "ltr", "Transport Policy Division"),
    ]


def test_a_post_without_glossary_terms_has_no_panel(admin_client):
    post = PostFactory(title_ko="아무 용어 없음")

    response = admin_client.get(reverse("admin:portal_post_change", args=[post.pk]))

    assert response.status_code == 200
    assert not parse(response).select("details.portal-glossary")


def test_a_translator_translates_a_term_but_cannot_add_or_approve_one():
    term = GlossaryTermFactory(term_ko="자치구", term_en="", approved=False)
    client = Client()
    client.force_login(translator("terms", ["en"]))
    url = reverse("admin:portal_glossaryterm_change", args=[term.pk])

    changelist = reverse("admin:portal_glossaryterm_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(reverse("admin:portal_glossaryterm_add")).status_code == 403
    data = form_data(client.get(url))
    assert "approved" not in data and "term_ko" not in data and "term_es" not in data
    client.post(url, {**data, "term_en": "autonomous district", "approved": "on"})

    term.refresh_from_db()
    assert term.term_en == "autonomous district"
    assert term.approved is False


def test_an_editor_adds_and_approves_a_term(editor_client):
    response = editor_client.post(
        reverse("admin:portal_glossaryterm_add"),
        {"term_ko": "자치구", "term_en": "district", "note": "", "approved": "on"},
    )

    assert response.status_code == 302
    assert GlossaryTerm.objects.approved().get().term_en == "district"
    assert matches("강남구 등 자치구", "ko", "en") == [("자치구", "district")]
