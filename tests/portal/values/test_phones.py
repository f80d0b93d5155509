"""Telephone numbers: domestic on Korean pages, international on the others
(portal/values/phones.py, docs/glossary.md)."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from portal.languages import language_codes
from portal.values.phones import domestic, international, validate_phone

KOREAN, *OTHERS = language_codes()


@pytest.mark.parametrize(
    "written,abroad",
    [
        ("02-120", "+82-2-120"),
        ("02-2133-0000", "+82-2-2133-0000"),
        ("031 120 0000", "+82 31 120 0000"),
        ("(02) 120", "+82 2 120"),
        ("+82-2-120", "+82-2-120"),
        # Nationwide numbers cannot be dialled from abroad; other countries' stay.
        ("1588-1234", "1588-1234"),
        ("+1-202-555-0100", "+1-202-555-0100"),
    ],
)
def test_numbers_read_as_a_caller_abroad_dials_them(written, abroad):
    assert international(written) == abroad


@pytest.mark.parametrize(
    "written,at_home",
    [
        ("+82-2-120", "02-120"),
        ("+82 2 2133 0000", "02 2133 0000"),
        ("02-120", "02-120"),
    ],
)
def test_numbers_read_as_a_caller_in_korea_dials_them(written, at_home):
    assert domestic(written) == at_home


def render(number: str, lang: str) -> str:
    with translation.override(lang):
        return Template("{% load portal_tags %}{{ n|phone_link }}").render(
            Context({"n": number})
        )


@pytest.mark.parametrize("written", ["02-120", "+82-2-120"])
def test_the_filter_shows_each_language_its_form_and_links_the_international_one(
    written,
):
    assert render(written, KOREAN) == '<a href="tel:+82-2-120" dir="ltr">02-120</a>'
    for lang in OTHERS:
        assert render(written, lang) == (
            '<a href="tel:+82-2-120" dir="ltr">+82-2-120</a>'
        )


def test_the_link_holds_no_spaces_or_brackets():
    assert render("(02) 2133 0000", OTHERS[0]) == (
        '<a href="tel:+82221330000" dir="ltr">+82 2 2133 0000</a>'
    )


def test_no_number_renders_nothing():
    assert render("", KOREAN) == ""


@pytest.mark.parametrize("bad", ["call us", "02-120; drop", "<b>02</b>", "+", "1"])
def test_the_validator_refuses_what_is_not_a_number(bad):
    with pytest.raises(ValidationError):
        validate_phone(bad)
