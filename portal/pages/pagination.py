"""Pages of a list without counting the whole list.

Counting every published post on each request grew with the table (15 ms at 10,000
posts); fetching one row more than a page tells whether a next page exists. Page
numbers stop at MAX_PAGE so no request can ask for an unbounded OFFSET.
"""

from dataclasses import dataclass

from django.http import Http404

from portal.pages.params import whole_number

MAX_PAGE = 500


@dataclass
class Window:
    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_number(raw) -> int:
    number = whole_number(raw or "1")
    if number is None or not 0 < number <= MAX_PAGE:
        raise Http404("No such page")
    return number


def window(queryset, raw_page, per_page: int) -> Window:
    """One page of ``queryset``; 404 for a page past the end (page 1 may be empty)."""
    number = page_number(raw_page)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if not rows and number > 1:
        raise Http404("No such page")
    return Window(rows[:per_page], number, len(rows) > per_page)
