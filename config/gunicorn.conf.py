"""gunicorn settings for `make run` and deployments (GUNICORN_CMD_ARGS overrides)."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
wsgi_app = "config.wsgi:application"
# Django writes one JSON line per request (portal/middleware/request_log.py);
# gunicorn's own access log would repeat it.
# GUNICORN_CMD_ARGS="--access-logfile -" brings it back.
accesslog = None
# Each SQL statement of a request gets 10 s at most (portal/database/timeouts.py),
# well inside gunicorn's 30 s worker timeout; imports and backups run without it.
os.environ.setdefault("DJANGO_STATEMENT_TIMEOUT_MS", "10000")
# The control socket would land in $HOME and clash between several servers.
control_socket_disable = True


def when_ready(server):
    # Say which mode this is, so plain HTTP or debug in production cannot pass
    # unnoticed. Reading the settings module loads no app.
    if getattr(server.app, "app_uri", wsgi_app) != wsgi_app:
        # Another application with these settings (the load benchmark's minimal
        # site configures Django itself): settings read here, in the master,
        # would already be configured in its workers.
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings

    from config.env import only_loopback

    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    server.log.info(
        "Portal mode: HTTPS %s, debug %s, database %s, cache %s, hosts %s",
        "on" if settings.HTTPS else "off",
        "ON" if settings.DEBUG else "off",
        database,
        cache,
        ",".join(settings.ALLOWED_HOSTS),
    )
    if not settings.HTTPS and not only_loopback(settings.ALLOWED_HOSTS):
        server.log.warning(
            "HTTPS is off (DJANGO_HTTPS=0) for public host names: no redirect to "
            "HTTPS, no HSTS, cookies without Secure. Only behind a proxy that "
            "refuses plain HTTP is that safe."
        )
    base = f"http://{bind}"
    from django.utils.translation import get_language_info

    languages = "  ".join(
        f"{base}/{code}/ ({get_language_info(code)['name_local']})"
        for code, _name in settings.LANGUAGES
    )
    server.log.info("Portal ready: %s  %s/admin/", languages, base)
