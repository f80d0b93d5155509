"""Content written by migrations has a first version to go back to
(issue 28, point 13)."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from reversion.models import Version

from portal.models import Page
from portal.models.starting_pages import starting_pages
from tests.factories import FAQEntryFactory, PostFactory
from tests.portal.admin.test_translator_fields import form_data

pytestmark = pytest.mark.django_db


def test_after_migrate_every_starting_page_has_a_version():
    pages = Page.objects.filter(slug__in=[page["slug"] for page in starting_pages()])

    assert pages.count() == len(starting_pages())
    for page in pages:
        assert Version.objects.get_for_object(page).exists(), page.slug


def test_a_starting_pages_first_edit_can_be_undone(editor_client):
    page = Page.objects.get(slug=starting_pages()[0]["slug"])
    original = page.title_ko
    first = Version.objects.get_for_object(page).get()
    url = reverse("admin:portal_page_change", args=[page.pk])
    editor_client.post(url, {**form_data(editor_client.get(url)), "title_ko": "잘못"})
    page.refresh_from_db()
    assert page.title_ko == "잘못"

    revision = reverse("admin:portal_page_revision", args=[page.pk, first.pk])
    response = editor_client.post(revision, form_data(editor_client.get(revision)))

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title_ko == original


def test_rows_without_history_get_one_version_and_rows_with_history_none():
    migration = importlib.import_module("portal.migrations.0021_first_versions")
    faq = FAQEntryFactory()
    post = PostFactory()
    Version.objects.all().delete()
    migration.record_first_versions(apps, connection.schema_editor())
    counts = {
        obj: Version.objects.get_for_object(obj).count()
        for obj in (faq.program, faq, post)
    }

    migration.record_first_versions(apps, connection.schema_editor())

    assert counts == {faq.program: 1, faq: 1, post: 1}
    [program_version] = Version.objects.get_for_object(faq.program)
    kinds = {v.content_type.model for v in program_version.revision.version_set.all()}
    assert kinds == {"program", "faqentry"}
    assert {
        obj: Version.objects.get_for_object(obj).count()
        for obj in (faq.program, faq, post)
    } == counts, "a second run records nothing new"
