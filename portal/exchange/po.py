"""PO files for translation vendors, written and read with polib.

One entry per unit: ``msgctxt`` is the unit id (stable and unique, so two
fields with the same source text stay two entries), ``msgid`` the source,
``msgstr`` the translation. The note and the glossary go in the extracted
comments (``#.``), which PO editors show to the translator.

Rich text stays HTML in ``msgid``/``msgstr``: PO has no inline codes, and PO
editors keep tags as text. GNU gettext defines no HTML flag; the entry carries
Weblate's ``safe-html`` flag (other tools ignore unknown flags) and a comment
asking the translator to keep the tags, and on the way back the translation's
tags are compared with the source's (``markup.check_html``).
"""

from collections import Counter

import polib
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .markup import check_html
from .units import (
    Returned,
    ReturnedFile,
    Unit,
    UnreadableFile,
    locale_name,
    refuse_oversized,
    site_language,
)

RICH_FLAG = "safe-html"
DUPLICATE_ENTRY = _("This entry appears more than once in the file.")


def write(units: list[Unit], source_language: str, target_language: str) -> bytes:
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": locale_name(target_language),
        "X-Source-Language": locale_name(source_language),
    }
    for unit in units:
        catalog.append(
            polib.POEntry(
                msgctxt=unit.id,
                msgid=unit.source,
                msgstr=unit.target,
                comment=_comment(unit),
                flags=[RICH_FLAG] if unit.rich else [],
            )
        )
    return str(catalog).encode("utf-8")


def _comment(unit: Unit) -> str:
    lines = [unit.note] if unit.note else []
    if unit.rich:
        lines.append(
            gettext(
                "HTML: keep every tag as it is, with its attributes; "
                "translate only the text between the tags."
            )
        )
    for term, translation in unit.glossary:
        lines.append(
            # Translators: one approved glossary term in a translation file.
            gettext("Glossary: %(term)s → %(translation)s")
            % {"term": term, "translation": translation}
        )
    return "\n".join(lines)


def read(data: bytes) -> ReturnedFile:
    refuse_oversized(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            gettext("The file is not UTF-8 text. Save it again as UTF-8.")
        ) from None
    # polib.pofile() takes a path or the text itself, and opens the path when
    # one exists: a PO file always has several lines, a path name does not.
    if "\n" not in text or "msgid" not in text:
        raise UnreadableFile(gettext("The file is not a PO file."))
    try:
        catalog = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as error:
        raise UnreadableFile(
            gettext("The file is not a readable PO file (%(error)s).")
            % {"error": error}
        ) from None
    entries = [entry for entry in catalog if not entry.obsolete]
    counts = Counter(entry.msgctxt for entry in entries)
    units = [_returned(entry, counts[entry.msgctxt] > 1) for entry in entries]
    return ReturnedFile(
        source_language=site_language(catalog.metadata.get("X-Source-Language", "")),
        target_language=site_language(catalog.metadata.get("Language", "")),
        units=units,
    )


def _returned(entry: polib.POEntry, duplicate: bool) -> Returned:
    unit_id = entry.msgctxt or ""
    # A fuzzy entry is a draft the translator was unsure of: not a translation.
    target = "" if entry.fuzzy else entry.msgstr
    if duplicate:
        return Returned(unit_id, entry.msgid, target, str(DUPLICATE_ENTRY))
    problem = ""
    checked = RICH_FLAG in entry.flags
    if target and checked:
        problem = check_html(entry.msgid, target)
    return Returned(unit_id, entry.msgid, target, problem, checked)
