"""PO files for vendors: exact round trips through polib, and translations whose
tags differ from the source's refused entry by entry."""

import polib
import pytest

from portal.exchange import po
from portal.exchange.units import Unit, UnreadableFile
from portal.text.rich import sanitize

from .conftest import rows

BODY = sanitize(
    '<p>Read <a href="https://example.org/fares">the fares</a> and '
    "<strong>ride</strong>.</p><ul><li>One</li><li>Two</li></ul>"
)


def test_round_trip_keeps_ids_sources_and_targets_exactly(units):
    returned = po.read(po.write(units, "ko", "zh-hans"))

    assert rows(returned.units) == rows(units)
    assert [unit.problem for unit in returned.units] == [""] * len(units)
    assert (returned.source_language, returned.target_language) == ("ko", "zh-hans")


def test_polib_sees_context_comments_flags_and_languages(units):
    catalog = polib.pofile(po.write(units, "ko", "zh-hans").decode())

    assert catalog.metadata["Language"] == "zh_Hans"
    assert catalog.metadata["X-Source-Language"] == "ko"
    entry = catalog.find("portal.post.ko.title", by="msgctxt")
    assert entry.msgid == units[0].source
    assert entry.comment.splitlines()[0] == "News · 따릉이 요금 · title"
    assert "따릉이 요금" in entry.comment.splitlines()[-1]
    rich = catalog.find("portal.post.ko.body", by="msgctxt")
    assert rich.flags == ["safe-html"] and rich.msgid.startswith("<p>")


def test_file_edited_with_polib_is_read_back(units):
    catalog = polib.pofile(po.write(units, "ko", "ar").decode())
    catalog.find("portal.post.ar.title", by="msgctxt").msgstr = "ترجمة جديدة & <x>"
    returned = {unit.id: unit for unit in po.read(str(catalog).encode()).units}

    assert returned["portal.post.ar.title"].target == "ترجمة جديدة & <x>"
    assert returned["portal.post.ko.body"].target == units[1].target


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("https://example.org/fares", "https://example.com/", "is not in the source"),
        ("</strong>", "", "<strong> is not closed"),
        ("<strong>", "", "</strong> closes nothing"),
        ("<li>Two</li>", "", "the tag <li> is missing"),
        ("<li>One</li>", "<li>One</li><li>One</li><li>One</li>", "appears more often"),
        ("<li>Two</li></ul>", "</ul><li>Two</li>", "was moved into another element"),
        ("Lisez", "Lisez < voir", "does not begin a tag"),
    ],
)
def test_translation_with_other_tags_is_refused_for_that_entry_only(old, new, message):
    entries = [
        Unit(
            f"portal.post.{number}.body",
            BODY,
            BODY.replace("Read", "Lisez"),
            "",
            rich=True,
        )
        for number in range(3)
    ]
    catalog = polib.pofile(po.write(entries, "ko", "en").decode())
    edited = catalog.find("portal.post.0.body", by="msgctxt")
    edited.msgstr = edited.msgstr.replace(old, new, 1)

    returned = po.read(str(catalog).encode()).units

    assert message in returned[0].problem
    assert returned[0].problem.startswith("The markup is broken")
    assert [unit.problem for unit in returned[1:]] == ["", ""]


def test_reordered_inline_tags_are_accepted():
    target = BODY.replace("Read", "Lisez").replace(
        '<a href="https://example.org/fares" rel="noopener noreferrer">the fares</a>'
        " and <strong>ride</strong>",
        "<strong>roulez</strong> et "
        '<a href="https://example.org/fares" rel="noopener noreferrer">les tarifs</a>',
    )
    assert target != BODY
    unit = Unit("u", BODY, target, "", rich=True)
    assert po.read(po.write([unit], "ko", "fr")).units[0].problem == ""


def test_fuzzy_entry_is_not_a_translation_and_a_duplicate_is_refused():
    catalog = polib.pofile(
        po.write(
            [Unit("a", "하나", "one", ""), Unit("b", "둘", "two", "")], "ko", "en"
        ).decode()
    )
    catalog[0].flags.append("fuzzy")
    catalog.append(polib.POEntry(msgctxt="b", msgid="둘 ", msgstr="two"))
    returned = po.read(str(catalog).encode()).units

    assert returned[0].target == ""
    assert returned[1].problem and returned[2].problem


@pytest.mark.parametrize(
    "data",
    [
        b'msgid "a"\nmsgstr "b"\nnonsense here\n',
        b"\xff\xfe not utf-8",
        b"/etc/passwd",
        b"\x89PNG\r\n\x1a\n binary",
    ],
    ids=["syntax", "encoding", "a-path", "png"],
)
def test_unusable_file_is_refused_as_a_whole(data):
    with pytest.raises(UnreadableFile):
        po.read(data)
