from django.utils.translation import get_language_info

from portal.languages import current_language, language_codes, localized_all
from portal.models import Page
from portal.operator import current_operator
from portal.pages.metadata import narrowing_parameters
from portal.pages.results import remembered
from portal.params import whole_number


def language_urls(request):
    """The current page's address in each language, for the switcher and hreflang.

    Paths are identical apart from the prefix, so swapping the prefix is exact,
    and unlike ``translate_url`` it also works on a 404 page, which resolves nothing.
    """
    current = current_language()
    prefix = f"/{current}/"
    if not request.path.startswith(prefix):
        return {}
    rest = request.path[len(prefix) :]
    query = request.META.get("QUERY_STRING", "")
    narrowed = bool(narrowing_parameters(request))
    # A plain list's page N is a page of its own; a filtered one's page N may not
    # exist unfiltered (/news/?kind=all&page=2), so it names the list itself.
    page = None if narrowed else whole_number(request.GET.get("page"))
    canonical_query = f"?page={page}" if page and page != 1 else ""
    links = []
    for code in language_codes():
        path = f"/{code}/{rest}"
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "is_current": code == current,
                "href": path + (f"?{query}" if query else ""),
                "absolute": request.build_absolute_uri(path + canonical_query),
            }
        )
    return {
        "language_links": links,
        "canonical_url": next(link["absolute"] for link in links if link["is_current"]),
        "default_language_url": links[0]["absolute"],
        "robots": "noindex, follow" if narrowed else "",
    }


def site_footer(request):
    """Who runs the site and its standing pages, for every page's footer.

    The pages are read only when a footer is drawn, and from the results cache
    (portal.pages.results), so a cached page costs nothing.
    """

    def pages():
        return remembered(
            request,
            ("footer pages",),
            lambda: list(
                Page.objects.in_footer().only(
                    "slug", "emphasised", *localized_all("title")
                )
            ),
        )

    return {"operator": current_operator, "footer_pages": pages}
