"""The languages the site serves are settings, read in one place
(portal.languages), and text missing in one language falls back along the
declared chain."""

import pytest
from django.conf import settings
from django.utils import translation
from modeltranslation import settings as modeltranslation_settings

from portal.languages import (
    current_language,
    direction,
    fallback_chain,
    language_codes,
    localized,
    open_graph_locale,
    shown_field,
)
from tests.factories import PostFactory


def test_modeltranslation_serves_the_declared_languages_and_chain():
    # The settings import portal.languages; had that read modeltranslation's
    # settings early, they froze on Django's defaults (first language: Afrikaans).
    assert modeltranslation_settings.AVAILABLE_LANGUAGES == language_codes()
    assert modeltranslation_settings.DEFAULT_LANGUAGE == settings.LANGUAGE_CODE
    assert modeltranslation_settings.FALLBACK_LANGUAGES["default"] == ("en", "ko")


def test_the_default_chain_reaches_english_then_korean_then_the_rest():
    assert fallback_chain("es")[:2] == ("en", "ko")
    assert fallback_chain("zh-hans")[:2] == ("en", "ko")
    assert fallback_chain("en")[0] == "ko"
    assert fallback_chain("ko")[0] == "en"
    # Every other language comes last, so text written once shows somewhere.
    for code in language_codes():
        assert sorted(fallback_chain(code)) == sorted(
            other for other in language_codes() if other != code
        )


def test_the_chain_follows_the_settings(settings):
    settings.LANGUAGE_FALLBACKS = {"default": ("ko",), "fr": ("es", "en")}

    assert fallback_chain("fr")[:3] == ("es", "en", "ko")
    assert fallback_chain("ar")[0] == "ko"


@pytest.mark.parametrize("code", ["zh-hans", "ar", "es"])
def test_a_language_with_a_region_or_script_is_served_as_itself(code):
    with translation.override(code):
        assert current_language() == code


def test_a_variant_of_a_served_language_is_served_as_that_language():
    with translation.override("en-gb"):
        assert current_language() == "en"
    with translation.override("pt"):
        assert current_language() == settings.LANGUAGE_CODE


def test_a_column_of_a_script_tagged_language_is_a_valid_name():
    assert localized("title", "zh-hans") == "title_zh_hans"


def test_direction_and_open_graph_locale_come_from_the_declaration():
    assert direction("ar") == "rtl"
    assert direction("zh-hans") == "ltr"
    assert open_graph_locale("zh-hans") == "zh_CN"
    assert open_graph_locale("xx-yy") == "xx_yy"


@pytest.mark.django_db
def test_untranslated_text_falls_back_along_the_chain():
    both = PostFactory(title_ko="한국어 제목", title_en="English title")
    korean_only = PostFactory(title_ko="한국어만", title_en="")
    spanish_only = PostFactory(title_ko="", title_en="", title_es="Sólo en español")

    assert shown_field(both, "title", "fr") == ("English title", "en", True)
    assert shown_field(both, "title", "ar") == ("English title", "en", True)
    assert shown_field(korean_only, "title", "zh-hans") == ("한국어만", "ko", True)
    assert shown_field(spanish_only, "title", "en") == ("Sólo en español", "es", True)
    assert shown_field(spanish_only, "title", "es") == ("Sólo en español", "es", False)


def test_interface_text_a_catalog_lacks_reads_in_english_not_korean():
    # A message Django's Korean admin translates and its Chinese does not.
    message = "Model name"
    with translation.override(settings.LANGUAGE_CODE):
        assert translation.gettext(message) != message  # the default has it
    with translation.override("zh-hans"):
        assert translation.gettext(message) == message
