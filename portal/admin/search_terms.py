"""Bounds on the admin's search box.

Django turns each word of a search into one condition per search field, all
joined in one query: a thousand one-letter words made a query SQLite refused
("Expression tree is too large", a 500) and hundreds took seconds. Nobody types
more than a few words, so the first ones are kept and the user is told.
"""

from django.contrib import messages
from django.utils.text import smart_split
from django.utils.translation import ngettext

MAX_SEARCH_TERMS = 10
MAX_TERM_LENGTH = 100


def _shortened(term: str) -> str:
    if len(term) <= MAX_TERM_LENGTH:
        return term
    quote = term[0]
    if quote in "\"'" and term[-1] == quote:
        # Keep a quoted phrase quoted, and its closing quote unescaped.
        inner = term[1 : MAX_TERM_LENGTH - 1].rstrip("\\")
        return f"{quote}{inner}{quote}"
    return term[:MAX_TERM_LENGTH]


def bounded_search(search_term: str) -> tuple[str, bool]:
    """The search with at most MAX_SEARCH_TERMS distinct words of at most
    MAX_TERM_LENGTH characters, in Django's own splitting (quoted phrases are
    one word); and whether anything was left out."""
    terms = list(dict.fromkeys(smart_split(search_term)))
    kept = [_shortened(term) for term in terms[:MAX_SEARCH_TERMS]]
    dropped = len(terms) > MAX_SEARCH_TERMS or any(
        len(term) > MAX_TERM_LENGTH for term in terms[:MAX_SEARCH_TERMS]
    )
    return " ".join(kept), dropped


class BoundedSearch:
    def get_search_results(self, request, queryset, search_term):
        bounded, dropped = bounded_search(search_term)
        if dropped:
            self.message_user(
                request,
                ngettext(
                    "Only the first %(count)d word of the search was used, of at "
                    "most %(length)d characters.",
                    "Only the first %(count)d words of the search were used, of at "
                    "most %(length)d characters each.",
                    MAX_SEARCH_TERMS,
                )
                % {"count": MAX_SEARCH_TERMS, "length": MAX_TERM_LENGTH},
                messages.WARNING,
            )
        return super().get_search_results(request, queryset, bounded)
