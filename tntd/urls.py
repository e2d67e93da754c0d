"""Top-level URLs: each app keeps its own patterns. The admin's prefix is configurable."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from tntd.api import api
from tntd.views import serve_media

handler404 = "tntd.views.page_not_found"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("events/", include("activities.urls")),
    path("news/", include("news.urls")),
    path("api/v1/", api.urls),  # the public API (tntd/api.py)
    path("", include("tntd.public_urls")),
]

if not settings.AWS_STORAGE_BUCKET_NAME:
    # Photos on the media volume are served by the app itself: they are few, uploaded only
    # by staff and checked to be images. With a bucket, the bucket serves them.
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{prefix}(?P<path>.*)$", serve_media, name="media"))
