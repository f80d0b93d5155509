from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from portal.admin.dashboard import translation_dashboard
from portal.pages.views import (
    favicon,
    robots_txt,
    serve_media,
    sitemap_index,
    sitemap_section,
)

urlpatterns = [
    path(
        f"{settings.ADMIN_PATH}translations/",
        admin.site.admin_view(translation_dashboard),
        name="translation_dashboard",
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]
# Every language carries its prefix (settings.LANGUAGES); "/" redirects by
# Accept-Language.
urlpatterns += i18n_patterns(path("", include("portal.pages.urls")))

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", serve_media)]

handler400 = "portal.pages.views.bad_request"
handler404 = "portal.pages.views.page_not_found"
handler500 = "portal.pages.views.server_error"
