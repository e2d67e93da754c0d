"""sitemap.xml: an index of sections (a kind of page in one language), each split into pages.

Built from the same published() rule as the pages; a section's page costs two queries whatever
its size, never a read of every row.
"""

from functools import partial

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation


class LanguageSitemap(Sitemap):
    """A section's pages at their addresses in one language (`language_code`), whatever the
    language of the sitemap's own address. Django's `i18n` would list every language in each
    section, from a list of all the items in memory, where a section's page reads only its own."""

    language_code = settings.LANGUAGE_CODE

    def get_urls(self, *args, **kwargs):
        with translation.override(self.language_code):
            return super().get_urls(*args, **kwargs)


class StaticPagesSitemap(LanguageSitemap):
    """The pages that are not records: each app's indexes and finders (`register_pages`)."""

    def items(self):
        return PAGES

    def location(self, name):
        return reverse(name)


class ChangedPagesSitemap(LanguageSitemap):
    """Pages of a model, each dated by its last change. `records` makes their queryset at
    each request: what is public depends on the time (scheduled publishing), so a queryset
    made once, when this module is imported, would keep that moment's answer."""

    # The protocol allows 50,000 URLs a file, but rendering each URL takes time: smaller pages
    # keep every page of the sitemap quick, however many events there are.
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


class ListedPagesSitemap(LanguageSitemap):
    """The pages of `records()`, undated: those of countries with something published (the
    others' pages are empty)."""

    def __init__(self, records):
        self.records = records

    def items(self):
        return self.records()


def listed_pages(records):
    """A section of the pages of `records()`, without dates."""
    return partial(ListedPagesSitemap, records)


PAGES = []  # URL names, in the order the apps register them
SECTIONS = {"pages": StaticPagesSitemap}


def register_pages(*url_names):
    """List the pages named `url_names` (an index, a finder) in the sitemap."""
    PAGES.extend(name for name in url_names if name not in PAGES)


def register(name, section):
    """Give the sitemap a section `name` ("events"): a Sitemap class, or a function making one."""
    SECTIONS[name] = section


def in_language(section, code):
    """`section` (a sitemap class, or a function making one) in the language `code`."""

    def make():
        sitemap = section()
        sitemap.language_code = code
        return sitemap

    return make


def sitemaps():
    """Every section once per language ("events-ru"), as the sitemap views take them."""
    return {f"{name}-{code}": in_language(section, code) for code, _ in settings.LANGUAGES for name, section in SECTIONS.items()}
