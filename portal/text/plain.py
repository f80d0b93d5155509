"""Turn the portal's plain-text bodies into safe HTML.

Bodies are stored as plain text, so nothing staff or an import writes can inject
markup: blank lines separate paragraphs, ``- `` lines make a bulleted list,
``1.`` / ``①`` lines a numbered list and ``## `` a subheading. Everything is
escaped before it is wrapped.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BULLET = re.compile(r"^\s*[-•·–]\s+")
NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.)]|[\u2460-\u2473])\s*")
HEADING = re.compile(r"^\s*##\s+")
BLANK_LINES = re.compile(r"\n\s*\n")


def _line_kind(line: str) -> str:
    if HEADING.match(line):
        return "h"
    if BULLET.match(line):
        return "ul"
    if NUMBERED.match(line):
        return "ol"
    return "p"


def _render_run(kind: str, lines: list[str]) -> str:
    if kind == "h":
        return "".join(f"<h2>{escape(HEADING.sub('', line))}</h2>" for line in lines)
    if kind in ("ul", "ol"):
        marker = BULLET if kind == "ul" else NUMBERED
        items = "".join(f"<li>{escape(marker.sub('', line, 1))}</li>" for line in lines)
        return f"<{kind}>{items}</{kind}>"
    return "<p>" + "<br>".join(escape(line.strip()) for line in lines) + "</p>"


def render_text(text: str) -> SafeString:
    """Render plain text as paragraphs, lists and subheadings."""
    html: list[str] = []
    for block in BLANK_LINES.split((text or "").replace("\r\n", "\n").strip()):
        run_kind, run = "", []
        for line in block.split("\n"):
            if not line.strip():
                continue
            kind = _line_kind(line)
            if kind != run_kind and run:
                html.append(_render_run(run_kind, run))
                run = []
            run_kind = kind
            run.append(line)
        if run:
            html.append(_render_run(run_kind, run))
    return mark_safe("".join(html))
