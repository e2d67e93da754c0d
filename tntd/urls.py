"""Top-level URLs: each app keeps its own patterns. The admin's prefix is configurable."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("events/", include("activities.urls")),
    path("news/", include("news.urls")),
    path("", include("tntd.public_urls")),
]
