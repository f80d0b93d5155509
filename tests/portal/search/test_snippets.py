"""Search snippets start and end between words, with the match marked."""

import re

import pytest

from portal.search.highlight import snippet

ENGLISH = " ".join(
    f"The Seoul Metropolitan Government (SMG) announced measure number {n}."
    for n in range(40)
)
KOREAN = " ".join(
    f"서울시는 {n}번째 무더위쉼터를 운영한다고 밝혔다." for n in range(40)
)


def words(text: str) -> set[str]:
    return set(text.split())


@pytest.mark.parametrize(
    ("text", "term"), [(ENGLISH, "number 20."), (KOREAN, "20번째")]
)
def test_a_snippet_cuts_no_word_and_marks_the_match(text, term):
    shown = str(snippet(text, [term.casefold()]))
    plain = re.sub(r"</?mark>", "", shown)

    assert plain.startswith("… ") and plain.endswith(" …")
    inner = plain.removeprefix("… ").removesuffix(" …")
    assert inner in text
    for edge in (inner.split()[0], inner.split()[-1]):
        assert edge in words(text), edge
    assert f"<mark>{term}</mark>" in shown


def test_a_short_text_is_shown_whole_without_ellipses():
    assert str(snippet("Seoul opens shelters.", ["shelters"])) == (
        "Seoul opens <mark>shelters</mark>."
    )


def test_a_match_at_the_start_has_no_leading_ellipsis():
    shown = str(snippet(ENGLISH, ["the seoul"]))

    assert shown.startswith("<mark>The Seoul</mark>")
    assert shown.endswith(" …")
