"""Django's own ceiling: one view returning a fixed 22 KB string, nothing else.

    gunicorn -c config/gunicorn.conf.py tests.benchmarks.minimal_site:application

The load benchmark serves this with the same gunicorn settings as the portal and
reports every page's requests/s as a ratio to it.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE = "<!DOCTYPE html><title>ceiling</title>" + "x" * (22 * 1024)


def minimal(request, anything=""):
    return HttpResponse(PAGE)


urlpatterns = [path("", minimal), path("<path:anything>", minimal)]

settings.configure(
    DEBUG=False,
    SECRET_KEY="benchmark-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
application = get_wsgi_application()
