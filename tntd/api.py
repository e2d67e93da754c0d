"""The public API: published events and news in JSON, read-only, versioned under /api/v1/
(django-ninja), with its OpenAPI description at /api/v1/openapi.json and a docs page.

It is the finders and the downloads in another form, never a second copy of them:
- a list is the HTML finder's own search: its FilterSet, bound by the same functions
  (activities.views.filtered_events, news.views.filtered_news, through tntd.finder_pages.bind),
  read the same way (`results()`: the search index on PostgreSQL; `total()`; the ids-first
  pages of tntd.finder_pages.paginate), so every filter of a finder, one added later included, is
  a parameter here with the same meaning, and unknown parameters are ignored and reported;
- a record is the CSV/JSON download's, plus its slug and its own API URL;
- only what `published()` gives is ever read, whoever asks;
- answers are cached under the content version like the HTML pages
  (tntd.caching.cached_public_page), so a publish shows on the next request;
- each client address may make settings.API_RATE_LIMIT requests (django-ninja's
  AnonRateThrottle), then gets a 429 with Retry-After. The page cache sits in front of the
  limit: an answer served from it (or a 304) costs no database work and is not counted, as
  a proxy honouring the public Cache-Control would not send it here at all.

Bad input is a JSON 4xx, never a 500: {"detail": "...", "errors": {parameter: [messages]}}.
"""

import copy
import math
import threading
from datetime import date
from typing import Optional

import django_filters
from django import forms
from django.conf import settings
from django.core.validators import slug_re
from django.urls import reverse
from django.utils.text import get_text_list
from ninja import Field, NinjaAPI, Query, Router, Schema, Status, Swagger
from ninja.decorators import decorate_view
from ninja.errors import Throttled, ValidationError
from ninja.throttling import AnonRateThrottle

from activities.filters import EventFilterSet
from activities.models import Event
from activities.views import export_record as export_event_record
from activities.views import filtered_events
from news.filters import NewsFilterSet
from news.models import NewsItem
from news.views import export_record as export_news_record
from news.views import filtered_news
from tntd.caching import cached_public_page
from tntd.downloads import with_links_listed
from tntd.finder import querystring, shown
from tntd.finder_pages import PAGE_SIZE, PastTheLastPage, paginate

MAX_PAGE_SIZE = 100
PAGING_PARAMETERS = ("page", "page_size")  # the API's own; every other parameter is the finder's

# The links each record lists, prefetched per page (one query each, whatever the page size).
EVENT_LINKS = ("countries", "themes", "units", "structures", "partners")
NEWS_LINKS = ("structures", "themes", "countries")


def per_thread(name):
    """An attribute kept apart for each thread (see PerClientThrottle)."""
    return property(
        lambda self: getattr(self.thread_state, name), lambda self, value: setattr(self.thread_state, name, value)
    )


class PerClientThrottle(AnonRateThrottle):
    """django-ninja's AnonRateThrottle (per client address), safe for a worker's threads.

    It keeps a request's cache key, history and time on itself between reading the client's
    history and writing it back; a worker's threads share the one instance, and with Redis
    the read lets another thread run, whose request would overwrite the key: one client's
    history would be written under another's. So that state is kept per thread."""

    key = per_thread("key")
    history = per_thread("history")
    now = per_thread("now")

    def __init__(self, rate):
        self.thread_state = threading.local()
        super().__init__(rate)


# One instance for every endpoint, so that a client's requests are counted together.
per_client = PerClientThrottle(settings.API_RATE_LIMIT)

api = NinjaAPI(
    title="TNTD public API",
    version="1",
    description=(
        "Published events and news of the OSCE Transnational Threats Department, read-only. "
        "Lists take the same filters as the site's finders (/events/, /news/), are sorted in a stable "
        f"order and paginated ({PAGE_SIZE} records a page by default, at most {MAX_PAGE_SIZE}). "
        f"Requests are limited per client address ({settings.API_RATE_LIMIT}); past that, 429 with Retry-After."
    ),
    urls_namespace="api-v1",
    # The bundled Swagger UI from /static/ ("ninja" is an installed app), not a CDN, which the
    # Content-Security-Policy forbids; no online validator badge fetched from swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs/",
    # The description and the docs page change only with a deploy: cached and revalidated like a page.
    docs_decorator=cached_public_page,
    throttle=per_client,
)


# --- What the API answers ---------------------------------------------------------------------


class Problem(Schema):
    detail: str = Field(description="What is wrong, in plain words.")
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="For a 400: each parameter not valid, with why."
    )


