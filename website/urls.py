"""What has one address for every language: the sitemap, which lists each language's pages
in sections of their own, and robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from website import views
from website.caching import cached_public_page
from website.sitemaps import sitemaps

SECTIONS = sitemaps()  # the apps registered theirs when they were ready, before any URLconf is read

urlpatterns = [
    path("sitemap.xml", cached_public_page(sitemap_views.index), {"sitemaps": SECTIONS, "sitemap_url_name": "sitemap_section"},
         name="sitemap"),
    path("sitemap-<slug:section>.xml", cached_public_page(sitemap_views.sitemap), {"sitemaps": SECTIONS},
         name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
