"""The curated policy cases (portal/seeds/policy_cases.toml) and their import.

A newcomer's ``make run`` shows the policies the seeds report as cases, holding
only what the seeds state; a re-import keeps what staff edited or deleted; a
broken cases file stops the import before it writes anything.
"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from portal.languages import language_codes, localized
from portal.models import (
    Department,
    Milestone,
    Outcome,
    PolicyCase,
    Post,
    SeedTombstone,
)
from portal.seeds import case_file

pytestmark = pytest.mark.django_db

DOCUMENT = """\
• Climate Card Sales Hit 1 Million
    등록일 2024-04-11 글쓴이 seoulsolution
    On Fri, Apr. 5, the Climate Card surpassed the milestone.
"""

CASES = """\
[departments.transport-office]
name_en = "Transport Office"

[[cases]]
slug = "climate-card"
policy_field = "transportation"
goals = [11]
start_year = 2024
department = "transport-office"
posts = ["Climate Card Sales Hit 1 Million"]
title_ko = "기후동행카드"
title_en = "Climate Card"
approach_en = "<p>A card.</p><ul><li>Buses</li></ul>"

[[cases.milestones]]
year = 2024
month = 1
text_en = "Launched"

[[cases.outcomes]]
figure_en = "1 million"
text_en = "cards sold"
source_en = "News, 11 April 2024"
"""


def import_seeds(*args) -> str:
    out = io.StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def import_small(tmp_path, cases: str = CASES, *args) -> str:
    return import_seeds(
        write(tmp_path, "doc.txt", DOCUMENT),
        "--cases",
        write(tmp_path, "cases.toml", cases),
        *args,
    )


def case(slug: str) -> PolicyCase:
    return PolicyCase.objects.get(slug=slug)


def snapshot():
    return (
        sorted(
            PolicyCase.objects.values_list("pk", "updated_at", "import_fingerprint")
        ),
        sorted(Milestone.objects.values_list("pk", "case_id", "text_en")),
        sorted(Outcome.objects.values_list("pk", "case_id", "figure_en")),
        sorted(PolicyCase.related_posts.through.objects.values_list("pk", flat=True)),
    )


# The real seeds and the curated file.


def test_the_seeds_policies_are_published_cases_marked_for_review():
    out = import_seeds()

    assert "policy cases: 6 created" in out
    assert "departments: 1 created" in out
    assert set(PolicyCase.objects.values_list("slug", flat=True)) == {
        "sharing-city-seoul",
        "climate-card",
        "happy-parents-project-multi-children-families",
        "seoul-dog-patrol",
        "international-resident-policy-master-plan",
        "summer-accident-and-disaster-measures-2023",
    }
    assert PolicyCase.objects.published().count() == 6
    assert not PolicyCase.objects.filter(needs_review=False).exists()


def test_every_case_is_written_in_korean_and_english():
    import_seeds()

    for row in PolicyCase.objects.all():
        for code in ("ko", "en"):
            assert row.translation_value("title", code), (row.slug, code)
            assert row.translation_value("summary", code), (row.slug, code)
        for milestone in row.milestones.all():
            assert milestone.text_ko and milestone.text_en


def test_the_master_plan_case_holds_the_seeds_figures_and_links():
    import_seeds()
    plan = case("international-resident-policy-master-plan")

    assert plan.budget_en == "KRW 250.6 billion over five years"
    assert (plan.start_year, plan.end_year) == (2024, 2028)
    assert plan.policy_field.slug == "city-diplomacy"
    assert plan.goal_list == [10]
    assert [post.title_en for post in plan.related_posts.all()] == [
        "Mayor Oh Announces International Resident Policy Master Plan to Boost City’s…"
    ]
    assert "1,000 science and engineering graduates" in plan.approach_en
    assert "<ul>" in plan.approach_ko


def test_the_tourist_pass_is_part_of_the_climate_card_case():
    import_seeds()
    card = case("climate-card")

    titles = sorted(post.title_en for post in card.related_posts.all())
    assert titles[0].startswith("Climate Card Sales Hit 1 Million")
    assert titles[1].startswith("Seoul Launches ‘Climate Card Tourist Pass’")
    assert [(m.year, m.month) for m in card.timeline][0] == (2024, 1)
    assert any("Tourist Pass" in m.text_en for m in card.timeline)
    figures = [outcome.figure_en for outcome in card.outcome_list]
    assert figures == ["About 1.008 million", "500,000"]
    assert all("Climate Card Sales Hit" in o.source_en for o in card.outcome_list)
    assert not PolicyCase.objects.filter(title_en__icontains="tourist pass").exists()


def test_the_dog_patrol_is_run_by_the_police_commission_and_has_no_budget():
    import_seeds()
    patrol = case("seoul-dog-patrol")

    assert patrol.department.name_en == "Seoul Autonomous Police Commission"
    assert not patrol.department.has_contact
    for code in language_codes():
        assert not patrol.translation_value("budget", code)
    assert patrol.start_year is None
    assert [o.figure_en for o in patrol.outcome_list] == ["1,962", "700 teams"]


def test_what_the_seeds_do_not_say_stays_empty():
    import_seeds()

    for row in PolicyCase.objects.all():
        assert row.phase == ""
        assert not row.contact_name
        for code in language_codes():
            assert not row.translation_value("obstacles", code)
            assert not row.translation_value("lessons", code)
    sharing = case("sharing-city-seoul")
    assert sharing.start_year is None and not sharing.period
    assert not sharing.related_posts.exists()
    assert [p.slug for p in sharing.related_programs.all()] == ["sharing-city-seoul"]
    assert not case("climate-card").problem_en
    assert not case("happy-parents-project-multi-children-families").department
    assert Department.objects.count() == 1


def test_the_file_names_only_visitor_facing_fields_of_the_models():
    for model, fields in (
        (PolicyCase, case_file.CASE_TEXTS),
        (Milestone, case_file.MILESTONE_TEXTS),
        (Outcome, case_file.OUTCOME_TEXTS),
        (Department, case_file.DEPARTMENT_TEXTS),
    ):
        assert set(fields) <= set(model.translated_field_names()), model


# Re-imports and staff.


def test_a_second_import_changes_nothing():
    import_seeds()
    before = snapshot()

    out = import_seeds()

    assert "policy cases: 0 created, 0 updated, 6 unchanged, 0 kept" in out
    assert "departments: 0 created, 0 updated, 1 unchanged" in out
    assert snapshot() == before


def test_a_dry_run_counts_the_cases_and_writes_none():
    out = import_seeds("--dry-run")

    assert "policy cases: 6 created" in out
    assert not PolicyCase.objects.exists()
    assert not Department.objects.exists()


def test_documents_named_without_cases_import_no_cases(tmp_path):
    import_seeds(write(tmp_path, "doc.txt", DOCUMENT))

    assert Post.objects.count() == 1
    assert not PolicyCase.objects.exists()


def test_a_case_staff_edited_is_kept(tmp_path):
    import_small(tmp_path)
    PolicyCase.objects.update(title_en="Climate Card, checked")
    changed = CASES.replace("<p>A card.</p>", "<p>A pass.</p>")

    out = import_small(tmp_path, changed)

    assert "policy cases: 0 created, 0 updated, 0 unchanged, 1 kept" in out
    assert "Kept because staff edited them" in out
    kept = case("climate-card")
    assert kept.title_en == "Climate Card, checked"
    assert "A card." in kept.approach_en


def test_a_milestone_staff_edited_keeps_the_case(tmp_path):
    import_small(tmp_path)
    Milestone.objects.update(text_en="Launched on a Saturday")

    out = import_small(tmp_path, CASES.replace("cards sold", "cards bought"))

    assert "1 kept" in out
    assert Milestone.objects.get().text_en == "Launched on a Saturday"
    assert Outcome.objects.get().text_en == "cards sold"


def test_a_translation_staff_add_is_not_an_edit(tmp_path):
    import_small(tmp_path)
    PolicyCase.objects.update(**{localized("summary", "fr"): "Une carte."})

    out = import_small(tmp_path, CASES.replace("Launched", "Released"))

    assert "policy cases: 0 created, 1 updated" in out
    assert case("climate-card").translation_value("summary", "fr") == "Une carte."


def test_a_changed_case_is_rewritten_with_its_milestones_and_outcomes(tmp_path):
    import_small(tmp_path)
    old_milestone = Milestone.objects.get().pk
    changed = CASES.replace('text_en = "Launched"', 'text_en = "Released"').replace(
        "goals = [11]", "goals = [11, 13]"
    )

    out = import_small(tmp_path, changed)

    assert "policy cases: 0 created, 1 updated" in out
    updated = case("climate-card")
    assert [m.text_en for m in updated.milestones.all()] == ["Released"]
    assert updated.milestones.get().pk != old_milestone
    assert updated.goal_list == [11, 13]
    assert updated.outcomes.count() == 1
    assert updated.related_posts.count() == 1
    assert "0 created, 0 updated, 1 unchanged" in import_small(tmp_path, changed)


def test_a_case_deleted_in_the_admin_stays_deleted(admin_client, tmp_path):
    import_small(tmp_path)

    response = admin_client.post(
        reverse("admin:portal_policycase_delete", args=[case("climate-card").pk]),
        {"post": "yes"},
    )
    out = import_small(tmp_path, CASES, "--overwrite")

    assert response.status_code == 302
    assert SeedTombstone.objects.of_model(PolicyCase).count() == 1
    assert not PolicyCase.objects.exists()
    assert "deleted by staff, kept deleted" in out
    assert "policy case climate-card (" in out
    import_small(tmp_path, CASES, "--restore-deleted")
    assert case("climate-card").milestones.count() == 1


def test_a_department_staff_changed_or_deleted_is_left_alone(admin_client, tmp_path):
    import_small(tmp_path)
    Department.objects.update(phone="02-2133-0000")
    import_small(tmp_path)
    assert Department.objects.get().phone == "02-2133-0000"

    PolicyCase.objects.all().delete()  # a department that runs a case is protected
    department = Department.objects.get()
    admin_client.post(
        reverse("admin:portal_department_delete", args=[department.pk]),
        {"post": "yes"},
    )
    out = import_small(tmp_path)

    assert not Department.objects.exists()
    assert "department transport-office" in out
    assert case("climate-card").department is None


def test_a_staff_case_with_the_same_slug_is_left_alone(tmp_path):
    PolicyCase.objects.create(slug="climate-card", title_en="Staff's own")

    import_small(tmp_path)

    assert case("climate-card").title_en == "Staff's own"
    assert case("climate-card-2").title_en == "Climate Card"


# A broken cases file.

BROKEN = [
    ("bad TOML", CASES.replace("goals = [11]", "goals = [11"), "invalid TOML"),
    (
        "unknown policy field",
        CASES.replace('"transportation"', '"transport"'),
        "the policy field 'transport' in case 'climate-card'",
    ),
    (
        "unknown post title",
        CASES.replace('["Climate Card Sales Hit 1 Million"]', '["Climate Card"]'),
        "the post title 'Climate Card' in case 'climate-card'",
    ),
    (
        "misspelt key",
        CASES.replace("approach_en", "aproach_en"),
        "the key 'aproach_en' in case 'climate-card'",
    ),
    (
        "unknown department",
        CASES.replace('department = "transport-office"', 'department = "mayor"'),
        "the department 'mayor' in case 'climate-card'",
    ),
    (
        "milestone month",
        CASES.replace("month = 1", "month = 13"),
        "case 'climate-card', milestone #1 dated 2024-13",
    ),
    (
        "no title",
        CASES.replace('title_ko = "기후동행카드"\ntitle_en = "Climate Card"\n', ""),
        "case 'climate-card' without a title",
    ),
]


@pytest.mark.parametrize(
    "cases,message", [row[1:] for row in BROKEN], ids=[row[0] for row in BROKEN]
)
def test_a_broken_cases_file_names_the_entry_and_writes_nothing(
    tmp_path, cases, message
):
    import_small(tmp_path)
    before = snapshot(), Post.objects.count()

    with pytest.raises(CommandError) as error:
        import_small(tmp_path, cases, "--overwrite")

    assert message in str(error.value)
    assert str(tmp_path / "cases.toml") in str(error.value)
    assert "Nothing was imported" in str(error.value)
    assert (snapshot(), Post.objects.count()) == before
