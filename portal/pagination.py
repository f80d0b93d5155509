"""Pages of a list or of search results, one model for both.

Lists do not count their rows: counting every published post on each request grew
with the table, and fetching one row more than a page tells whether a next page
exists. Search counts, but only up to a limit, and so knows its last page.

One rule for a page that does not exist (past the end, above MAX_PAGE, or not a
number): 404, as Django's own ListView answers. Another page's content under this
address would give one content two addresses, and a stale link or a crawler's guess
should learn that the page is gone. Page 1 always exists, empty or not.
"""

from dataclasses import dataclass

from django.http import Http404

from portal.params import whole_number

MAX_PAGE = 500


@dataclass
class Window:
    object_list: list
    number: int
    has_next: bool
    # Known when the rows were counted (search); lists show no total.
    num_pages: int | None = None
    # A list in two groups (window(..., then=)): where the second starts on this
    # page (None: not on it), and, on page 1, whether the first holds no row.
    then_from: int | None = None
    first_is_empty: bool = False

    @property
    def first_rows(self) -> list:
        return self.object_list[: self.then_from]

    @property
    def then_rows(self) -> list:
        return [] if self.then_from is None else self.object_list[self.then_from :]

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


def page_number(raw, last: int = MAX_PAGE) -> int:
    """The page a query string asks for; 404 for one that cannot exist."""
    number = whole_number(raw or "1")
    if number is None or not 0 < number <= last:
        raise Http404("No such page")
    return number


def window(queryset, raw_page, per_page: int, *, then=None) -> Window:
    """One page of ``queryset``; 404 for a page past the end (page 1 may be empty).

    ``then``: a list in two groups, ordered first group first (the posts in the
    visitor's language, then the others). It tells a row of the second group, so
    the page knows where that group starts, and page 1 whether the first group
    has any row at all.
    """
    number = page_number(raw_page)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if not rows and number > 1:
        raise Http404("No such page")
    rows, has_next = rows[:per_page], len(rows) > per_page
    then_from = None
    if then is not None:
        then_from = next((i for i, row in enumerate(rows) if then(row)), None)
    return Window(
        rows,
        number,
        has_next,
        then_from=then_from,
        first_is_empty=number == 1 and then_from == 0,
    )


def counted_window(object_list: list, number: int, num_pages: int) -> Window:
    """A page whose rows were counted; 404 past the last page."""
    if number > max(num_pages, 1):
        raise Http404("No such page")
    return Window(object_list, number, number < num_pages, num_pages)
