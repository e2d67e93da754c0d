"""The organisation's public pages, the sitemap and robots.txt."""

from django.contrib.sitemaps import views as sitemaps
from django.urls import path, re_path

from tntd import views
from tntd.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("departments/<slug:slug>/", views.department_detail, name="department_detail"),
    path("units/<slug:slug>/", views.unit_detail, name="unit_detail"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme_detail"),
    path("countries/", views.country_list, name="country_list"),
    # Two letters, either case: anything else is not a country code and gets the 404 page.
    re_path(r"^countries/(?P<code>[A-Za-z]{2})/$", views.country_detail, name="country_detail"),
    path("structures/<slug:slug>/", views.structure_detail, name="structure_detail"),
    path("budget/", views.budget, name="budget"),
    path("budget/budget.csv", views.budget_csv, name="budget_csv"),
    # robots.txt names the index; the index names each section and its pages (?p=2...).
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
