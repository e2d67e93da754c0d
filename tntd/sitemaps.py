"""sitemap.xml: an index of sections (pages, events, news... once per language: "events-ru"),
each section a sitemap split into pages (?p=2, ?p=3...) of at most 10,000 URLs; built from
the same published() rule as the pages.

A section page costs two queries whatever its size (a count, then its rows with only the
fields a URL and its date need); the index costs two per section (its count and its latest
change), never a read of every row.
"""

from functools import partial

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from activities.models import Event
from news.models import NewsItem
from tntd.models import Department, OsceStructure, Region, Theme, Unit
from tntd.views import countries_with_published_content


class LanguageSitemap(Sitemap):
    """A section's pages at their addresses in one language (`language_code`), whatever the
    language of the sitemap's own address. Django's `i18n` would list every language in each
    section, from a list of all the items in memory, where a section's page reads only its own."""

    language_code = settings.LANGUAGE_CODE

    def get_urls(self, *args, **kwargs):
        with translation.override(self.language_code):
            return super().get_urls(*args, **kwargs)


class StaticPagesSitemap(LanguageSitemap):
    def items(self):
        return ["home", "event_list", "news_list", "budget", "theme_list", "country_list", "department_list", "unit_list"]

    def location(self, name):
        return reverse(name)


class ChangedPagesSitemap(LanguageSitemap):
    """Pages of a model, each dated by its last change. `records` makes their queryset at
    each request: what is public depends on the time (scheduled publishing), so a queryset
    made once, when this module is imported, would keep that moment's answer."""

    # The protocol allows 50,000 URLs a file, but rendering takes about 65 µs a URL (3 s for
    # 50,000): at 10,000 a page of the sitemap answers in well under a second, however many
    # events there are.
    limit = 10_000

    def __init__(self, records):
        self.records = records

    def items(self):
        return self.records().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.records().order_by("-updated_at").values_list("updated_at", flat=True).first()


def changed_pages(records):
    """A section of the pages of `records()`. Made afresh for each request (the sitemap views
    call it), as a Sitemap keeps state from the request it answered."""
    return partial(ChangedPagesSitemap, records)


class CountrySitemap(LanguageSitemap):
    """Only countries with something published: the others' pages are empty."""

    def items(self):
        return countries_with_published_content().order_by("code")


SECTIONS = {
    "pages": StaticPagesSitemap,
    "events": changed_pages(lambda: Event.objects.published().order_by("-start_date", "pk")),
    "news": changed_pages(lambda: NewsItem.objects.published().order_by("-published_on", "pk")),
    "departments": changed_pages(lambda: Department.objects.order_by("pk")),
    "units": changed_pages(lambda: Unit.objects.order_by("pk")),
    "themes": changed_pages(lambda: Theme.objects.order_by("pk")),
    "structures": changed_pages(lambda: OsceStructure.objects.order_by("pk")),
    "countries": CountrySitemap,
    "regions": changed_pages(lambda: Region.objects.order_by("pk")),
}


def in_language(section, code):
    """`section` (a sitemap class, or a function making one) in the language `code`."""

    def make():
        sitemap = section()
        sitemap.language_code = code
        return sitemap

    return make


SITEMAPS = {f"{name}-{code}": in_language(section, code) for code, _ in settings.LANGUAGES for name, section in SECTIONS.items()}
