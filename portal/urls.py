"""The organisation's public pages, in each language (tntd/urls.py).

Pages that read content are cached under the content version (website/caching.py)."""

from django.urls import path, re_path

from portal import views
from website.caching import cached_public_page, conditional_download

urlpatterns = [
    path("", cached_public_page(views.home), name="home"),
    path("about/", views.about, name="about"),
    path("departments/", cached_public_page(views.department_list), name="department_list"),
    path("departments/<slug:slug>/", cached_public_page(views.department_detail), name="department_detail"),
    path("units/", cached_public_page(views.unit_list), name="unit_list"),
    path("units/<slug:slug>/", cached_public_page(views.unit_detail), name="unit_detail"),
    path("themes/", cached_public_page(views.theme_list), name="theme_list"),
    path("themes/<slug:slug>/", cached_public_page(views.theme_detail), name="theme_detail"),
    path("countries/", cached_public_page(views.country_list), name="country_list"),
    # Two letters, either case: anything else is not a country code and gets the 404 page.
    re_path(r"^countries/(?P<code>[A-Za-z]{2})/$", cached_public_page(views.country_detail), name="country_detail"),
    path("regions/<slug:slug>/", cached_public_page(views.region_detail), name="region_detail"),
    path("structures/<slug:slug>/", cached_public_page(views.structure_detail), name="structure_detail"),
    path("budget/", cached_public_page(views.budget), name="budget"),
    path("budget/budget.csv", conditional_download(views.budget_csv), name="budget_csv"),
]
