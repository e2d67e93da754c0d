"""Top-level URLs: each app keeps its own patterns. Public pages are under a language prefix;
the admin (its prefix configurable), the API, sitemaps and robots.txt are not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from api.public import api
from backoffice.sign_in import reset_urls
from website.languages import choose_language

handler404 = "website.views.page_not_found"

urlpatterns = [
    *reset_urls(settings.ADMIN_URL),  # a forgotten password, reset by email (backoffice/sign_in.py)
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/v1/", api.urls),  # the public API (api/public.py)
    path("", include("website.urls")),
    # /: the home page in the visitor's language (website/languages.py).
    path("", choose_language, name="choose_language"),
]
# Public pages, once per language: /en/events/, /ru/events/ (website/languages.py).
urlpatterns += i18n_patterns(
    path("events/", include("activities.urls")),
    path("news/", include("news.urls")),
    path("", include("portal.urls")),
)

# Uploaded photos: served by Django only in development (static() adds nothing unless DEBUG
# is on). In production the proxy serves MEDIA_URL from the media volume (compose.yaml,
# docker/nginx.conf), or the bucket does.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
