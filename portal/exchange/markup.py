"""Rich text in vendor files: sanitized HTML as XLIFF 2 inline codes and back,
and the check that a translation kept the source's tags.

In XLIFF each element becomes a code the translator moves but cannot edit: a
paired element is ``<pc>``, an empty one (``<br>``, ``<img>``) is ``<ph>``, and
the original tags, attributes and all, sit in the unit's ``<originalData>``.
A link's address therefore never passes through the translator's hands. PO has
no such codes, so there the tags travel as text and are compared on the way back.

The input is what ``portal.text.rich.sanitize`` produces: well nested, every
attribute quoted, ``&``, ``<``, ``>`` and no-break spaces escaped in text.
"""

import html
import re
from collections import Counter
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _
from lxml.etree import QName, _Element

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
# Qualified names, as the reader meets them.
PC, PH, SC, EC, CP, MRK = (
    f"{{{XLIFF}}}{name}" for name in ("pc", "ph", "sc", "ec", "cp", "mrk")
)
MARKERS = {f"{{{XLIFF}}}sm", f"{{{XLIFF}}}em"}
TAG = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9]*)"
    r"""((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(/?)>"""
)
SPLIT = re.compile(f"({TAG.pattern})")
VOID_ELEMENTS = frozenset({"br", "img", "hr", "wbr"})
# Elements a translation may move into another element (word order differs
# between languages); any other element must keep its parent, so that a list
# item stays in its list and a cell in its row.
PHRASING = frozenset({"a", "strong", "em", "br", "img"})
# XLIFF 2's code types, which CAT tools use to show a bold or a line break.
CODE_TYPES = {
    "strong": ("fmt", "xlf:b"),
    "em": ("fmt", "xlf:i"),
    "br": ("fmt", "xlf:lb"),
    "a": ("link", ""),
    "img": ("image", ""),
    "blockquote": ("quote", ""),
}
# Characters XML 1.0 cannot carry, and the carriage return, which XML parsers
# turn into a line feed: written as <cp hex="…"/> so they come back exactly.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")
TEXT_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\u00a0": "&nbsp;"}
)


class Wording(NamedTuple):
    missing: str
    repeated: str
    unknown: str
    moved: str


XLIFF_WORDING = Wording(
    missing=_("The markup is broken: inline code %(code)s is missing."),
    repeated=_("The markup is broken: inline code %(code)s appears more than once."),
    unknown=_("The markup is broken: inline code %(code)s is not in the source."),
    moved=_(
        "The markup is broken: inline code %(code)s was moved into another element."
    ),
)
PO_WORDING = Wording(
    missing=_("The markup is broken: the tag %(code)s is missing."),
    repeated=_(
        "The markup is broken: the tag %(code)s appears more often than in the source."
    ),
    unknown=_("The markup is broken: the tag %(code)s is not in the source."),
    moved=_("The markup is broken: the tag %(code)s was moved into another element."),
)
CHANGED_CODE = _("The markup is broken: inline code %(code)s was changed.")
UNKNOWN_ELEMENT = _(
    "The markup is broken: the file has an element the portal does not know "
    "(%(element)s)."
)
BAD_DATA = _(
    "The markup is broken: the original data of inline code %(code)s is missing "
    "or is not an HTML tag."
)
NOT_CLOSED = _("The markup is broken: the tag %(code)s is not closed.")
CLOSES_NOTHING = _("The markup is broken: the tag %(code)s closes nothing.")
LOOSE_BRACKET = _(
    "The markup is broken: a “<” does not begin a tag (write &lt; for the character)."
)


class Code(NamedTuple):
    """One element of rich text, as compared between source and translation."""

    key: str  # the XLIFF code id, or the PO tag as written
    parent: str  # the enclosing element's key, "" at the top
    name: str  # the HTML element


class Problem(Exception):
    """One unit cannot be used; the message says why."""


# --- HTML ------------------------------------------------------------------


