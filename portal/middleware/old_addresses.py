"""Old addresses answer 301, never 404 (portal.old_addresses).

Two middlewares, at two places in settings.MIDDLEWARE:

- ``OldHostMiddleware``, before the HTTPS redirect: a request to the old site's
  host name moves to our own address, and an old node address straight to its
  page there, in one hop.
- ``OldAddressMiddleware``, Django's RedirectFallbackMiddleware for the old
  site: a 404 for an old node address (GET or HEAD) goes to the best redirect
  stored for it in the requested language, or to that language's home page;
  any other 404 is looked up as Django's would (exact path, then with a slash;
  410 when staff left the target empty). At most one indexed query, only for
  404s, and never one for the Site: ``settings.SITE_ID`` is enough.
"""

from django.conf import settings
from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.core.exceptions import DisallowedRedirect
from django.http import HttpResponseGone, HttpResponsePermanentRedirect
from django.http.request import split_domain_port

from portal.old_addresses import OldAddress, destination, stored_redirect

FOLLOWED = ("GET", "HEAD")


def own_origin(request) -> str | None:
    """Our own address: DJANGO_SITE_URL, else the first allowed host that is
    neither a pattern nor an old host, on HTTPS when the site redirects to it."""
    if settings.SITE_URL:
        return settings.SITE_URL
    scheme = "https" if settings.SECURE_SSL_REDIRECT else request.scheme
    for host in settings.ALLOWED_HOSTS:
        if host == "*" or host.startswith(".") or host in settings.OLD_SITE_HOSTS:
            continue
        return f"{scheme}://{host}"
    return None


class OldHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host, _port = split_domain_port(request.META.get("HTTP_HOST", ""))
        if host not in settings.OLD_SITE_HOSTS:
            return self.get_response(request)
        # A host the deployment has not allowed is refused (400), as before.
        request.get_host()
        origin = own_origin(request)
        if origin is None:
            return self.get_response(request)
        same_path = origin + request.get_full_path()
        address = OldAddress.from_path(request.path_info)
        if address is None or request.method not in FOLLOWED:
            return HttpResponsePermanentRedirect(same_path)
        target = destination(address)
        if not target:
            return HttpResponseGone()
        try:
            return HttpResponsePermanentRedirect(
                origin + target if target.startswith("/") else target
            )
        except DisallowedRedirect:
            # A target no browser may be sent to (javascript:…), typed by staff.
            return HttpResponsePermanentRedirect(same_path)


class OldAddressMiddleware(RedirectFallbackMiddleware):
    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        address = OldAddress.from_path(request.path_info)
        if address is not None and request.method in FOLLOWED:
            return self.answer(destination(address), response)
        paths = [request.get_full_path()]
        if settings.APPEND_SLASH and not request.path.endswith("/"):
            paths.append(request.get_full_path(force_append_slash=True))
        query = request.META.get("QUERY_STRING", "")
        if query:
            # A renamed page linked with tracking parameters (?utm_source=…):
            # the redirect stored for the bare path, the query carried along.
            paths.append(request.path)
        found = stored_redirect(paths)
        if found is None:
            return response
        path, target = found
        if query and path == request.path and target and "?" not in target:
            target = f"{target}?{query}"
        return self.answer(target, response)

    def answer(self, target: str, response):
        if not target:
            return self.response_gone_class()
        try:
            return self.response_redirect_class(target)
        except DisallowedRedirect:
            # A target no browser may be sent to (javascript:…), typed by staff.
            return response
