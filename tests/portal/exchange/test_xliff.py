"""XLIFF 2 files for vendors: exact round trips, a real library reading them,
and hand-edited files refused unit by unit."""

import re
from xml.etree import ElementTree

import pytest
from translate.storage.xliff2 import Xliff2File

from portal.exchange import units as limits
from portal.exchange import xliff
from portal.exchange.units import Unit, UnreadableFile
from portal.text.rich import sanitize

from .conftest import rows

XLF = "{urn:oasis:names:tc:xliff:document:2.0}"
GLS = "{urn:oasis:names:tc:xliff:glossary:2.0}"
BODY = sanitize(
    '<p>Read <a href="https://example.org/fares">the fares</a> and '
    "<strong>ride</strong>.</p><ul><li>One</li><li>Two</li></ul>"
)


def _unit(unit_id="portal.post.1.body"):
    target = BODY.replace("Read", "Lisez")
    return Unit(id=unit_id, source=BODY, target=target, note="News · body", rich=True)


def _edited(data: bytes, unit_id: str, pattern: str, replacement: str) -> bytes:
    """``data`` with ``pattern`` replaced once inside one unit's <target> only."""
    text = data.decode()
    target = text.index("<target>", text.index(f'<unit id="{unit_id}"'))
    end = text.index("</target>", target)
    edited, count = re.subn(pattern, replacement, text[target:end], count=1)
    assert count == 1
    return (text[:target] + edited + text[end:]).encode()


def test_round_trip_keeps_ids_sources_and_targets_exactly(units):
    returned = xliff.read(xliff.write(units, "ko", "ar"))

    assert rows(returned.units) == rows(units)
    assert [unit.problem for unit in returned.units] == [""] * len(units)
    assert (returned.source_language, returned.target_language) == ("ko", "ar")


def test_file_names_languages_in_bcp47_and_the_target_direction():
    root = ElementTree.fromstring(xliff.write([_unit()], "ko", "zh-hans"))
    assert (root.get("srcLang"), root.get("trgLang")) == ("ko", "zh-Hans")
    assert xliff.read(xliff.write([_unit()], "ko", "zh-hans")).target_language == (
        "zh-hans"
    )
    arabic = ElementTree.fromstring(xliff.write([_unit()], "ko", "ar"))
    assert arabic.find(f"{XLF}file").get("trgDir") == "rtl"


def test_rich_text_is_inline_codes_with_tags_kept_in_original_data():
    root = ElementTree.fromstring(xliff.write([_unit()], "ko", "en"))
    unit = root.find(f"{XLF}file/{XLF}unit")
    source = unit.find(f"{XLF}segment/{XLF}source")

    assert "<" not in "".join(source.itertext())
    assert source.find(f"{XLF}pc").get("dataRefStart")
    data = [item.text for item in unit.iter(f"{XLF}data")]
    assert '<a href="https://example.org/fares" rel="noopener noreferrer">' in data
    assert {code.get("canDelete") for code in unit.iter(f"{XLF}pc")} == {"no"}


def test_untranslated_unit_has_no_target_and_notes_and_glossary_are_written():
    unit = Unit(
        "portal.post.1.title",
        "따릉이",
        "",
        "News · title",
        glossary=(("따릉이", "Ttareungyi"),),
    )
    root = ElementTree.fromstring(xliff.write([unit], "ko", "en"))
    element = root.find(f"{XLF}file/{XLF}unit")

    assert element.find(f"{XLF}segment/{XLF}target") is None
    assert element.find(f"{XLF}notes/{XLF}note").text == "News · title"
    entry = element.find(f"{GLS}glossary/{GLS}glossEntry")
    assert (entry.find(f"{GLS}term").text, entry.find(f"{GLS}translation").text) == (
        "따릉이",
        "Ttareungyi",
    )
    assert xliff.read(xliff.write([unit], "ko", "en")).units[0].target == ""


def test_translate_toolkit_reads_ids_sources_targets_and_notes(units):
    plain = [unit for unit in units if not unit.rich and "\r" not in unit.source]
    store = Xliff2File.parsestring(xliff.write(units, "ko", "en"))
    read = {unit.getid(): unit for unit in store.units}

    assert list(read) == [unit.id for unit in units]
    for unit in plain:
        assert (read[unit.id].source, read[unit.id].target) == (
            unit.source,
            unit.target,
        )
    # translate-toolkit 3.20 looks for <notes> inside <segment>; XLIFF 2 puts
    # them in <unit>, where its element for the unit finds them.
    for unit in units:
        notes = read[unit.id].getunitelement().find(f"{XLF}notes/{XLF}note")
        assert notes.text == unit.note
    # Inline codes reach it as codes: only the words are text.
    rich = read["portal.post.ko.body"]
    assert rich.source == "따릉이는 서울의 공공자전거입니다 & 1 < 2하나둘셋"


