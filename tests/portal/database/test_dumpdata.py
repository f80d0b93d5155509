"""Django's own dumpdata and loaddata work on every database the portal runs on:
operators use them to move a site from SQLite to PostgreSQL (docs/operations.md).
The search tables, which the database's triggers fill, are never dumped: loading
the content fills them again."""

import io

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from portal.models import ContentVersion, Post
from tests.factories import (
    FAQEntryFactory,
    ImageFactory,
    PartnerFactory,
    PolicyFieldFactory,
    PostFactory,
    ProgramFactory,
)
from tests.portal.database.test_backup import same_instants

pytestmark = pytest.mark.django_db(transaction=True)

# What Django's documentation says to leave out of a dump meant for another
# database: rows that migrations and post_migrate make again.
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


def dump(*labels: str) -> str:
    out = io.StringIO()
    call_command(
        "dumpdata",
        *labels,
        exclude=[] if labels else EXCLUDED,
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        stdout=out,
    )
    return same_instants(out.getvalue())


@pytest.fixture
def site_content():
    ContentVersion.objects.get_or_create(pk=1)
    editor = get_user_model().objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.create(name="Reviewers"))
    field = PolicyFieldFactory(name_ko="교통", name_en="Transport")
    with reversion.create_revision():
        reversion.set_user(editor)
        post = PostFactory(
            title_ko="버스 노선 개편",
            title_en="Bus network reform",
            policy_field=field,
            lead_image=ImageFactory(),
        )
    programme = ProgramFactory(name_ko="도시 교류", name_en="City exchange")
    FAQEntryFactory(program=programme, question_ko="언제?", question_en="When?")
    programme.related_posts.add(post)
    PartnerFactory(name_ko="세계은행", name_en="World Bank")
    LogEntry.objects.log_actions(editor.pk, [post], 2, change_message="edited")


def test_dumpdata_of_the_portal_app_works(site_content):
    assert '"title_en": "Bus network reform"' in dump("portal")


def test_dumpdata_and_loaddata_round_trip_the_whole_site(
    site_content, tmp_path, client
):
    before = dump()
    fixture = tmp_path / "site.json"
    fixture.write_text(before, encoding="utf-8")
    call_command("flush", interactive=False, verbosity=0)
    assert Post.objects.count() == 0

    call_command("loaddata", str(fixture), verbosity=0)

    assert dump() == before
    assert get_user_model().objects.get().check_password("pw")
    # The search index was filled by the database as the rows came in.
    page = client.get("/ko/search/?q=버스").content.decode()
    assert f'href="/ko/posts/{Post.objects.get().slug}/"' in page