def _tokens(markup: str) -> list[tuple]:
    """("text", str) | ("open" | "close" | "void", name, tag as written)."""
    tokens = []
    pieces = SPLIT.split(markup)
    # re.split gives: text, whole tag, "/" or "", name, attributes, "/" or "", text…
    for index in range(0, len(pieces) - 1, 6):
        if pieces[index]:
            tokens.append(("text", pieces[index]))
        tag, closing, name, _attributes, self_closing = pieces[index + 1 : index + 6]
        name = name.lower()
        if closing:
            tokens.append(("close", name, tag))
        elif self_closing or name in VOID_ELEMENTS:
            tokens.append(("void", name, tag))
        else:
            tokens.append(("open", name, tag))
    if pieces[-1]:
        tokens.append(("text", pieces[-1]))
    return tokens


def escape(text: str) -> str:
    """Text as sanitized HTML writes it (html5ever's serializer)."""
    return text.translate(TEXT_ESCAPES)


# --- XLIFF: writing ----------------------------------------------------------
#
# Inline content is written as XML text rather than built as elements: lxml
# took three milliseconds a unit to build the codes one element at a time,
# twenty seconds for a large export. The escaping is the whole of XML's rules
# for text and attribute values, and the tests parse every file written.

XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
XML_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
     "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)  # fmt: skip


def xml_text(text: str) -> str:
    """Text as XML element content, with <cp/> for what XML cannot carry."""
    return NOT_IN_XML.sub(_code_point, text.translate(XML_TEXT))


def xml_attribute(value: str) -> str:
    return NOT_IN_XML.sub("", value).translate(XML_ATTRIBUTE)


def _code_point(match: re.Match) -> str:
    return f'<cp hex="{ord(match[0]):04X}"/>'


class InlineWriter:
    """The inline codes of one unit: its source is encoded first, numbering
    the codes, then its target reuses the number of the matching source tag."""

    def __init__(self):
        self.data: dict[str, str] = {}  # original tag -> data id
        self._numbered: dict[tuple, list[str]] = {}
        self._count = 0

    def write(self, markup: str, *, rich: bool, source: bool) -> str:
        """The content of a <source> or <target> element, as XML."""
        if not rich:
            return xml_text(markup)
        free = {key: list(ids) for key, ids in self._numbered.items()}
        tokens = _tokens(markup)
        closing = _closing_tags(tokens)
        if closing is None:
            # Not what the sanitizer writes; keep every tag as its own code
            # rather than guess how the elements were meant to nest.
            tokens = [("void", t[1], t[2]) if t[0] != "text" else t for t in tokens]
            closing = {}
        out = []
        for index, token in enumerate(tokens):
            kind = token[0]
            if kind == "text":
                out.append(xml_text(html.unescape(token[1])))
            elif kind == "void":
                code_id = self._id(("ph", token[2]), free, source)
                out.append(
                    f'<ph id="{code_id}" dataRef="{self._data(token[2])}"'
                    f"{_protection(token[1])}/>"
                )
            elif kind == "open":
                code_id = self._id(("pc", token[2]), free, source)
                out.append(
                    f'<pc id="{code_id}" dataRefStart="{self._data(token[2])}" '
                    f'dataRefEnd="{self._data(closing[index])}"{_protection(token[1])}>'
                )
            else:
                out.append("</pc>")
        return "".join(out)

    def _id(self, key: tuple, free: dict, source: bool) -> str:
        if source:
            self._count += 1
            number = str(self._count)
            self._numbered.setdefault(key, []).append(number)
            return number
        if free.get(key):
            return free[key].pop(0)
        # A tag the current translation has and the source does not.
        self._count += 1
        return f"t{self._count}"

    def _data(self, tag: str) -> str:
        if tag not in self.data:
            self.data[tag] = f"d{len(self.data) + 1}"
        return self.data[tag]


