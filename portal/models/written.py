"""Which language a row is written in, as the database sees it: lists lead with
what the visitor can read, then what is only in other languages."""

from django.db import models

from portal.languages import localized


class Untitled(models.Func):
    """1 for a row with no title in a language (never written: NULL, or ""), else 0.

    Written with literals, not query parameters, so that SQLite matches it to the
    per-language index built on it (first_in_language_index): with parameters it
    sorted every post of a kind to put one language's first (270 ms at 100,000
    posts).
    """

    template = (
        "(CASE WHEN (%(expressions)s IS NULL OR %(expressions)s = '')"
        " THEN 1 ELSE 0 END)"
    )
    output_field = models.IntegerField()

    def __init__(self, lang: str):
        super().__init__(models.F(localized("title", lang)))


def first_in_language_index(prefix: str, lang: str, column: str = "") -> models.Index:
    """Rows (each ``column`` value's, if given: a kind's, a policy field's), those
    titled in ``lang`` first, newest first within."""
    leading = (models.F(column),) if column else ()
    return models.Index(
        *leading,
        Untitled(lang),
        models.F("published_at").desc(),
        models.F("id").desc(),
        name=f"{prefix}_{column[:4] or 'all'}_{lang.replace('-', '_')}_first",
    )


class WrittenInQuerySet(models.QuerySet):
    """For publishable models with a translated ``title``."""

    def written_in(self, lang: str):
        """Rows a reader of ``lang`` can read: titled in it (a title is what
        every card and page leads with, and each row has one in some language)."""
        return self.alias(untitled=Untitled(lang)).filter(untitled=0)

    def not_written_in(self, lang: str):
        """Rows that would reach a reader of ``lang`` in another language."""
        return self.alias(untitled=Untitled(lang)).filter(untitled=1)

    def written_in_first(self, lang: str):
        """Rows written in ``lang`` first, then those only in other languages
        (``elsewhere``), newest first within each.

        One query whatever the page: two, one per group on its own index, would
        need a third to count the first group on pages past its end, and make a
        page's queries depend on where that end falls.
        """
        return self.annotate(elsewhere=Untitled(lang)).order_by(
            "elsewhere", "-published_at", "-id"
        )