class ResultsPage(Schema):
    count: int = Field(description="How many records match the filters, over every page.")
    page: int
    pages: int = Field(description="The number of the last page.")
    page_size: int
    next: Optional[str] = Field(description="The next page's address, with the same filters; null on the last.")
    previous: Optional[str] = Field(description="The previous page's address; null on the first.")
    filters: dict[str, list[str]] = Field(description="The filters in effect, written as the finder writes them.")
    notes: list[str] = Field(
        description="What was left out of the search, and why: unknown parameters, an address too long..."
    )


class EventRecord(Schema):
    """An event: the fields of the events' CSV/JSON download (activities.views.EXPORT_COLUMNS),
    its slug and its API address."""

    title: str
    url: str = Field(description="Its page on the site.")
    api_url: str = Field(description="This record in the API.")
    slug: str
    type: str
    event_status: str = Field(description="Whether it takes place: Scheduled, Postponed, Rescheduled, Cancelled or Moved online.")
    dates: str = Field(description="As the site writes them: “10–12 May 2017”, “March 2017”.")
    start_date: date = Field(description="The first day; for a month or a year known only as such, its first day.")
    end_date: Optional[date]
    date_precision: str = Field(description="How precisely the dates are known: day, month or year.")
    venue_city: str
    venue_country: Optional[str]
    online: bool
    countries: list[str] = Field(description="Countries taking part or benefiting.")
    themes: list[str]
    organising_units: list[str]
    osce_structures: list[str]
    partners: list[str]
    participants: Optional[int]
    participants_women: Optional[int]
    participants_men: Optional[int]
    summary: str


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


class EventsPage(ResultsPage):
    results: list[EventRecord]


class NewsPage(ResultsPage):
    results: list[NewsRecord]


def event_record(request, event):
    return {**export_event_record(request, event), "slug": event.slug, "api_url": api_url(request, "event", event.slug)}


def news_record(request, item):
    return {**export_news_record(request, item), "slug": item.slug, "api_url": api_url(request, "news_item", item.slug)}


def api_url(request, name, slug):
    return request.build_absolute_uri(reverse(f"{api.urls_namespace}:{name}", args=[slug]))


# --- Lists: the finders' search -----------------------------------------------------------------


def as_finder_sees_it(request):
    """The request without the API's paging parameters, which are no filter: the finder
    would report "page_size" as an unknown one. The rest reaches it untouched."""
    finder_request = copy.copy(request)
    finder_request.GET = request.GET.copy()
    for name in PAGING_PARAMETERS:
        finder_request.GET.pop(name, None)
    return finder_request


def results_page(request, filtered, links, record, page, page_size):
    """One page of a finder's results as the API answers it, or a 400/404 Status.

    `filtered` is the HTML finder's own function (request -> (FilterSet, note)); the page is
    read as the finder page reads it (tntd.finder_pages.finder_page): ids from `results()`, the
    total from `total()`, then those rows, with their links prefetched."""
    filterset, note = filtered(as_finder_sees_it(request))
    if not filterset.is_valid():
        # The finder page shows everything else with a note; a program would not read the
        # note and take the wrong results for the right ones.
        return Status(400, not_valid({name: list(messages) for name, messages in filterset.form.errors.items()}))
    rows = with_links_listed(filterset.queryset.for_lists(), *links)
    try:
        found, _ = paginate(
            {"page": str(page)}, filterset.results(), per_page=page_size, count=filterset.total(), rows=rows
        )
    except PastTheLastPage as past_the_end:
        return Status(404, {"detail": str(past_the_end)})
    filters = filterset.kept_params()
    params = {**filters, "page_size": [str(page_size)]} if page_size != PAGE_SIZE else filters

    def link(number):
        return request.build_absolute_uri(request.path + querystring(params, page=str(number) if number > 1 else None))

    return {
        "count": found.paginator.count,
        "page": found.number,
        "pages": found.paginator.num_pages,
        "page_size": page_size,
        "next": link(found.next_page_number()) if found.has_next() else None,
        "previous": link(found.previous_page_number()) if found.has_previous() else None,
        "filters": filters,
        "notes": ([note] if note else []) + filterset.problems(),
        "results": [record(request, row) for row in found.object_list],
    }


def not_valid(errors):
    """A 400's body: {"detail": "...", "errors": {parameter: [messages]}}."""
    names = get_text_list([f"“{shown(name)}”" for name in errors], "and")
    return {"detail": f"Not a valid search: check {names}.", "errors": errors}


def filter_parameters(filterset_class):
    """The finder's filters as the OpenAPI description's query parameters, read from the
    FilterSet itself, so that a filter added to the finder is described here too."""
    return [filter_parameter(name, filter_) for name, filter_ in filterset_class.base_filters.items()]