def _protection(name: str) -> str:
    """The attributes after a code's data refs. The translator moves a code
    but may neither drop nor copy it: the reader wants each source code
    exactly once in the translation."""
    kind, sub = CODE_TYPES.get(name, ("", ""))
    return (
        ' canCopy="no" canDelete="no"'
        + (f' type="{kind}"' if kind else "")
        + (f' subType="{sub}"' if sub else "")
    )


def _closing_tags(tokens: list) -> dict[int, str] | None:
    """Each opening tag's index -> its closing tag; None if they do not nest."""
    closing = {}
    stack = []
    for index, token in enumerate(tokens):
        if token[0] == "open":
            stack.append((index, token[1]))
        elif token[0] == "close":
            if not stack or stack[-1][1] != token[1]:
                return None
            closing[stack.pop()[0]] = token[2]
    return None if stack else closing


# --- XLIFF: reading ----------------------------------------------------------

START_TAG = re.compile(r"^<[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>$")
END_TAG = re.compile(r"^</[A-Za-z][A-Za-z0-9]*\s*>$")
TAG_NAME = re.compile(r"^</?([A-Za-z][A-Za-z0-9]*)")


class InlineReader:
    """Rebuilds the HTML of a unit's source or target from its inline codes
    and the unit's original data, listing the codes met for comparison."""

    def __init__(self, data: dict[str, str], *, rich: bool):
        # Each data id -> (tag, element name, is a start tag), for the data
        # that is an HTML tag at all; anything else is refused where it is used.
        self.tags = {}
        for data_id, tag in data.items():
            if START_TAG.match(tag):
                self.tags[data_id] = (tag, _name(tag), True)
            elif END_TAG.match(tag):
                self.tags[data_id] = (tag, _name(tag), False)
        self.rich = rich

    def read(self, parts: list[_Element]) -> tuple[str, list[Code], dict[str, tuple]]:
        """(HTML or text, codes in order, each code id's kind and data refs).

        ``parts`` are the <source> (or <target>) elements of the unit's
        segments and ignorables, in order. Raises ``Problem``."""
        out: list[str] = []
        codes: list[Code] = []
        shapes: dict[str, tuple] = {}
        stack: list[str] = []  # open code ids, for <sc>/<ec> across segments
        for part in parts:
            self._walk(part, out, codes, shapes, stack)
        if stack:
            raise Problem(str(XLIFF_WORDING.missing) % {"code": stack[-1]})
        return "".join(out), codes, shapes

    def _text(self, text: str | None, out: list[str]) -> None:
        if text:
            out.append(escape(text) if self.rich else text)

    def _walk(self, element, out, codes, shapes, stack) -> None:
        self._text(element.text, out)
        for child in element:
            name = child.tag
            if not isinstance(name, str):  # a comment or processing instruction
                self._text(child.tail, out)
                continue
            parent = stack[-1] if stack else ""
            code_id = child.get("id", "")
            if name == PC:
                start, element_name = self._tag(
                    child.get("dataRefStart"), code_id, True
                )
                end, _end_name = self._tag(child.get("dataRefEnd"), code_id, False)
                codes.append(Code(code_id, parent, element_name))
                shapes.setdefault(code_id, []).append(
                    ("pc", child.get("dataRefStart"), child.get("dataRefEnd"))
                )
                out.append(start)
                stack.append(code_id)
                self._walk(child, out, codes, shapes, stack)
                stack.pop()
                out.append(end)
            elif name == PH:
                tag, element_name = self._tag(child.get("dataRef"), code_id, True)
                codes.append(Code(code_id, parent, element_name))
                shapes.setdefault(code_id, []).append(("ph", child.get("dataRef")))
                out.append(tag)
            elif name == SC:
                # A paired code split over segments by a CAT tool.
                tag, element_name = self._tag(child.get("dataRef"), code_id, True)
                codes.append(Code(code_id, parent, element_name))
                shapes.setdefault(code_id, []).append(["pc", child.get("dataRef")])
                out.append(tag)
                stack.append(code_id)
            elif name == EC:
                start_ref = child.get("startRef", "")
                if not stack or stack[-1] != start_ref:
                    raise Problem(str(XLIFF_WORDING.moved) % {"code": start_ref})
                stack.pop()
                out.append(self._tag(child.get("dataRef"), start_ref, False)[0])
                for shape in shapes.get(start_ref, ()):
                    if isinstance(shape, list) and len(shape) == 2:
                        shape.append(child.get("dataRef"))
            elif name == CP:
                try:
                    out.append(chr(int(child.get("hex", ""), 16)))
                except (ValueError, OverflowError):
                    raise Problem(str(UNKNOWN_ELEMENT) % {"element": "cp"}) from None
            elif name == MRK:
                # An annotation (a term, a comment) around text: keep the text.
                self._walk(child, out, codes, shapes, stack)
            elif name not in MARKERS:
                raise Problem(str(UNKNOWN_ELEMENT) % {"element": QName(name).localname})
            self._text(child.tail, out)

    def _tag(self, ref: str | None, code_id: str, start: bool) -> tuple[str, str]:
        """(tag, element name) of a data ref, which must be a start or end tag."""
        found = self.tags.get(ref or "")
        if found is None or found[2] != start:
            raise Problem(str(BAD_DATA) % {"code": code_id})
        return found[0], found[1]


