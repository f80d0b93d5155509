"""site.css serves both directions: logical properties only, so Arabic pages mirror
the layout (the start edge is the right one) without a stylesheet of their own."""

import re
from pathlib import Path

import tinycss2
from django.contrib.staticfiles import finders

# Declarations that stay physical because mirroring them would change nothing.
# (selector, property): why.
ALLOWED: dict[tuple[str, str], str] = {}

PHYSICAL_NAME = re.compile(r"(^|-)(left|right)(-|$)")
# Shorthands whose second and fourth values are the right and the left side.
SIDES = {"margin", "padding", "inset", "border-width", "border-style", "border-color"}


def declarations(rules, selector=""):
    """(selector, property, value tokens) of every declaration, @media included."""
    for rule in rules:
        if rule.type == "qualified-rule":
            selector = tinycss2.serialize(rule.prelude).strip()
            content = tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            yield from declarations(content, selector)
        elif rule.type == "at-rule" and rule.content is not None:
            inner = tinycss2.parse_rule_list(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            if any(r.type == "qualified-rule" for r in inner):
                yield from declarations(inner, selector)
            else:  # a block of declarations, as in @font-face
                yield from declarations(
                    tinycss2.parse_blocks_contents(
                        rule.content, skip_comments=True, skip_whitespace=True
                    ),
                    selector,
                )
        elif rule.type == "declaration":
            yield selector, rule.lower_name, rule.value


def values(tokens) -> list[str]:
    """Space-separated values, functions kept whole."""
    return [
        tinycss2.serialize([token]).strip()
        for token in tokens
        if token.type not in ("whitespace", "comment")
    ]


def is_zero(text: str) -> bool:
    return re.fullmatch(r"-?0*\.?0*(px|rem|em|%)?", text) is not None


def physical(prop: str, tokens) -> str:
    """Why a declaration only suits one direction, or ""."""
    parts = values(tokens)
    words = {token.lower_value for token in tokens if token.type == "ident"}
    if PHYSICAL_NAME.search(prop):
        return "a left or right property"
    if words & {"left", "right"}:
        return "a left or right value"
    if prop in SIDES and len(parts) == 4 and parts[1] != parts[3]:
        return "different right and left sides"
    if prop == "border-radius" and "/" not in parts:
        corners = (parts * 4)[:4] if len(parts) == 1 else parts
        if len(parts) == 2:
            corners = [parts[0], parts[1], parts[0], parts[1]]
        elif len(parts) == 3:
            corners = [parts[0], parts[1], parts[2], parts[1]]
        top_left, top_right, bottom_right, bottom_left = corners
        if top_left != top_right or bottom_left != bottom_right:
            return "different left and right corners"
    if prop in ("transform", "translate"):
        for token in tokens:
            if token.type == "function" and token.lower_name in ("translatex", "skewx"):
                return "a sideways transform"
            if token.type == "function" and token.lower_name in ("translate", "skew"):
                if not is_zero(values(token.arguments)[0].rstrip(",")):
                    return "a sideways transform"
        if prop == "translate" and parts and not is_zero(parts[0]):
            return "a sideways translate"
    if prop == "box-shadow":
        # The first length of each shadow is its sideways offset.
        first = True
        for token in tokens:
            if token.type == "literal" and token.value == ",":
                first = True
            elif token.type in ("dimension", "number") and first:
                first = False
                if token.value != 0:
                    return "a sideways shadow"
    return ""


def physical_declarations(css: str) -> list[str]:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return [
        f"{selector} {{ {prop}: {tinycss2.serialize(tokens).strip()} }}: {why}"
        for selector, prop, tokens in declarations(rules)
        if (why := physical(prop, tokens)) and (selector, prop) not in ALLOWED
    ]


def test_site_css_has_no_left_or_right_only_start_and_end():
    css = Path(finders.find("portal/css/site.css")).read_text()

    assert physical_declarations(css) == []


def test_the_check_finds_each_kind_of_physical_declaration():
    # Guards the guard: each of these would stay put in an Arabic page.
    found = physical_declarations(
        ".a { margin-left: 1rem }"
        "@media (min-width: 60rem) { .b:hover { left: 0 } }"
        ".c { text-align: right; float: left }"
        ".d { padding: 0 1rem 0 2rem; border-radius: 4px 0 0 4px }"
        ".e { transform: translate(-50%, -50%); box-shadow: inset 4px 0 0 red }"
        ".f { background: url(x.svg) no-repeat right center }"
    )
    # ...and these would not change if mirrored.
    symmetric = physical_declarations(
        ".a { margin: 0 auto; padding: .25rem 1rem .5rem; inset-inline: 0 }"
        ".b { border-radius: 0 0 8px 8px; transform: rotate(45deg) translateY(2px) }"
        ".c { box-shadow: 0 8px 16px red; text-align: start; float: inline-start }"
    )
    assert len(found) == 9, found
    assert symmetric == []
