"""The interface must be fully translated into every language the site serves,
and the committed .mo files must match."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

from portal.languages import language_codes

LOCALE = Path(settings.BASE_DIR) / "locale"


# msgids are English, so the English catalog is the source one: it lists every
# message and translates none (STYLE.md section 6).
SOURCE = "en"


def folder(lang: str) -> Path:
    return LOCALE / to_locale(lang) / "LC_MESSAGES"


def translations() -> list[str]:
    """Every language but the source one, whose msgids are its text."""
    return [code for code in language_codes() if code != SOURCE]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("lang", translations())
def test_each_catalog_is_complete(lang, domain):
    catalog = polib.pofile(str(folder(lang) / f"{domain}.po"))

    assert len(catalog) > 50
    assert [e.msgid for e in catalog.untranslated_entries()] == []
    assert [e.msgid for e in catalog.fuzzy_entries()] == []


# What a compiled catalog must carry over from its .po's header.
HEADER = ("Language", "Plural-Forms", "Content-Type")


def catalogs(lang: str) -> tuple[polib.POFile, polib.MOFile]:
    return polib.pofile(str(folder(lang) / "django.po")), polib.mofile(
        str(folder(lang) / "django.mo")
    )


def translated(catalog) -> dict:
    return {
        (e.msgctxt, e.msgid): e.msgstr or dict(e.msgstr_plural)
        for e in catalog
        if (e.msgstr or any(e.msgstr_plural.values()))
        and not e.obsolete
        and "fuzzy" not in e.flags
    }


def messages(catalog) -> dict:
    """Each message's context, id and plural id: what a translation answers."""
    return {(e.msgctxt, e.msgid): e.msgid_plural for e in catalog if not e.obsolete}


@pytest.mark.parametrize("lang", language_codes())
def test_compiled_catalog_matches_its_source(lang):
    source, compiled = catalogs(lang)

    # A stale .mo shows old wording, in the source language too.
    assert translated(compiled) == translated(source), "run `make messages`"
    assert {key: compiled.metadata.get(key) for key in HEADER} == {
        key: source.metadata.get(key) for key in HEADER
    }, "run `make messages`"
    assert compiled.metadata["Language"] == to_locale(lang)
    if lang == SOURCE:
        # Every message the translations answer, with the same plural forms.
        for other in language_codes():
            if other != SOURCE:
                assert messages(source) == messages(catalogs(other)[0]), other
    else:
        assert len(translated(source)) == len(messages(source)) > 50


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("lang", translations())
def test_placeholders_match_the_source(lang, domain):
    catalog = polib.pofile(str(folder(lang) / f"{domain}.po"))

    def names(text):
        return sorted(set(re.findall(r"%\((\w+)\)[sd]", text)))

    for entry in catalog:
        translations = list(entry.msgstr_plural.values()) or [entry.msgstr]
        for translation in translations:
            assert names(translation) == names(entry.msgid), entry.msgid