def _name(tag: str) -> str:
    return TAG_NAME.match(tag)[1].lower()


def compare_codes(source: list[Code], target: list[Code], wording: Wording) -> str:
    """The first way the target's elements differ from the source's, or ""."""
    known = Counter(code.key for code in source)
    found = Counter(code.key for code in target)
    for code in target:
        if code.key not in known:
            return str(wording.unknown) % {"code": code.key}
    for code in source:
        if found[code.key] < known[code.key]:
            return str(wording.missing) % {"code": code.key}
        if found[code.key] > known[code.key]:
            return str(wording.repeated) % {"code": code.key}
    fixed = Counter(code for code in source if code.name not in PHRASING)
    kept = Counter(code for code in target if code.name not in PHRASING)
    for code in fixed:
        if kept[code] != fixed[code]:
            return str(wording.moved) % {"code": code.key}
    return ""


def compare_shapes(source: dict, target: dict) -> str:
    """An inline code whose kind or data refs differ between source and target."""
    for code_id, shapes in target.items():
        wanted = source.get(code_id)
        if wanted and any(tuple(shape) != tuple(wanted[0]) for shape in shapes):
            return str(CHANGED_CODE) % {"code": code_id}
    return ""


# --- PO: tags as text ---------------------------------------------------------


def html_codes(markup: str) -> list[Code]:
    """The elements of HTML written as text (a PO translation), each keyed by
    its tag as written. Raises ``Problem`` when the tags do not nest."""
    codes = []
    stack: list[tuple[str, str]] = []  # (name, tag)
    for token in _tokens(markup):
        if token[0] == "text":
            if "<" in token[1]:
                raise Problem(str(LOOSE_BRACKET))
            continue
        kind, name, tag = token
        parent = stack[-1][1] if stack else ""
        if kind == "close":
            if not any(open_name == name for open_name, _tag in stack):
                raise Problem(str(CLOSES_NOTHING) % {"code": tag})
            if stack[-1][0] != name:
                raise Problem(str(NOT_CLOSED) % {"code": stack[-1][1]})
            stack.pop()
            continue
        codes.append(Code(tag, parent, name))
        if kind == "open":
            stack.append((name, tag))
    if stack:
        raise Problem(str(NOT_CLOSED) % {"code": stack[-1][1]})
    return codes


def check_html(source: str, target: str) -> str:
    """Why a PO translation's tags do not match its source's, or ""."""
    try:
        wanted = html_codes(source)
        return compare_codes(wanted, html_codes(target), PO_WORDING)
    except Problem as problem:
        return str(problem)
