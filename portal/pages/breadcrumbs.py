"""Where a page sits in the site, as Korean public sites show it above the
heading ("홈 > 뉴스 > …") and as their detail pages link back to their list
("목록").

Worked out from the URL name and the page's object, so a view needs no code for
it: a post's list is the list of its kind, a program's is the program list, a
case's the case list, and every other page hangs from the home page.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.languages import shown_field
from portal.models import Post


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str = ""
    # The label's language when it is shown in another one (a fallback title).
    lang: str = ""


# The pages that show a program or a case.
PROGRAM_PAGES = ("program_detail", "program_preview")
CASE_PAGES = ("policy_case_detail", "policy_case_preview")


def list_of(url_name: str, obj) -> Crumb | None:
    """The list a detail page belongs to, for its breadcrumbs and its "목록" link."""
    if isinstance(obj, Post):
        return Crumb(Post.plural_label(obj.kind), Post.list_url(obj.kind))
    if url_name in PROGRAM_PAGES:
        return Crumb(_("Programs"), reverse("portal:program_list"))
    if url_name in CASE_PAGES:
        return Crumb(_("Policy cases"), reverse("portal:policy_case_list"))
    return None


def _current(obj, heading: str) -> Crumb | None:
    """The page itself: its object's title or name, else its heading."""
    for field in ("title", "name"):
        if obj is not None and hasattr(obj, field):
            shown = shown_field(obj, field)
            return Crumb(shown.text, lang=shown.lang if shown.is_fallback else "")
    return Crumb(heading) if heading else None


def trail(url_name: str, obj, heading: str) -> list[Crumb]:
    """Home, the page's list if it has one, and the page itself (no link). Empty
    for the home page and for pages that name nothing to show."""
    current = _current(obj, heading)
    if url_name == "home" or current is None:
        return []
    parent = list_of(url_name, obj)
    home = Crumb(_("Home"), reverse("portal:home"))
    return [home, *([parent] if parent else []), current]
