"""XLIFF 2.0 files for translation vendors: one <file>, one <unit> per
translated field, rich text as inline codes (see ``markup``).

Written and read with lxml, whose C parser and serializer handle thousands of
rich units in a second or two (the standard library's parser under defusedxml
took five times as long). Vendor files are untrusted: the parser neither loads
a DTD, nor substitutes entities, nor touches the network, and any file that
declares a DTD is refused outright, so neither entity expansion ("billion
laughs") nor external entities can happen. translate-toolkit's ``xliff2`` store
flattens inline codes to text and knows nothing of <originalData>, so it is used
in the tests, as the independent reader that proves these files are ordinary
XLIFF 2.
"""

from collections import Counter
from io import BytesIO

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from lxml.etree import XMLSyntaxError, _Element, iterparse

from portal.languages import direction

from .markup import (
    CP,
    XLIFF,
    XLIFF_WORDING,
    InlineReader,
    InlineWriter,
    Problem,
    compare_codes,
    compare_shapes,
    xml_attribute,
    xml_text,
)
from .units import (
    Returned,
    ReturnedFile,
    Unit,
    UnreadableFile,
    language_tag,
    refuse_oversized,
    site_language,
)

GLOSSARY = "urn:oasis:names:tc:xliff:glossary:2.0"
# The unit type (XLIFF 2 ``type``, "prefix:value") that marks rich text, so a
# rich unit whose text happens to have no tags still comes back as HTML.
RICH_TYPE = "portal:html"
DUPLICATE_UNIT = _("This unit appears more than once in the file.")
SEGMENT, IGNORABLE, SOURCE, TARGET, UNIT, DATA, ORIGINAL_DATA = (  # as parsed
    f"{{{XLIFF}}}{name}"
    for name in (
        "segment",
        "ignorable",
        "source",
        "target",
        "unit",
        "data",
        "originalData",
    )
)


def write(units: list[Unit], source_language: str, target_language: str) -> bytes:
    """An XLIFF 2.0 document for one target language.

    A unit without a translation has no <target>: CAT tools (and the spec's
    state model) read a missing target as "to translate", whereas an empty
    <target/> says "translated as nothing". A unit with one gets
    ``state="translated"`` so that tools offer it for revision, not as new.
    """
    out = [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        f'<xliff xmlns="{XLIFF}" xmlns:gls="{GLOSSARY}" version="2.0" '
        f'srcLang="{xml_attribute(language_tag(source_language))}" '
        f'trgLang="{xml_attribute(language_tag(target_language))}">',
        f'<file id="f1" srcDir="{direction(source_language)}" '
        f'trgDir="{direction(target_language)}" xml:space="preserve">',
    ]
    for unit in units:
        _write_unit(out, unit)
    out.append("</file></xliff>\n")
    return "".join(out).encode("utf-8")


def _write_unit(out: list[str], unit: Unit) -> None:
    kind = f' type="{RICH_TYPE}"' if unit.rich else ""
    out.append(f'<unit id="{xml_attribute(unit.id)}"{kind}>')
    if unit.glossary:
        out.append("<gls:glossary>")
        for term, translation in unit.glossary:
            out.append(
                f"<gls:glossEntry><gls:term>{_plain(term)}</gls:term>"
                f"<gls:translation>{_plain(translation)}</gls:translation>"
                "</gls:glossEntry>"
            )
        out.append("</gls:glossary>")
    if unit.note:
        out.append(f"<notes><note>{_plain(unit.note)}</note></notes>")
    codes = InlineWriter()
    source = codes.write(unit.source, rich=unit.rich, source=True)
    target = codes.write(unit.target, rich=unit.rich, source=False)
    if codes.data:
        out.append("<originalData>")
        out.extend(
            f'<data id="{data_id}">{xml_text(tag)}</data>'
            for tag, data_id in codes.data.items()
        )
        out.append("</originalData>")
    if unit.target:
        out.append(
            f'<segment state="translated"><source>{source}</source>'
            f"<target>{target}</target></segment></unit>"
        )
    else:
        out.append(f"<segment><source>{source}</source></segment></unit>")


