"""Whether a form was sent from one of this site's own pages.

The public forms (page feedback, requests, withdrawals) carry no CSRF token: a
token comes with a cookie, and the public site sets none. What Django's check
would prevent, another site making visitors' browsers send the form, is stopped
by the browser's own word on where the form came from (``Sec-Fetch-Site``, else
``Origin``), the headers Django's check reads first.
"""


def from_this_site(request) -> bool:
    """True unless the browser says the form was sent from another site."""
    fetched_from = request.headers.get("Sec-Fetch-Site")
    if fetched_from is not None:
        return fetched_from in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.get_host()}"
