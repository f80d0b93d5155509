"""Public content is declared once, and everything that must know it reads that.

The cache tests change every public table, through tables included, both from the
ORM and with raw SQL, and look for the change on the cached page that shows it.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
import reversion
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from portal.admin.dashboard import translation_summary
from portal.database.triggers import installed_version_tables
from portal.models import (
    ChangeNote,
    Consent,
    ContentVersion,
    Department,
    GlossaryTerm,
    Inquiry,
    InquiryAccess,
    InquiryNote,
    InquiryReply,
    Milestone,
    Outcome,
    OutgoingMail,
    Page,
    PageFeedback,
    PolicyCase,
    Post,
    Program,
    SeedTombstone,
    StaleTranslation,
    SustainableDevelopmentGoal,
    TranslationUpload,
    TranslatorLanguages,
)
from portal.models.public import PUBLIC_CONTENT, public_models, public_tables
from portal.pages.sitemaps import sections
from tests.factories import (
    ChangeNoteFactory,
    DepartmentFactory,
    FAQEntryFactory,
    ImageFactory,
    MilestoneFactory,
    OutcomeFactory,
    PartnerFactory,
    PolicyCaseFactory,
    PolicyFieldFactory,
    PostFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db


def fetch(path: str):
    return Client().get(path)


INQUIRY_MODELS = (
    Consent,
    Inquiry,
    InquiryAccess,
    InquiryNote,
    InquiryReply,
    OutgoingMail,
)


def test_every_model_with_public_rows_is_declared():
    own = {
        model
        for model in apps.get_app_config("portal").get_models()
        # The content version and the seed items staff deleted are bookkeeping;
        # answers to the satisfaction question are visitors' words staff read;
        # translators' languages are staff settings; the seventeen goals are
        # fixed rows a migration makes, named by the interface catalogs; requests
        # and their mail are one visitor's, shown to nobody else; the glossary is
        # translators' reference.
        if model._meta.managed
        and model
        not in (
            ContentVersion,
            SeedTombstone,
            PageFeedback,
            TranslatorLanguages,
            GlossaryTerm,
            StaleTranslation,
            TranslationUpload,
            SustainableDevelopmentGoal,
            *INQUIRY_MODELS,
        )
    }
    assert own == set(public_models())


def test_every_public_table_has_a_version_trigger():
    # Worked out from the models themselves, not from the declaration's helper.
    expected = set()
    for model in public_models():
        expected.add(model._meta.db_table)
        for field in model._meta.many_to_many:
            # Links to staff accounts (a department's members) are on no page.
            if field.related_model is not get_user_model():
                expected.add(field.remote_field.through._meta.db_table)

    assert expected == set(public_tables())
    assert expected - installed_version_tables() == set()


def test_every_public_model_keeps_its_history():
    assert all(reversion.is_registered(model) for model in public_models())


def test_the_translation_dashboard_counts_every_public_model(superuser):
    counted = {row.model_name for row in translation_summary(superuser)}
    assert counted == {model._meta.model_name for model in public_models()}


def test_every_declared_sitemap_section_is_served(client):
    for entry in PUBLIC_CONTENT:
        if entry.sitemap:
            assert entry.sitemap.section in sections()
            path = f"/sitemap-{entry.sitemap.section}.xml"
            assert client.get(path).status_code == 200, path


@dataclass
class Scene:
    """One public table: the page that shows it, and two ways to change it."""

    path: str
    orm: Callable[[], str]  # changes the table through the ORM, returns new text
    sql: Callable[[], str]  # the same with raw SQL


def raw(statement: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def scenes() -> dict[str, Scene]:
    field = PolicyFieldFactory(slug="environment", name_en="Environment")
    post = PostFactory(slug="climate", title_en="Climate Card", policy_field=field)
    other = PostFactory(slug="other", title_en="Unrelated story")
    program = ProgramFactory(slug="training", name_en="Training")
    entry = FAQEntryFactory(program=program, question_en="Who may apply?")
    partner = PartnerFactory(name_en="World Bank")
    image = ImageFactory(alt_text_en="Cyclists on the Han")
    Post.objects.filter(pk=post.pk).update(lead_image=image)
    privacy = Page.objects.get(slug="privacy")
    department = DepartmentFactory(name_en="Climate Division")
    case = PolicyCaseFactory(slug="card", department=department)
    milestone = MilestoneFactory(case=case, text_en="Pilot began")
    outcome = OutcomeFactory(case=case, text_en="cards sold")
    note = ChangeNoteFactory(case=case, note_en="Added the figure")
    case_page = "/en/cases/card/"
    tour = ProgramFactory(slug="tour", name_en="Study tour")

    def case_link(through, column, value, text, *, orm):
        def change():
            if orm:
                getattr(case, through).add(value)
            else:
                table = getattr(PolicyCase, through).through._meta.db_table
                raw(
                    f"INSERT INTO {table} (policycase_id, {column}) VALUES (%s, %s)",
                    [case.pk, value if isinstance(value, int) else value.pk],
                )
            return text

        return change

    def orm_update(obj, field_name, text):
        def change():
            setattr(obj, field_name, text)
            obj.save()
            return text

        return change

    def sql_update(table, column, pk, text):
        def change():
            raw(f"UPDATE {table} SET {column} = %s WHERE id = %s", [text, pk])
            return text

        return change

    def link_by_orm():
        program.related_posts.add(other)
        return "Unrelated story"

    def link_by_sql():
        raw(
            "INSERT INTO portal_program_related_posts (program_id, post_id) "
            "VALUES (%s, %s)",
            [program.pk, other.pk],
        )
        return "Unrelated story"

    return {
        Post._meta.db_table: Scene(
            "/en/posts/climate/",
            orm_update(post, "title_en", "Climate Card, renamed"),
            sql_update("portal_post", "title_en", post.pk, "Climate Card by SQL"),
        ),
        Program._meta.db_table: Scene(
            "/en/programs/training/",
            orm_update(program, "name_en", "Training, renamed"),
            sql_update("portal_program", "name_en", program.pk, "Training by SQL"),
        ),
        Program.related_posts.through._meta.db_table: Scene(
            "/en/programs/training/", link_by_orm, link_by_sql
        ),
        entry._meta.db_table: Scene(
            "/en/programs/training/",
            orm_update(entry, "question_en", "Who may apply now?"),
            sql_update(entry._meta.db_table, "question_en", entry.pk, "Who, by SQL?"),
        ),
        partner._meta.db_table: Scene(
            "/en/partners/",
            orm_update(partner, "name_en", "World Bank Group"),
            sql_update(partner._meta.db_table, "name_en", partner.pk, "IBRD by SQL"),
        ),
        image._meta.db_table: Scene(
            "/en/posts/climate/",
            orm_update(image, "alt_text_en", "Cyclists by the river"),
            sql_update(image._meta.db_table, "alt_text_en", image.pk, "Bikes by SQL"),
        ),
        # A standing page's title is in every page's footer.
        Page._meta.db_table: Scene(
            "/en/partners/",
            orm_update(privacy, "title_en", "Privacy notice"),
            sql_update(Page._meta.db_table, "title_en", privacy.pk, "Privacy by SQL"),
        ),
        PolicyCase._meta.db_table: Scene(
            case_page,
            orm_update(case, "title_en", "Climate Card case"),
            sql_update(PolicyCase._meta.db_table, "title_en", case.pk, "Card by SQL"),
        ),
        PolicyCase.goals.through._meta.db_table: Scene(
            case_page,
            case_link(
                "goals", "sustainabledevelopmentgoal_id", 5, "Gender equality", orm=True
            ),
            case_link(
                "goals", "sustainabledevelopmentgoal_id", 6, "Clean water", orm=False
            ),
        ),
        PolicyCase.related_posts.through._meta.db_table: Scene(
            case_page,
            case_link("related_posts", "post_id", post, "Climate Card", orm=True),
            case_link("related_posts", "post_id", other, "Unrelated story", orm=False),
        ),
        PolicyCase.related_programs.through._meta.db_table: Scene(
            case_page,
            case_link("related_programs", "program_id", program, "Training", orm=True),
            case_link("related_programs", "program_id", tour, "Study tour", orm=False),
        ),
        Milestone._meta.db_table: Scene(
            case_page,
            orm_update(milestone, "text_en", "Pilot widened"),
            sql_update(
                Milestone._meta.db_table, "text_en", milestone.pk, "Pilot by SQL"
            ),
        ),
        Outcome._meta.db_table: Scene(
            case_page,
            orm_update(outcome, "text_en", "cards in use"),
            sql_update(Outcome._meta.db_table, "text_en", outcome.pk, "Sold by SQL"),
        ),
        ChangeNote._meta.db_table: Scene(
            case_page,
            orm_update(note, "note_en", "Corrected the figure"),
            sql_update(ChangeNote._meta.db_table, "note_en", note.pk, "Noted by SQL"),
        ),
        Department._meta.db_table: Scene(
            case_page,
            orm_update(department, "name_en", "Mobility Division"),
            sql_update(
                Department._meta.db_table, "name_en", department.pk, "Desk by SQL"
            ),
        ),
        field._meta.db_table: Scene(
            "/en/policy-fields/environment/",
            orm_update(field, "name_en", "Climate and environment"),
            sql_update(field._meta.db_table, "name_en", field.pk, "Green by SQL"),
        ),
    }


def test_the_change_scenes_cover_every_public_table(scenes):
    assert set(scenes) == set(public_tables())


@pytest.mark.parametrize("table", public_tables())
@pytest.mark.parametrize("how", ["orm", "sql"])
def test_changing_a_public_table_changes_the_cached_page(scenes, table, how):
    scene = scenes[table]
    fetch(scene.path)
    assert fetch(scene.path)["X-Cache"] == "hit"

    text = getattr(scene, how)()

    page = fetch(scene.path)
    assert page["X-Cache"] == "miss"
    assert text in page.content.decode()
