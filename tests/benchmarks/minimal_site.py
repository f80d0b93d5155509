"""Django's own ceiling, and a plain page to compare cold renders with.

    gunicorn -c config/gunicorn.conf.py tests.benchmarks.minimal_site:application

``/``: one view returning a fixed 22 KB string, nothing else. The load benchmark
serves this with the same gunicorn settings as the portal and reports every page's
requests/s as a ratio to it.

``/plain-list/``: the plain Django page issue 7 names beside it, a template listing
20 rows from the database (the newest posts of the benchmark's own database,
``DATABASE_URL`` or ``DJANGO_VAR_DIR``'s SQLite file), with no middleware.
"""

import os

import dj_database_url
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.http import HttpResponse
from django.template import Context, Engine
from django.urls import path

PAGE = "<!DOCTYPE html><title>ceiling</title>" + "x" * (22 * 1024)
LIST = """<!DOCTYPE html><html lang="en"><title>Latest posts</title>
<h1>Latest posts</h1>
<ul>{% for slug, title, published_at in rows %}
<li><a href="/posts/{{ slug }}/">{{ title }}</a> <span>{{ published_at }}</span></li>
{% endfor %}</ul></html>"""


def minimal(request, anything=""):
    return HttpResponse(PAGE)


def plain_list(request):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT slug, title_en, published_at FROM portal_post "
            "ORDER BY published_at DESC LIMIT 20"
        )
        rows = cursor.fetchall()
    return HttpResponse(TEMPLATE.render(Context({"rows": rows})))


urlpatterns = [
    path("plain-list/", plain_list),
    path("", minimal),
    path("<path:anything>", minimal),
]

settings.configure(
    DEBUG=False,
    SECRET_KEY="benchmark-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
    DATABASES={
        "default": dj_database_url.parse(
            os.environ.get("DATABASE_URL")
            or f"sqlite:///{os.environ.get('DJANGO_VAR_DIR', '.')}/db.sqlite3",
            conn_max_age=60,
        )
    },
)
application = get_wsgi_application()
# Parsed once, as the cached template loader would.
TEMPLATE = Engine.get_default().from_string(LIST)
