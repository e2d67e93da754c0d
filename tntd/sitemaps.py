"""sitemap.xml: every public page, built from the same published() rule as the pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from activities.models import Event
from news.models import NewsItem
from tntd.models import Department, OsceStructure, Theme, Unit
from tntd.views import countries_with_published_content


class StaticPagesSitemap(Sitemap):
    def items(self):
        return ["home", "event_list", "news_list", "budget", "theme_list", "country_list"]

    def location(self, name):
        return reverse(name)


class EventSitemap(Sitemap):
    def items(self):
        return Event.objects.published().order_by("-start_date", "pk")

    def lastmod(self, event):
        return event.updated_at


class NewsSitemap(Sitemap):
    def items(self):
        return NewsItem.objects.published().order_by("-published_on", "pk")

    def lastmod(self, item):
        return item.updated_at


class ModelSitemap(Sitemap):
    """Organisation pages, all public."""

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class CountrySitemap(Sitemap):
    """Only countries with something published: the others' pages are empty."""

    def items(self):
        return countries_with_published_content().order_by("code")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "events": EventSitemap,
    "news": NewsSitemap,
    "departments": ModelSitemap(Department),
    "units": ModelSitemap(Unit),
    "themes": ModelSitemap(Theme),
    "structures": ModelSitemap(OsceStructure),
    "countries": CountrySitemap,
}
