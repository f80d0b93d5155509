"""The label modeltranslation gives each language's copy of a translated field
(settings.MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME, which must be a
callable, not a dotted path).

Here rather than in portal.languages: the settings import nothing from the app.
"""

from django.utils.translation import get_language_info, gettext


def localized_verbose_name(verbose_name, code: str) -> str:
    """The label of one language's copy of a translated field, in the reader's
    language: "제목 [영어]", "title [English]".

    modeltranslation's own suffix is the bare code ("title [en]"), which a
    Korean editor reads as English; the admin's history stores these labels
    untranslated (as the English name) and translates them when shown.
    """
    # Translators: a field's label and, in brackets, the language of that copy.
    return gettext("%(field)s [%(language)s]") % {
        "field": verbose_name,
        # The language's name in the reader's language (portal.languages.language_name).
        "language": str(get_language_info(code)["name_translated"]),
    }
