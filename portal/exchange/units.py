"""What a vendor file carries, as plain records, and the limits on reading one.

Writers take ``Unit`` records and readers give back ``Returned`` ones, so the
admin pages never touch XML or PO syntax, and the formats never touch the
database.
"""

from dataclasses import dataclass

from django.utils.translation import gettext, to_language, to_locale

# A vendor file for a thousand objects is some tens of megabytes (XLIFF codes
# triple the size of rich text);
# anything far larger is a mistake or an attack, refused before parsing.
MAX_FILE_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class Unit:
    """One translated field of one object, as exported."""

    id: str  # stable, given by the caller, opaque here: "portal.post.12.body"
    source: str  # the text in the source language (HTML when rich)
    target: str  # the current translation, "" when there is none
    note: str  # the field's name and context for the translator
    rich: bool = False  # source and target are sanitized HTML, not plain text
    # (source term, approved translation) pairs found in the source.
    glossary: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Returned:
    """One unit as read back from a vendor's file.

    ``source`` is rebuilt from the file the same way as ``target``, so a link
    or image altered in the file's protected data shows up as a source that no
    longer matches the database ("source changed since export").
    """

    id: str
    source: str
    target: str  # "" when the vendor left the unit untranslated or as a draft
    problem: str = ""  # why this unit cannot be used; "" when it can
    # The file marked the unit as rich text and its markup was checked here.
    checked: bool = False


@dataclass(frozen=True)
class ReturnedFile:
    source_language: str  # the site's language codes (settings.LANGUAGES)
    target_language: str
    units: list[Returned]


class UnreadableFile(ValueError):
    """The whole file is unusable; the message is for the person uploading it."""


def language_tag(code: str) -> str:
    """A site language code as a BCP 47 tag for XLIFF: ``zh-hans`` → ``zh-Hans``."""
    return to_locale(code).replace("_", "-")


def locale_name(code: str) -> str:
    """A site language code as a gettext locale for PO headers: ``zh_Hans``."""
    return to_locale(code)


def site_language(tag: str) -> str:
    """A BCP 47 tag or gettext locale from a file, as a site language code."""
    return to_language(tag.strip()) if tag.strip() else ""


def refuse_oversized(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(
            gettext("The file is too large: the limit is %(megabytes)s MB.")
            % {"megabytes": MAX_FILE_BYTES // (1024 * 1024)}
        )
