from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from portal.dashboard import translation_dashboard
from portal.views import serve_media

urlpatterns = [
    path(
        "admin/translations/",
        admin.site.admin_view(translation_dashboard),
        name="translation_dashboard",
    ),
    path("admin/", admin.site.urls),
]
# Both languages carry a prefix (/ko/…, /en/…); "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(path("", include("portal.urls")))

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", serve_media)]
