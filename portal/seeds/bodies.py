"""Give scraped one-line bodies back their structure.

The scraper flattened each article into one line. What is left of the structure:
a leading run of ``- `` highlights, numbered (``1.`` ``01.``) and circled (``①``)
items, bracketed section markers (``(Flood)``, ``<Exceptions>``, ``※``), runs of
spaces where paragraphs were, and ``(`` left behind by stripped links. The result is
the portal's plain-text body format (see ``portal.text.plain``).
"""

import re
from typing import NamedTuple

GAP = re.compile(r"[ \t\u3000]{2,}")
HIGHLIGHT = re.compile(r"^[-–]\s+")
HIGHLIGHT_SPLIT = re.compile(r"\s+[-–]\s+")
# A sentence that starts with no full stop before it: where a list item or
# highlight was glued to the prose that follows it ("air pollution The Seoul …").
GLUED_SENTENCE = re.compile(r"(?<=[a-z)])\s+(?=The\s)")
# Prose: a full stop after a word, then a capital ("… coverage. Under the …").
SENTENCE_BREAK = re.compile(r"[a-z)”’][.!?]\s+[A-Z“]")
NUMBER_MARKER = re.compile(r"(?:(?<=\s)|^)0?(\d{1,2})\.\s+")
CIRCLED = re.compile(r"[\u2460-\u2473]")
# Section markers that open a new block: "※ note", "* (note)", and, after the end
# of a sentence, "<Heading>" and a label such as "(Flood)" or "(돌봄)", whatever
# spaces follow it. "<…>" inside a sentence is a title in angle brackets.
LABEL = r"\((?:[A-Z][\w &/-]{1,40}|[가-힣][가-힣 ·]{0,20})\)"
BLOCK_START = re.compile(
    r"(?:(?<=\s)|^)(?=※|\*\s*\()"
    rf"|(?<=[.!?”\"])\s+(?=<[^<>]{{2,200}}>|{LABEL}(?:\s*\S|\s*$))"
)
LABEL_ONLY = re.compile(rf"^{LABEL}$")
# "<Heading>" opening a block is a heading when a new sentence follows it; "<Seoul
# Guide> is …" or "<서울 가이드>는 …" is a title inside the sentence.
ANGLE = re.compile(
    r"^<\s*([^<>]+?)\s*>(?:\s+(?=[A-Z0-9가-힣“\"‘(※\u2460-\u2473])|\s*$)"
)
# "website (, database (, and portal ( “Changes…": a link stripped out of "(url)".
LINK_BEFORE_COMMA = re.compile(r"\s*\(\s*(?=,)")
LINK_BEFORE_SENTENCE = re.compile(r"\s*\(\s+(?=[“\"A-Z])")
LINK_BEFORE_WORD = re.compile(r"\s*\(\s+(?=[a-z])")
LINK_AT_END = re.compile(r"\s*\(\s*$")
# "누리집(과 …": a link stripped from between a Korean word and its particle.
KOREAN_LINK = re.compile(r"(?<=[가-힣])\((?=[가-힣])")
# Sentence ends where a paragraph may break: ". The", "다. 또한", "? “We".
SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[“\"‘(]?[A-Z가-힣])")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st no nos vol vs etc e.g i.e jan feb mar apr jun jul aug sep "
    "sept oct nov dec inc co corp ltd gov gen sen rep jr sr u.s u.k approx fig".split()
)
# A paragraph longer than this is broken at sentence ends into paragraphs of at
# most PARAGRAPH_SENTENCES sentences, or fewer once one reaches PARAGRAPH_CHARS.
LONG_PARAGRAPH = 600
PARAGRAPH_SENTENCES = 3
PARAGRAPH_CHARS = 420


class Body(NamedTuple):
    summary: str
    body: str


def _unmatched(text: str, position: int) -> bool:
    """True when the "(" at ``position`` is not closed before the next "(" opens."""
    closing = text.find(")", position + 1)
    opening = text.find("(", position + 1)
    return closing == -1 or (opening != -1 and opening < closing)


def clean_link_leftovers(text: str) -> str:
    text = KOREAN_LINK.sub(
        lambda match: "" if _unmatched(text, match.start()) else "(", text
    )
    text = LINK_BEFORE_COMMA.sub("", text)
    text = LINK_BEFORE_SENTENCE.sub(". ", text)
    text = LINK_BEFORE_WORD.sub(" ", text)
    return LINK_AT_END.sub("", text)


def _numbered_items(text: str) -> tuple[str, list[str]]:
    """Split "intro 1. a 2. b" into ("intro", ["1. a", "2. b"]).

    Only a run counting up from 1 is a list, so "Act No. 19420" or a lone "3." stays
    prose. A second run starting again at 1 starts a new list.
    """
    cuts: list[tuple[int, int]] = []
    expected = 1
    for match in NUMBER_MARKER.finditer(text):
        number = int(match.group(1))
        if number == expected or (number == 1 and expected > 2):
            cuts.append((match.start(), number))
            expected = number + 1
    if len(cuts) < 2:
        return text, []
    intro = text[: cuts[0][0]].strip()
    items = []
    for (start, number), (end, _next) in zip(
        cuts, [*cuts[1:], (len(text), 0)], strict=True
    ):
        item = NUMBER_MARKER.sub("", text[start:end].strip(), count=1)
        items.append(f"{number}. {item}")
    return intro, items


