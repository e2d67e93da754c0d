"""Top-level URLs: each app keeps its own patterns. The admin's prefix is configurable."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from tntd.api import api

handler404 = "tntd.views.page_not_found"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("events/", include("activities.urls")),
    path("news/", include("news.urls")),
    path("api/v1/", api.urls),  # the public API (tntd/api.py)
    path("", include("tntd.public_urls")),
]

# Uploaded photos: served by Django only in development (static() adds nothing unless DEBUG
# is on). In production the proxy serves MEDIA_URL from the media volume (compose.yaml,
# docker/nginx.conf), or the bucket does.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
