"""/api/v1/news/: the news finder and its records in JSON (api/public.py says how)."""

from datetime import date

from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view

from api.public import (
    ERRORS,
    EXAMPLE_SITE,
    PAGE,
    SIZE,
    ResultsPage,
    api_url,
    filter_parameters,
    found_by_slug,
    page_example,
    problem,
    register_list,
    results_page,
)
from finders.downloads import with_links_listed
from finders.filtersets import shown
from news.filters import NewsFilterSet
from news.models import NewsItem
from news.views import export_record, filtered_news
from website.caching import cached_public_page

# The links each record lists, prefetched per page (one query each, whatever the page size).
LINKS = ("structures", "themes", "countries")

router = Router(tags=["News"])


class NewsRecord(Schema):
    """A news item: the fields of the news CSV/JSON download (news.views.EXPORT_COLUMNS), its
    slug and its API address."""

    title: str
    url: str = Field(description="Its page on the site.")
    api_url: str = Field(description="This record in the API.")
    slug: str
    type: str = Field(description="News, Press release, Feature, Statement, or empty.")
    published_on: date
    osce_structures: list[str]
    themes: list[str]
    countries: list[str]
    summary: str


class NewsPage(ResultsPage):
    results: list[NewsRecord]


def news_record(request, item):
    return {**export_record(request, item), "slug": item.slug, "api_url": api_url(request, "news_item", item.slug)}


@router.get("/", response={200: NewsPage, **ERRORS}, url_name="news", summary="News", operation_id="news_list",
            openapi_extra={"parameters": filter_parameters(NewsFilterSet, "news")})
@decorate_view(cached_public_page)
def news_list(request, page: int = PAGE, page_size: int = SIZE):
    """Published news items matching the filters of the news finder (/news/), newest first
    unless `sort` says otherwise; ties keep one order, so paging never skips or repeats one."""
    return results_page(request, filtered_news, LINKS, news_record, page, page_size)


@router.get("/{slug}/", response={200: NewsRecord, **ERRORS}, url_name="news_item", summary="A news item",
            operation_id="news_detail")
@decorate_view(cached_public_page)
def news_detail(request, slug: str):
    """One published news item."""
    item = found_by_slug(with_links_listed(NewsItem.objects.published().for_lists(), *LINKS), slug)
    if item is None:
        return Status(404, problem(f"No published news item has the slug “{shown(slug)}”."))
    return news_record(request, item)


EXAMPLE = {
    "title": "Cryptocurrency peer exchange", "url": f"{EXAMPLE_SITE}/en/news/crypto/",
    "api_url": f"{EXAMPLE_SITE}/api/v1/news/crypto/", "slug": "crypto", "type": "Press release",
    "published_on": "2024-12-16", "osce_structures": ["OSCE Presence in Albania"], "themes": ["Policing"],
    "countries": ["Albania"], "summary": "Investigators from six countries compared cases.",
}


def register():
    register_list(
        "news", router,
        {"news_list": page_example("news", EXAMPLE), "news_detail": EXAMPLE},
        {"country": [{"value": "AL", "label": "Albania"}], "theme": [{"value": "policing", "label": "Policing"}]},
    )