def _plain(text: str) -> str:
    """Notes and glossary terms, where XLIFF allows no <cp/>: characters XML
    cannot carry are dropped (they mean nothing to a translator)."""
    return xml_attribute(text).replace("&#10;", "\n").replace("&#9;", "\t")


def read(data: bytes) -> ReturnedFile:
    """The units of a vendor's XLIFF 2 file, one by one, each element
    discarded once read so that memory stays near the size of the file."""
    refuse_oversized(data)
    events = iterparse(
        BytesIO(data),
        events=("start", "end"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    units: list[Returned] = []
    root = None
    try:
        for event, element in events:
            if root is None:
                root = element
                _check_root(root)
            elif event == "end" and element.tag == UNIT:
                units.append(_read_unit(element))
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except XMLSyntaxError as error:
        raise UnreadableFile(
            gettext("The file is not valid XML (line %(line)s).")
            % {"line": error.lineno}
        ) from None
    counts = Counter(unit.id for unit in units)
    units = [
        Returned(unit.id, unit.source, unit.target, str(DUPLICATE_UNIT))
        if counts[unit.id] > 1
        else unit
        for unit in units
    ]
    return ReturnedFile(
        source_language=site_language(root.get("srcLang", "")),
        target_language=site_language(root.get("trgLang", "")),
        units=units,
    )


def _check_root(root: _Element) -> None:
    if root.getroottree().docinfo.doctype:
        raise UnreadableFile(
            gettext(
                "The file declares a DTD or entities, which translation files "
                "never need; it was not read."
            )
        )
    if root.tag != f"{{{XLIFF}}}xliff" or not root.get("version", "").startswith("2"):
        raise UnreadableFile(
            gettext("The file is not an XLIFF 2 file. Export it again as XLIFF 2.0.")
        )


def _read_unit(element: _Element) -> Returned:
    unit_id = element.get("id", "")
    original = element.find(ORIGINAL_DATA)
    data = {}
    if original is not None:
        data = {item.get("id", ""): _data_text(item) for item in original.iter(DATA)}
    rich = element.get("type") == RICH_TYPE or original is not None
    parts = [child for child in element if child.tag in (SEGMENT, IGNORABLE)]
    sources = [part.find(SOURCE) for part in parts]
    targets = [part.find(TARGET) for part in parts]
    reader = InlineReader(data, rich=rich)
    try:
        source, source_codes, source_shapes = reader.read(
            [part for part in sources if part is not None]
        )
    except Problem as problem:
        return Returned(unit_id, "", "", str(problem))
    translated = any(
        target is not None and part.tag == SEGMENT
        for part, target in zip(parts, targets, strict=True)
    )
    # A draft ("initial") is what a tool pre-fills, often a copy of the
    # source: it is not a translation.
    if not translated or any(
        part.get("state") == "initial" for part in parts if part.tag == SEGMENT
    ):
        return Returned(unit_id, source, "")
    # An ignorable without a target (whitespace between segments) keeps its source.
    target_parts = [
        target if target is not None else source_part
        for target, source_part in zip(targets, sources, strict=True)
        if target is not None or source_part is not None
    ]
    try:
        target, target_codes, target_shapes = reader.read(target_parts)
    except Problem as problem:
        return Returned(unit_id, source, "", str(problem))
    problem = compare_shapes(source_shapes, target_shapes) or compare_codes(
        source_codes, target_codes, XLIFF_WORDING
    )
    return Returned(unit_id, source, target, problem, rich)


def _data_text(item: _Element) -> str:
    """A <data> element's text, with its <cp/> characters."""
    parts = [item.text or ""]
    for child in item:
        if child.tag == CP:
            try:
                parts.append(chr(int(child.get("hex", ""), 16)))
            except (ValueError, OverflowError):
                return ""  # not a tag, so the code using it is refused
        parts.append(child.tail or "")
    return "".join(parts)
