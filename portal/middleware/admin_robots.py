"""Keep search engines out of the admin without naming its address.

robots.txt is public, so a ``Disallow`` line for a custom admin path
(``DJANGO_ADMIN_PATH``) told everyone where to find it. Every admin answer says
``X-Robots-Tag: noindex, nofollow`` instead.
"""

from django.conf import settings


class AdminNoIndexMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.ADMIN_PATH.lstrip("/")

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix):
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
