"""One English spelling everywhere staff and visitors read (docs/glossary.md):
the table of rejected spellings is read from the glossary itself, so adding a
word there extends this test."""

import re
from pathlib import Path

import polib
from django.conf import settings

from portal.models.starting_pages import starting_pages

ROOT = Path(settings.BASE_DIR)
GLOSSARY = ROOT / "docs/glossary.md"
TEMPLATES = ROOT / "portal/templates"
SOURCE_CATALOG = ROOT / "locale/en/LC_MESSAGES/django.po"


def rejected() -> dict[str, str]:
    """The "Spelling" table: rejected word -> the spelling to write."""
    section = GLOSSARY.read_text(encoding="utf-8").split("## Spelling", 1)[1]
    section = section.split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\w+) \| (\w+) \|$", section, re.MULTILINE)
    return {bad: good for good, bad in rows if good != "Write"}


def forms(word: str) -> str:
    """A pattern for ``word`` and its inflections: "colours", "organised",
    "emphasising"; but not the noun "emphasis" for "emphasise"."""
    if word.endswith("e"):
        return rf"\b{word[:-1]}(?:e\w*|ing)\b"
    return rf"\b{word}\w*"


def offences(text: str, where: str) -> list[str]:
    return [
        f"{where}: {match[0]!r} (write {good!r})"
        for bad, good in rejected().items()
        for match in re.finditer(forms(bad), text, re.IGNORECASE)
    ]


def test_the_glossary_rejects_the_british_spellings():
    assert {"programme", "organisation", "colour", "licence"} <= set(rejected())


def test_the_english_catalog_uses_one_spelling():
    catalog = polib.pofile(str(SOURCE_CATALOG))

    found = [
        problem
        for entry in catalog
        if not entry.obsolete
        for text in (entry.msgid, entry.msgid_plural)
        for problem in offences(text, entry.msgid[:40])
    ]

    assert found == []


def readable_text(template: str) -> str:
    """What a template shows: its {% translate %} strings and its text outside
    tags, comments and variables (class names such as "footer-links__emphasised"
    are identifiers, not wording)."""
    strings = re.findall(r"{%\s*translate\s+([\"'])(.*?)\1", template)
    text = re.sub(r"{#.*?#}|{%.*?%}|{{.*?}}|<[^>]*>", " ", template, flags=re.DOTALL)
    return " ".join([text, *(string for _quote, string in strings)])


def test_templates_use_one_spelling():
    found = [
        problem
        for path in sorted(TEMPLATES.rglob("*.html"))
        for problem in offences(
            readable_text(path.read_text(encoding="utf-8")), path.name
        )
    ]

    assert found == []


def test_the_english_starting_text_of_the_site_pages_uses_one_spelling():
    found = [
        problem
        for page in starting_pages()
        for key in ("title_en", "body_en")
        for problem in offences(page[key], f"{page['slug']}.{key}")
    ]

    assert found == []


def test_the_check_finds_a_rejected_spelling_in_any_form():
    assert offences("Our Programmes and organisations, in colour", "x") != []
    assert len(offences("Our Programmes and organisations, in colour", "x")) == 3
    assert len(offences("It was organised by the Centre; emphasising it", "x")) == 3
    assert offences("programs, organizations, color, emphasis, centered", "x") == []