def filter_parameter(name, filter_):
    """One filter as a query parameter: its type, and its values where the filter lists them."""
    description = str(filter_.label or name)
    choices = filter_.extra.get("choices")
    values = [value for value, _ in choices] if isinstance(choices, (list, tuple)) else None
    if isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
        schema = {"type": "array", "items": {"type": "string"}}
        description += f": its {filter_.extra.get('to_field_name') or 'id'}. Repeat the parameter for any of several."
    elif isinstance(filter_, django_filters.MultipleChoiceFilter):
        schema = {"type": "array", "items": {"type": "string", **({"enum": values} if values else {})}}
        description += ". Repeat the parameter for any of several."
    elif isinstance(filter_, django_filters.ChoiceFilter):  # the sort order too (an OrderingFilter)
        schema = {"type": "string", **({"enum": values} if values else {})}
    elif isinstance(filter_, django_filters.NumberFilter):
        schema = {"type": "integer" if issubclass(filter_.field_class, forms.IntegerField) else "number"}
        for key, argument in (("minimum", "min_value"), ("maximum", "max_value")):
            if filter_.extra.get(argument) is not None:
                schema[key] = filter_.extra[argument]
    elif isinstance(filter_, django_filters.DateFilter):
        schema = {"type": "string", "format": "date"}
    else:
        schema = {"type": "string"}
        if filter_.extra.get("max_length"):
            schema["maxLength"] = filter_.extra["max_length"]
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


PAGE = Query(1, ge=1, description="Which page: 1 is the first.")
SIZE = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Records a page, at most {MAX_PAGE_SIZE}.")
ERRORS = {400: Problem, 404: Problem, 429: Problem}


def found_by_slug(records, slug):
    """The record with `slug`, or None. A slug has only letters, digits, "-" and "_": anything
    else (a NUL would be an error on PostgreSQL, not a miss) is known absent without a query."""
    return records.filter(slug=slug).first() if slug_re.fullmatch(slug) else None


events = Router(tags=["Events"])
news = Router(tags=["News"])


@events.get("/", response={200: EventsPage, **ERRORS}, url_name="events", summary="Events",
            openapi_extra={"parameters": filter_parameters(EventFilterSet)})
@decorate_view(cached_public_page)
def event_list(request, page: int = PAGE, page_size: int = SIZE):
    """Published events matching the filters of the events finder (/events/), newest first
    unless `sort` says otherwise; ties keep one order, so paging never skips or repeats one."""
    return results_page(request, filtered_events, EVENT_LINKS, event_record, page, page_size)


@events.get("/{slug}/", response={200: EventRecord, 404: Problem, 429: Problem}, url_name="event", summary="An event")
@decorate_view(cached_public_page)
def event_detail(request, slug: str):
    """One published event."""
    event = found_by_slug(with_links_listed(Event.objects.published().for_lists(), *EVENT_LINKS), slug)
    if event is None:
        return Status(404, {"detail": f"No published event has the slug “{shown(slug)}”."})
    return event_record(request, event)


@news.get("/", response={200: NewsPage, **ERRORS}, url_name="news", summary="News",
          openapi_extra={"parameters": filter_parameters(NewsFilterSet)})
@decorate_view(cached_public_page)
def news_list(request, page: int = PAGE, page_size: int = SIZE):
    """Published news items matching the filters of the news finder (/news/), newest first
    unless `sort` says otherwise; ties keep one order, so paging never skips or repeats one."""
    return results_page(request, filtered_news, NEWS_LINKS, news_record, page, page_size)


@news.get("/{slug}/", response={200: NewsRecord, 404: Problem, 429: Problem}, url_name="news_item",
          summary="A news item")
@decorate_view(cached_public_page)
def news_detail(request, slug: str):
    """One published news item."""
    item = found_by_slug(with_links_listed(NewsItem.objects.published().for_lists(), *NEWS_LINKS), slug)
    if item is None:
        return Status(404, {"detail": f"No published news item has the slug “{shown(slug)}”."})
    return news_record(request, item)


api.add_router("/events/", events)
api.add_router("/news/", news)


# --- Errors in JSON ---------------------------------------------------------------------------


@api.exception_handler(ValidationError)
def malformed_parameters(request, error):
    """A parameter django-ninja checks (page, page_size) is not valid: a 400 like a filter's."""
    errors = {}
    for problem in error.errors:
        errors.setdefault(str(problem["loc"][-1]), []).append(problem["msg"])
    return api.create_response(request, not_valid(errors), status=400)


@api.exception_handler(Throttled)
def too_many_requests(request, throttled):
    """django-ninja adds the Retry-After header; the body says it in words."""
    wait = f" Try again in {math.ceil(throttled.wait)} seconds." if throttled.wait else ""
    detail = f"Too many requests from your address: at most {settings.API_RATE_LIMIT}.{wait}"
    return api.create_response(request, {"detail": detail}, status=429)
