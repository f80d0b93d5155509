"""The privacy page's first section no longer says visitors are never asked for
their name: Ask Seoul asks for it. The sentence is replaced only where the page
still holds the text shipped in 0019, so an operator's own wording is kept; a
new site gets the new text from portal/models/starting_pages.toml.
"""

from django.db import migrations

from portal.languages import localized

SENTENCES = {
    "ko": (
        "이 누리집은 회원가입 없이 이용할 수 있으며, 방문자에게 이름·연락처 등 개인정보를 요구하지 않습니다. 다만 다음 정보가 자동으로 처리됩니다.",
        "이 누리집은 회원가입 없이 이용할 수 있습니다. 방문자가 ‘서울에 문의하기’로 요청할 때에만 이름·연락처 등을 받으며, 그 항목과 보유 기간은 이 방침 끝의 ‘서울에 문의하기 요청’에 적었습니다. 그 밖에는 다음 정보가 자동으로 처리됩니다.",
    ),
    "en": (
        "The portal can be used without an account, and visitors are never asked for their name or contact details. The following is processed automatically:",
        "The portal can be used without an account. Visitors are asked for their name and contact details only when they send a request through Ask Seoul; what is collected then, and for how long, is set out under “Requests sent through Ask Seoul” at the end of this policy. The following is processed automatically:",
    ),
}


def swap(apps, old: int, new: int) -> None:
    page = apps.get_model("portal", "Page").objects.filter(slug="privacy").first()
    if page is None:
        return
    changed = []
    for code, sentences in SENTENCES.items():
        for field in ("body", "body_text"):
            column = localized(field, code)
            text = getattr(page, column, None) or ""
            if sentences[old] in text:
                setattr(page, column, text.replace(sentences[old], sentences[new]))
                changed.append(column)
    if changed:
        page.save(update_fields=changed)


def forwards(apps, schema_editor):
    swap(apps, 0, 1)


def backwards(apps, schema_editor):
    swap(apps, 1, 0)


class Migration(migrations.Migration):
    dependencies = [("portal", "0032_request_rights")]

    operations = [migrations.RunPython(forwards, backwards)]