def test_file_edited_with_translate_toolkit_is_read_back(units):
    store = Xliff2File.parsestring(xliff.write(units, "ko", "zh-hans"))
    store.findid("portal.post.zh-hans.title").target = "新的译文 & <更新>"
    edited = xliff.read(bytes(store))

    by_id = {unit.id: unit for unit in edited.units}
    assert by_id["portal.post.zh-hans.title"].target == "新的译文 & <更新>"
    others = [unit for unit in units if unit.id != "portal.post.zh-hans.title"]
    assert [(u.id, u.source, u.target, "") for u in others] == [
        (u.id, u.source, u.target, u.problem)
        for u in edited.units
        if u.id != "portal.post.zh-hans.title"
    ]


@pytest.mark.parametrize(
    ("pattern", "replacement", "message"),
    [
        # Codes: p 1, a 2, strong 3, br 4; data: <p> d1, </p> d2, <a> d3,
        # </a> d4, <strong> d5, </strong> d6, <br> d7.
        (r'<pc id="2"[^>]*>(link)</pc>', r"\1", "inline code 2 is missing"),
        (
            r'(<ph id="4")',
            r'<ph id="99" dataRef="d7" />\1',
            "code 99 is not in the source",
        ),
        (r'dataRefStart="d5"', 'dataRefStart="d99"', "original data of inline code 3"),
        (r'dataRefStart="d5"', 'dataRefStart="d3"', "inline code 3 was changed"),
        (r'(<ph id="4"[^>]*/>)', r"\1\1", "inline code 4 appears more than once"),
        (r'<ph id="4"[^>]*/>', "<xyz />", "does not know (xyz)"),
    ],
)
def test_hand_edited_markup_is_refused_for_that_unit_only(
    pattern, replacement, message
):
    body = sanitize(
        '<p>A <a href="https://example.org/">link</a> &amp; '
        "<strong>bold</strong><br>x</p>"
    )
    units = [
        Unit(f"portal.post.{number}.body", body, body.replace("A", "B"), "", rich=True)
        for number in range(3)
    ]
    data = _edited(
        xliff.write(units, "ko", "en"), "portal.post.0.body", pattern, replacement
    )

    returned = xliff.read(data)

    assert message in returned.units[0].problem
    assert returned.units[0].problem.startswith("The markup is broken")
    assert rows(returned.units[1:]) == rows(units[1:])
    assert [unit.problem for unit in returned.units[1:]] == ["", ""]


def test_list_item_moved_out_of_its_list_is_refused_but_a_moved_link_is_not():
    data = xliff.write([_unit()], "ko", "en")
    text = data.decode()
    target = text.index("<target>")
    # The link moved inside the bold text: word order, allowed.
    moved_link = re.sub(
        r'(<pc id="2"[^>]*>the fares</pc>)( and )(<pc id="3"[^>]*>)ride</pc>',
        r"\2\3ride \1</pc>",
        text[target:],
    )
    assert moved_link != text[target:]
    returned = xliff.read((text[:target] + moved_link).encode()).units[0]
    assert returned.problem == ""
    assert '<strong>ride <a href="https://example.org/fares"' in returned.target
    # A list item moved into the paragraph: not an edit a translation makes.
    item = re.search(r'<pc id="6"[^>]*>Two</pc>', text[target:])[0]
    broken = text[target:].replace(item, "", 1).replace("ride", "ride" + item, 1)
    problem = xliff.read((text[:target] + broken).encode()).units[0].problem
    assert "code 6 was moved into another element" in problem


def test_draft_target_is_not_a_translation():
    data = xliff.write([_unit()], "ko", "en").replace(
        b'state="translated"', b'state="initial"'
    )
    assert xliff.read(data).units[0].target == ""


def test_a_unit_id_twice_is_refused_for_both():
    data = xliff.write([_unit("a"), _unit("a"), _unit("b")], "ko", "en")
    problems = [unit.problem for unit in xliff.read(data).units]
    assert problems[0] and problems[1] and not problems[2]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY a "lollollollollollollollollollol">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko">
<file id="f1"><unit id="u"><segment><source>&g;</source></segment></unit></file>
</xliff>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko">
<file id="f1"><unit id="u"><segment><source>&secret;</source></segment></unit>
</file></xliff>"""


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        EXTERNAL_ENTITY,
        b"\x89PNG\r\n\x1a\n not xml",
        b'msgid ""\nmsgstr ""\n',
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>',
        b"<xliff><file></xliff>",
    ],
    ids=["billion-laughs", "external-entity", "png", "po", "xliff-1.2", "unclosed"],
)
def test_unusable_file_is_refused_as_a_whole(data):
    with pytest.raises(UnreadableFile) as refused:
        xliff.read(data)
    assert "lol" not in str(refused.value) and "root:" not in str(refused.value)


def test_oversized_file_is_refused_before_parsing(monkeypatch):
    data = xliff.write([_unit()], "ko", "en")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", len(data) - 1)
    with pytest.raises(UnreadableFile, match="too large"):
        xliff.read(data)
