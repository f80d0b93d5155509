"""Error pages rendered without the request: the 400, 500 and 503 pages, whose
request (a bad Host header) or database (a failure, a lock) may be the problem.

Below both the pages (portal.pages.views) and the middleware
(portal.middleware.busy) that answer with them.
"""

from django.template.loader import render_to_string

from portal.operator import current_operator


def without_request(template: str, **context) -> str:
    """An error page rendered without the request or its context processors
    (which read the database), but with the operator's contact in the footer,
    which comes from settings: ``{"operator": …}`` is all that page needs."""
    return render_to_string(template, {"operator": current_operator, **context})
