"""The vendor file pages (export, upload, preview) pass axe on a desktop and a
phone, and the preview's tables stay inside a phone's width.

Set VENDOR_SHOTS to a folder to keep a screenshot of each page there."""

import os
from pathlib import Path

import polib
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from portal.admin.vendor_files import applying, selection
from portal.models import Post, TranslationUpload
from tests.browser.conftest import DESKTOP, PHONE, STAFF_PASSWORD, sign_in
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def returned_file(user) -> TranslationUpload:
    """A Spanish file for the seeded posts: one unit translated, one with
    broken markup, one naming a post that does not exist."""
    posts = list(Post.objects.order_by("pk")[:20])
    download = selection.export(
        selection.Selection(
            entries=(selection.entry_for("portal.Post"),),
            state=selection.State.ALL,
        ),
        targets=["es"],
        file_format="po",
        source="ko",
        day=timezone.localdate(),
    )
    catalog = polib.pofile(download.data.decode())
    catalog.find(
        selection.unit_id(posts[0], "title"), by="msgctxt"
    ).msgstr = "Título traducido de la primera publicación"
    body = catalog.find(selection.unit_id(posts[1], "body"), by="msgctxt")
    body.msgstr = "<p>Sin <strong>cierre</p>"
    catalog.append(
        polib.POEntry(msgctxt="portal.post.999999.title", msgid="x", msgstr="y")
    )
    data = str(catalog).encode()
    # As the upload page reads it, in the uploader's language.
    with translation.override("en"):
        returned = applying.read(data)
    return TranslationUpload.objects.create(
        uploaded_by=user,
        filename="portal-es-2026-12-05.po",
        file_format="po",
        source_language=returned.source_language,
        target_language=returned.target_language,
        data=data,
        units=applying.stored(returned),
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_vendor_file_pages_have_no_violations(site, browser, viewport):
    user = get_user_model().objects.create_superuser(
        "editor", "e@example.org", STAFF_PASSWORD
    )
    upload = returned_file(user)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, site.url)
    shots = os.environ.get("VENDOR_SHOTS")
    found = {}
    for name, path in (
        ("export", "/admin/portal/translationupload/export/"),
        ("upload", "/admin/portal/translationupload/upload/"),
        ("preview", f"/admin/portal/translationupload/{upload.pk}/preview/"),
    ):
        page.goto(site.url + path)
        assert page.locator("h1").count() == 1
        found[name] = violations(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth > window.innerWidth"
        )
        if overflow:
            found[name].append("the page is wider than the window")
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(
                path=f"{shots}/{name}-{viewport['width']}.png", full_page=True
            )
    context.close()

    assert found == {"export": [], "upload": [], "preview": []}
