"""Settings for the city-policy portal: the only settings module.

Deployments change behaviour through environment variables (see README).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags
from js_asset import static_lazy

from config.env import (
    allowed_hosts,
    cache_from_url,
    env_bool,
    env_list,
    load_env_file,
    only_loopback,
    origin_of,
    s3_storage,
    secret_key,
)
from config.verbose_names import localized_verbose_name

BASE_DIR = Path(__file__).resolve().parent.parent
# Runtime state (database, uploads, collected static files, local key): git-ignored.
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))

# A local trial's key and hosts, written by `make`; real environment variables win.
FROM_LOCAL_FILE = load_env_file(VAR_DIR / "local.env")

# Core. Production unless DJANGO_DEBUG says otherwise: then a missing or weak key
# or an empty host list stops the site with a message (config/env.py).
DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = secret_key(DEBUG, VAR_DIR)
ALLOWED_HOSTS = allowed_hosts(DEBUG)

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must be imported before it.
    "modeltranslation",
    # Redirects that staff manage and that the old site's addresses and renamed
    # pages leave (portal/old_addresses.py). Before portal, whose admin replaces
    # the redirects' own (portal/admin/redirects.py).
    "django.contrib.sites",
    "django.contrib.redirects",
    # Before the admin: portal registers its models with reversion once the
    # translated fields exist, before the admin would register them without us.
    "portal",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "reversion",
    "portal.axes_config.AxesConfig",
    # The admin's rich-text editor (its scripts and styles, served by us) and the
    # image renditions.
    "django_prose_editor",
    "imagekit",
    # Last, as it asks: deletes a replaced, cleared or deleted upload once the
    # change is committed, so an old file does not stay public at its address.
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    # Before the host check and the HTTPS redirect: balancers probe by address.
    "portal.middleware.health.HealthCheckMiddleware",
    # Outermost after that, so the time and status logged are what was sent.
    "portal.middleware.request_log.RequestLogMiddleware",
    "portal.middleware.admin_robots.AdminNoIndexMiddleware",
    # Before the HTTPS redirect: a request to the old site's host name comes to
    # our own address, and an old node address to its page, in one hop.
    "portal.middleware.old_addresses.OldHostMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Security headers on every answer, cached pages and static files included.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Anonymous pages from the cache before any session or template work; above
    # GZip so that the compressed bytes are what is stored.
    "portal.middleware.page_cache.PageCacheMiddleware",
    # Below the page cache, so a cached page carries the policy it was stored
    # with: django-csp builds the header anew for each answer, a large share of a
    # cache hit's time (docs/performance.md). Above Whitenoise, so static files
    # carry it too.
    "csp.middleware.CSPMiddleware",
    # Whitenoise answers static requests before any other work is done.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # Around every view's transaction: deletes files a rolled-back save wrote.
    "portal.middleware.uncommitted_files.UncommittedFilesMiddleware",
    # Redirects (the old site's addresses, renamed pages, staff's own) for what
    # still answers 404 once LocaleMiddleware and CommonMiddleware, below, have
    # tried a language prefix and a slash. Below the page cache, which keeps
    # only 200s, so no redirect is stored there.
    "portal.middleware.old_addresses.OldAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the language from them), before CommonMiddleware
    # (which must see the language prefix when it appends slashes).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A view that finds SQLite locked by an import answers 503, not 500.
    "portal.middleware.busy.DatabaseBusyMiddleware",
    # Last, as django-axes asks: it turns a lockout into the "try again later" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# The one Site every redirect belongs to. Pages, feeds and sitemaps name the host
# the request came to, never this Site's domain.
SITE_ID = 1
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.pages.context_processors.language_urls",
                "portal.pages.context_processors.site_footer",
            ],
        },
    },
]

# Database
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
# A time limit on each SQL statement, in milliseconds (0: none). gunicorn sets it
# for the web processes (config/gunicorn.conf.py); commands run without it.
STATEMENT_TIMEOUT_MS = int(os.environ.get("DJANGO_STATEMENT_TIMEOUT_MS", "0"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share the file: WAL lets readers go on while one
    # writer writes; writers take the lock when their transaction starts
    # (IMMEDIATE) and wait up to 20 s for it, instead of failing half-way with
    # "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON;"
        ),
    }
# dumpdata and loaddata leave out the search tables the triggers fill.
DATABASE_ROUTERS = ["portal.database.routers.DerivedTablesRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Staff sign in through the admin. Previews answer 404 to visitors instead of
# sending them there: the admin's address may be a secret (DJANGO_ADMIN_PATH).
LOGIN_URL = "admin:login"
AUTHENTICATION_BACKENDS = [
    # Refuses sign-ins while an address or a user name is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Passwords
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Internationalisation
# The languages the site serves, in the order the language switch lists them;
# the first is the default. Adding or removing one is this list (with the facts
# below, where Django's own defaults do not fit), `makemigrations` and the
# language's catalogs in locale/ (docs/languages.md). No other file names a
# language: code asks portal.languages.
LANGUAGE_CODE = "ko"
LANGUAGES = [
    ("ko", _("Korean")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Simplified Chinese")),
]
# Open Graph names a language with a country (``ll_CC``); a language missing
# here is given by its code alone.
OPEN_GRAPH_LOCALES = {
    "ko": "ko_KR",
    "en": "en_US",
    "es": "es_ES",
    "fr": "fr_FR",
    "ar": "ar_AR",
    "zh-hans": "zh_CN",
}
# The old site's captures (seeds/) hold two languages: text mostly in Hangul is
# the first, the rest (in Latin letters) the second.
SEED_LANGUAGES = ("ko", "en")
# The writing system of each language whose pages need typography of their own
# (fonts, line breaking), as ISO 15924 codes: the stylesheet keys on scripts,
# never on languages. A language not listed is written in Latin letters.
LANGUAGE_SCRIPTS = {"ko": "hang", "ar": "arab", "zh-hans": "hans"}
# Text not written in a page's language is shown in the first of these that has
# it, marked with its own language. Most policy bodies exist only in Korean and
# English; English reaches more of the readers of the other languages.
LANGUAGE_FALLBACKS = {
    "default": ("en", "ko"),
    "ko": ("en",),
    "en": ("ko",),
}
# Our catalogs live at the top level, beside the app, so translators find them.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
# Our date formats before Django's (config/formats/<language>/): one date style
# per language, on a 24-hour clock.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True

# Slugs are ASCII and the same in every language (/ko/…/x/ and /ar/…/x/): the
# admin and the seed import make them from the title in this language.
SLUG_LANGUAGE = "en"

MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = LANGUAGE_FALLBACKS
# A copy of a translated field is labelled with its language named in the
# admin's language ("title [English]"), not modeltranslation's bare "[en]".
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = localized_verbose_name
# The tabbed admin loads jQuery UI from a public CDN by default; these machines
# have no internet, so the tabs would silently vanish. Serve our own copy.
JQUERY_UI_URL = "portal/vendor/jquery-ui.min.js"
# The body editor's own module (portal.text.rich): it also replaces the Table
# extension with one that has a caption. These two add no markup of their own.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("portal/admin/editor.js")],
        "extensions": {
            "TrailingNode": html_tags([]),
            "MenuLabels": html_tags([]),
        },
    }
]

# Static and uploaded files
# Whitenoise serves them from every host; a CDN may pull them from there instead
# (DJANGO_STATIC_URL=https://cdn.example.org/static/). See docs/deploy.md.
STATIC_URL = os.environ.get("DJANGO_STATIC_URL", "/static/")
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# A single host serves uploads itself; behind a proxy, set 0 and let it serve /media/.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=True)
# Sent with every upload, by Django or by the proxy (config/deploy/nginx.conf says
# the same; a test keeps them equal): a file is never a page that runs script.
MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
STORAGES = {
    # Ours: a file written by a save that rolls back is deleted (portal/storage.py).
    "default": {"BACKEND": "portal.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Several hosts keep uploads on S3-compatible storage (django-storages, the `s3`
# extra; config/env.py says which variables). Credentials come from
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "")
MEDIA_ORIGIN = origin_of(os.environ.get("DJANGO_MEDIA_ORIGIN", ""))
if S3_BUCKET:
    STORAGES["default"], bucket_origin = s3_storage(
        dict(os.environ), page_cache_seconds=PAGE_CACHE_SECONDS
    )
    MEDIA_ORIGIN = MEDIA_ORIGIN or bucket_origin
    SERVE_MEDIA = False
# Where styles, scripts and fonts may come from besides this site: the CDN.
ASSET_ORIGINS = [origin for origin in (origin_of(STATIC_URL),) if origin]
# Images may also come from the bucket (or its CDN); nothing else may, since an
# upload is never a script or a style.
IMAGE_ORIGINS = [*ASSET_ORIGINS, *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])]

# Uploads: form fields up to 2.5 MB; files over 2.5 MB go to a temporary file
# rather than memory; a request larger than the largest file allowed is refused
# by its Content-Length before its body is read (portal/uploads/checks.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "portal.uploads.checks.RequestSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o644

# Caching: whole anonymous pages (portal/middleware/page_cache.py), filed under
# the content version so no page outlives a change. DJANGO_CACHE_URL shares them
# between hosts; without it each process keeps at most DJANGO_CACHE_MAX_MB.
CACHES = {
    "default": cache_from_url(
        os.environ.get("DJANGO_CACHE_URL", ""),
        max_mb=int(os.environ.get("DJANGO_CACHE_MAX_MB", "64")),
    )
}
PAGE_CACHE_ALIAS = "default"
# How long a proxy in front (nginx's microcache) may reuse an anonymous page.
PROXY_CACHE_SECONDS = int(os.environ.get("DJANGO_PROXY_CACHE_SECONDS", "5"))
# Query results that renders share (portal/pages/results.py), under the same version.
RESULTS_CACHE_SECONDS = int(os.environ.get("DJANGO_RESULTS_CACHE_SECONDS", "600"))

# HTTPS and cookies. A deployment answers over HTTPS behind a proxy that sets
# X-Forwarded-Proto (and drops the client's own). `make run`'s local trial on
# plain HTTP has DJANGO_HTTPS=0 in var/local.env, but a convenience file may not
# weaken a deployment: it counts only while every allowed host is loopback. A
# deployment that wants plain HTTP sets DJANGO_HTTPS=0 itself (and gunicorn says
# so at start).
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
if not HTTPS and "DJANGO_HTTPS" in FROM_LOCAL_FILE and not only_loopback(ALLOWED_HOSTS):
    HTTPS = True
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
# Only staff have sessions: they end after a working day, or when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_SECONDS", 8 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The one inline stylesheet the admin's add and change forms allow: the base rules
# the body editor (TipTap, in django-prose-editor) injects. A hash admits that exact
# text only; tests/browser/test_media.py fails if an upgrade changes it.
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
# The privacy-enhanced video players, the only frames pages may show: the CSP
# below allows these origins, and portal.values.video builds player addresses on
# them, so the two cannot disagree.
VIDEO_PLAYER_ORIGINS = {
    "youtube": "https://www.youtube-nocookie.com",
    "vimeo": "https://player.vimeo.com",
}
# Content-Security-Policy: everything from this site, nothing inline, no frames
# around our pages. JSON-LD is a data block, which CSP does not govern.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # The nonce is sent only on pages that use it: the admin's editor forms.
        "script-src": [SELF, NONCE, *ASSET_ORIGINS],
        "style-src": [SELF, *ASSET_ORIGINS],
        "img-src": [SELF, *IMAGE_ORIGINS],
        "font-src": [SELF, *ASSET_ORIGINS],
        "connect-src": [SELF],
        # Only the privacy-enhanced video players, on the page a visitor opens by
        # pressing play (portal.values.video).
        "frame-src": list(VIDEO_PLAYER_ORIGINS.values()),
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    }
}
# The portal uses none of these browser features; nothing embedded may either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Brute-force protection (django-axes): five failed sign-ins from one address, or
# for one user name, and further tries are refused for the cooling-off time.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("DJANGO_LOCKOUT_MINUTES", "15"))
)
AXES_RESET_ON_SUCCESS = True
# A success clears that user's own failures only, never its address's.
AXES_HANDLER = "portal.admin.lockout.OwnFailuresHandler"
AXES_LOCKOUT_CALLABLE = "portal.admin.lockout.sign_in_locked"
AXES_CLIENT_IP_CALLABLE = "portal.middleware.client_ip.client_ip"
# How many proxies in front of gunicorn append to X-Forwarded-For (0: none, so
# the socket's address is the visitor's). Lockouts and logs use that address.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Who runs the site, for every page's footer (portal/operator.py): e.g.
# DJANGO_OPERATOR_DIVISION_KO, DJANGO_OPERATOR_DIVISION_EN, DJANGO_OPERATOR_PHONE.
PORTAL_OPERATOR = {
    key[len("DJANGO_OPERATOR_") :].lower(): value
    for key, value in os.environ.items()
    if key.startswith("DJANGO_OPERATOR_") and value.strip()
}

# Mail: requests' confirmations, replies and notices (portal/models/mail.py).
# Without DJANGO_EMAIL_HOST, mail is printed on the console (a local trial);
# `check --deploy` warns about that. DJANGO_EMAIL_TLS=1 for STARTTLS (port 587),
# DJANGO_EMAIL_SSL=1 for TLS from the first byte (port 465).
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_TLS", default=False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_SSL", default=False)
# A visitor waits for the first try; a slow server leaves the mail queued.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))
# The public address mails link to (https://policy.seoul.go.kr); without it, the
# address the visitor's request came to.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_EMAIL_FROM", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The old site (Drupal, 2014-2025), whose addresses keep working
# (portal/old_addresses.py): its host names, recognised in the addresses the
# import reads, and its language prefixes, each mapped to one of our languages.
# It used our codes; a prefix of its own would be one more entry here.
OLD_SITE_HOSTS = [
    host.lower()
    for host in env_list(
        "DJANGO_OLD_SITE_HOSTS", "seoulsolution.kr,www.seoulsolution.kr"
    )
]
OLD_SITE_LANGUAGES = {code: code for code, _name in LANGUAGES}
# Served (each request moved to our own address) only when the deployment names
# them: its DNS then points them here. Added after the HTTPS decision above,
# which looks at the site's own hosts.
if "DJANGO_OLD_SITE_HOSTS" in os.environ:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, *OLD_SITE_HOSTS]

# Requests from visitors ("Ask Seoul", portal/models/inquiries.py). Their personal
# data is destroyed this many days after the last reply (or receipt), by
# `manage.py purge_requests` (config/deploy/portal-purge-requests.timer). The
# consent version changes whenever the consent text's meaning does.
ASK_RETENTION_DAYS = int(os.environ.get("DJANGO_ASK_RETENTION_DAYS", "365"))
ASK_CONSENT_VERSION = "2026-12"
# The standing page (a Page slug) that tells visitors about the requests' data
# (portal/templates/portal/includes/request_data.html).
PRIVACY_PAGE_SLUG = "privacy"
# Where notices of requests without a department go; the operator's e-mail
# address when unset (portal/operator.py).
ASK_DESK_EMAIL = os.environ.get("DJANGO_ASK_DESK_EMAIL", "")
# Spam, without a third-party CAPTCHA: a form sent sooner than this after it was
# shown is refused, as are more requests than these from one network address
# (per hour) or one e-mail address (per day).
ASK_MINIMUM_SECONDS = int(os.environ.get("DJANGO_ASK_MINIMUM_SECONDS", "3"))
ASK_PER_ADDRESS_HOURLY = int(os.environ.get("DJANGO_ASK_PER_ADDRESS_HOURLY", "5"))
ASK_PER_EMAIL_DAILY = int(os.environ.get("DJANGO_ASK_PER_EMAIL_DAILY", "3"))

# The admin's address; a less obvious one keeps most scripted attacks away.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

# Logging: one JSON object per line on stdout, where gunicorn and the service
# manager collect it; a line per request (portal/middleware/request_log.py) and
# warnings and errors from everything else. DJANGO_LOG_REQUESTS=0 keeps only the latter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.middleware.request_log.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {
        "portal.request": {
            "level": "INFO" if env_bool("DJANGO_LOG_REQUESTS", True) else "WARNING",
        },
        # Django logs every 4xx here as well; the request line already says it.
        "django.request": {"level": "ERROR"},
        # Scanners send bad Host headers all day; the request line records the 400
        # without a traceback.
        "django.security.DisallowedHost": {"level": "CRITICAL"},
    },
}
