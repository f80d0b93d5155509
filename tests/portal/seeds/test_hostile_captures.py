"""Captures written to hurt: lines built so that a careless pattern backtracks
for hours, or so that a rule meant for the page around the content eats the
content itself. A capture is a file anyone may hand the operator."""

import signal
from contextlib import contextmanager

import pytest

from portal.seeds.parser import SeedFormatError, parse_document
from portal.seeds.records import ParseResult

DATE = "  등록일 2024-01-01 글쓴이 Seoul\n"
# Linear work on these lines takes milliseconds; backtracking took hours.
LIMIT = 10


@contextmanager
def within(seconds: float):
    """Fail, rather than hang the suite, when the block runs too long."""

    def stop(*_):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def merged(*documents: str) -> ParseResult:
    result = ParseResult()
    for number, text in enumerate(documents):
        result.extend(parse_document(text, f"{number}.txt"))
    return result


def test_two_captures_of_a_table_of_contents_merge_in_linear_time():
    leaders = "." * 5_000
    capture = f"• Seoul Yearbook 2023\n{DATE}Chapter 1 Housing {leaders} 5\n"

    with within(LIMIT):
        result = merged(capture, capture.replace("Housing", "Housing and Transport"))

    assert len(result.posts) == 1
    assert "Transport" in result.posts[0].raw_body


def test_a_title_ending_in_a_long_run_of_dots_parses_in_linear_time():
    text = f"• Seoul {'.' * 90_000} News\n{DATE}Body.\n"

    with within(LIMIT), pytest.raises(SeedFormatError, match="a title of"):
        parse_document(text, "dots.txt")


def test_a_body_line_of_digits_parses_in_linear_time_and_stays_body():
    number = "1" * 150
    text = f"• Seoul Opens Data\n{DATE}\nThe count:\n\n{number}x\n\n20240101\n"

    with within(LIMIT):
        [post] = parse_document(text, "digits.txt").posts

    assert f"{number}x" in post.raw_body
    assert "20240101" in post.raw_body


@pytest.mark.parametrize(
    "entry",
    [
        "Seoul Foundation" + " logo " * 10 + " x",
        "Seoul Foundation" + " logo" * 80 + " x",
        "Seoul Foundation " + "." * 90_000 + " x",
        "Seoul Foundation " + "-_ " * 30_000 + " x",
        "Seoul Foundation" + " (logo)" * 14_000 + " x",
    ],
    ids=["spaced-captions", "captions", "dots", "separators", "bracketed"],
)
def test_a_partner_entry_built_to_backtrack_is_read_or_refused_in_linear_time(entry):
    with within(LIMIT):
        try:
            parse_document(f"• {entry}\n", "partners.txt")
        except SeedFormatError as refused:
            assert "title of" in str(refused)


def test_a_later_capture_that_changes_only_a_figure_wins():
    def capture(fare: str) -> str:
        return f"• Seoul Bike Fares\n{DATE}One hour costs {fare} won\n"

    result = merged(capture("1,000"), capture("2,000"))

    assert len(result.posts) == 1
    assert "2,000" in result.posts[0].raw_body
