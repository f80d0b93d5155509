"""What staff delete or unpublish in the admin stays so, whatever the import does.

``make run`` imports the seeds at every start: a seeded post an editor deleted came
back, published, at the next start.
"""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from portal.models import Partner, PolicyField, Post, SeedTombstone
from portal.seeds.importer import import_records
from portal.seeds.parser import parse_document

pytestmark = pytest.mark.django_db

DOCUMENT = """\
• Climate Card Sales Hit 1 Million
    등록일 2024-04-11 글쓴이 seoulsolution
    On Fri, Apr. 5, the Climate Card surpassed the milestone.
• Seoul dog patrol
    등록일 2024-04-12 글쓴이 seoulsolution
    Dogs and their owners walk the neighbourhood.
• 기재부 로고이미지
"""


def run(**options):
    return import_records(parse_document(DOCUMENT, "doc.txt"), **options)


def import_seeds(path, *args) -> str:
    out = io.StringIO()
    call_command("import_seeds", path, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def climate() -> Post:
    return Post.objects.get(title_en__startswith="Climate Card")


def test_a_seeded_post_deleted_in_the_admin_is_not_imported_again(admin_client):
    run()
    post = climate()

    response = admin_client.post(
        reverse("admin:portal_post_delete", args=[post.pk]), {"post": "yes"}
    )
    report = run()

    assert response.status_code == 302
    assert not Post.objects.filter(title_en__startswith="Climate Card").exists()
    assert report.tallies["posts"].deleted == 1
    assert report.tallies["posts"].created == 0
    assert any("Climate Card Sales" in line for line in report.deleted)
    assert "Climate Card Sales Hit 1 Million (doc.txt:1)" in report.summary()


def test_posts_deleted_with_the_bulk_action_stay_deleted_even_with_overwrite(
    admin_client, tmp_path
):
    path = tmp_path / "doc.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    import_seeds(str(path))

    admin_client.post(
        reverse("admin:portal_post_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(Post.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    with translation.override(settings.LANGUAGE_CODE):
        out = import_seeds(str(path), "--overwrite")

    assert Post.objects.count() == 0
    assert "Seoul dog patrol (" in out
    # One language in the operator's log, whatever language is active.
    assert "deleted by staff, kept deleted" in out
    assert SeedTombstone.objects.count() == 2


def test_restore_deleted_brings_deleted_items_back(admin_client, tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    import_seeds(str(path))
    partner = Partner.objects.get()
    admin_client.post(
        reverse("admin:portal_partner_delete", args=[partner.pk]), {"post": "yes"}
    )
    admin_client.post(
        reverse("admin:portal_post_delete", args=[climate().pk]), {"post": "yes"}
    )

    import_seeds(str(path), "--restore-deleted")

    assert climate().status == Post.Status.PUBLISHED
    assert Partner.objects.count() == 1
    assert not SeedTombstone.objects.exists()
    assert run().deleted == []


def test_a_deleted_policy_field_is_not_created_again(admin_client):
    run()
    field = PolicyField.objects.get(slug="transportation")

    admin_client.post(
        reverse("admin:portal_policyfield_delete", args=[field.pk]), {"post": "yes"}
    )
    report = run()

    assert not PolicyField.objects.filter(slug="transportation").exists()
    assert report.tallies["policy fields"].deleted == 1


def test_an_unpublished_seeded_post_stays_unpublished_and_is_reported(admin_client):
    run()
    post = climate()

    admin_client.post(
        reverse("admin:portal_post_changelist"),
        {"action": "unpublish", "_selected_action": [post.pk]},
    )
    report = run(overwrite=True)

    assert climate().status == Post.Status.DRAFT
    assert report.tallies["posts"].unpublished == 1
    assert any("Climate Card Sales" in line for line in report.unpublished)


def test_a_post_recovered_in_the_admin_is_no_longer_listed_as_deleted(admin_client):
    run()
    post = climate()
    admin_client.post(
        reverse("admin:portal_post_delete", args=[post.pk]), {"post": "yes"}
    )

    # The admin's "Recover deleted posts" (django-reversion) puts the row back.
    post.save()
    report = run()

    assert report.deleted == []
    assert not SeedTombstone.objects.exists()


def test_the_admin_lists_deleted_seed_items_and_deleting_one_allows_the_import(
    admin_client,
):
    run()
    admin_client.post(
        reverse("admin:portal_post_delete", args=[climate().pk]), {"post": "yes"}
    )
    tombstone = SeedTombstone.objects.get()

    listing = admin_client.get(reverse("admin:portal_seedtombstone_changelist"))
    change = admin_client.get(
        reverse("admin:portal_seedtombstone_change", args=[tombstone.pk])
    )
    admin_client.post(
        reverse("admin:portal_seedtombstone_delete", args=[tombstone.pk]),
        {"post": "yes"},
    )
    run()

    assert "Climate Card Sales" in listing.content.decode()
    assert tombstone.deleted_by == "admin"
    assert b'name="title"' not in change.content
    assert climate()
