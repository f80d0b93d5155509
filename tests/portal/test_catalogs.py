"""The interface must be fully Korean, and the committed .mo files must match."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_korean_catalog_is_complete():
    catalog = polib.pofile(str(LOCALE / "ko/LC_MESSAGES/django.po"))

    assert len(catalog) > 50
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_compiled_catalog_matches_its_source(lang):
    source = polib.pofile(str(LOCALE / f"{lang}/LC_MESSAGES/django.po"))
    compiled = polib.mofile(str(LOCALE / f"{lang}/LC_MESSAGES/django.mo"))

    def entries(catalog):
        return {
            (e.msgctxt, e.msgid): e.msgstr or dict(e.msgstr_plural)
            for e in catalog
            if (e.msgstr or any(e.msgstr_plural.values()))
            and not e.obsolete
            and "fuzzy" not in e.flags
        }

    assert entries(compiled) == entries(source), "run `make messages`"


def test_korean_placeholders_match_the_source():
    catalog = polib.pofile(str(LOCALE / "ko/LC_MESSAGES/django.po"))

    def names(text):
        return sorted(set(re.findall(r"%\((\w+)\)[sd]", text)))

    for entry in catalog:
        translations = list(entry.msgstr_plural.values()) or [entry.msgstr]
        for translation in translations:
            assert names(translation) == names(entry.msgid), entry.msgid