def _circled_items(text: str) -> tuple[str, list[str]]:
    positions = [m.start() for m in CIRCLED.finditer(text)]
    if len(positions) < 2:
        return text, []
    items = [
        text[start:end].strip()
        for start, end in zip(positions, [*positions[1:], None], strict=True)
    ]
    return text[: positions[0]].strip(), items


def _split_last_item(items: list[str]) -> tuple[list[str], str]:
    """Cut prose glued onto the last item of a list off again."""
    parts = GLUED_SENTENCE.split(items[-1], maxsplit=1)
    if len(parts) == 2:
        return [*items[:-1], parts[0].strip()], parts[1].strip()
    return items, ""


def _list_lines(items: list[str]) -> list[str]:
    """Items as lines; a list that starts again at 1 first gets back the prose
    that was glued onto the previous list's last item."""
    lines: list[str] = []
    for item in items:
        if item.startswith("1. ") and lines:
            *lines, last = lines
            kept, prose = _split_last_item([last])
            lines.extend(kept + ([prose] if prose else []))
        lines.append(item)
    kept, prose = _split_last_item([lines.pop()])
    return lines + kept + (["", prose] if prose else [])


def sentences(text: str) -> list[str]:
    """``text`` cut at its sentence ends, every character kept (Korean and English;
    "Jan. 3", "Mr. Oh" and initials are not ends)."""
    pieces, start = [], 0
    for match in SENTENCE_END.finditer(text):
        before = text[start : match.start()].rsplit(maxsplit=1)
        word = before[-1].rstrip(".!?").casefold() if before else ""
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        pieces.append(text[start : match.start()] + match.group(0).rstrip())
        start = match.end()
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def readable_paragraphs(text: str) -> list[str]:
    """A long run of prose as paragraphs of a few sentences; no sentence is cut."""
    if len(text) <= LONG_PARAGRAPH:
        return [text]
    paragraphs: list[list[str]] = [[]]
    for sentence in sentences(text):
        current = paragraphs[-1]
        if current and (
            len(current) >= PARAGRAPH_SENTENCES
            or len(" ".join(current)) >= PARAGRAPH_CHARS
        ):
            paragraphs.append(current := [])
        current.append(sentence)
    return [" ".join(paragraph) for paragraph in paragraphs if paragraph]


def _prose_lines(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in readable_paragraphs(text):
        lines.extend(["", paragraph] if lines else [paragraph])
    return lines


def _block_lines(segment: str) -> list[str]:
    """One block of text as lines of the body format (paragraph, list or heading)."""
    lines: list[str] = []
    heading = ANGLE.match(segment)
    if heading:
        title = heading.group(1)
        lines.append(f"## {title}" if len(title) <= 60 else title)
        segment = segment[heading.end() :]
        if not segment:
            return lines
        lines.append("")
    for split in (_circled_items, _numbered_items):
        intro, items = split(segment)
        if items:
            if intro:
                lines.extend(_prose_lines(intro))
            lines.extend(_list_lines(items))
            return lines
    lines.extend(_prose_lines(segment))
    return lines


def _segments(text: str) -> list[str]:
    pieces: list[str] = []
    for chunk in GAP.split(text):
        pieces.extend(part.strip() for part in BLOCK_START.split(chunk))
    segments: list[str] = []
    for piece in filter(None, pieces):
        # A label cut off from its text by a run of spaces: "(Care)   The city …".
        if segments and LABEL_ONLY.match(segments[-1]):
            segments[-1] = f"{segments[-1]} {piece}"
        else:
            segments.append(piece)
    return segments


def _take_highlights(segments: list[str]) -> tuple[list[str], list[str]]:
    """Peel the leading "- …" highlights (and a numbered list right after them)."""
    if not segments or not HIGHLIGHT.match(segments[0]):
        return [], segments
    summary: list[str] = []
    items = HIGHLIGHT_SPLIT.split(HIGHLIGHT.sub("", segments[0], count=1))
    rest = segments[1:]
    for index, item in enumerate(items):
        glued = GLUED_SENTENCE.split(item, maxsplit=1)
        highlight = glued[0].strip()
        if SENTENCE_BREAK.search(highlight) or not highlight:
            rest = [" – ".join(items[index:]), *rest]
            break
        intro, numbered = _numbered_items(highlight)
        summary.append(f"- {intro}" if numbered else f"- {highlight}")
        summary.extend(numbered)
        if len(glued) == 2:
            rest = [glued[1].strip(), " – ".join(items[index + 1 :]), *rest]
            rest = [piece for piece in rest if piece]
            return summary, rest
    if rest:
        intro, numbered = _numbered_items(rest[0])
        if numbered and not intro:
            numbered, tail = _split_last_item(numbered)
            summary.extend(numbered)
            rest = ([tail] if tail else []) + rest[1:]
    return summary, rest


def structure_body(text: str) -> Body:
    """Return the summary (highlights) and the body as paragraphs and lists."""
    # No-break spaces are spaces; runs of them still mark paragraphs (GAP).
    text = text.replace("\u00a0", " ")
    segments = [
        segment
        for line in text.split("\n")
        for segment in _segments(clean_link_leftovers(line.strip()))
    ]
    summary, segments = _take_highlights(segments)
    blocks = ["\n".join(_block_lines(segment)) for segment in segments]
    return Body("\n".join(summary), "\n\n".join(block for block in blocks if block))
