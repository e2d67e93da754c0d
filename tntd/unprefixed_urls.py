"""What has one address for every language: the sitemap, which lists each language's pages
in sections of their own, and robots.txt."""

from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from tntd import views
from tntd.caching import cached_public_page
from tntd.sitemaps import SITEMAPS

urlpatterns = [
    # robots.txt names the index; the index names each section and its pages (?p=2...).
    path("sitemap.xml", cached_public_page(sitemaps.index), {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
         name="sitemap"),
    path("sitemap-<slug:section>.xml", cached_public_page(sitemaps.sitemap), {"sitemaps": SITEMAPS},
         name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
