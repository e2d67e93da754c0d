"""/api/v1/events/: the events finder and its records in JSON (api/public.py says how)."""

from datetime import date
from typing import Optional

from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view

from activities.filters import EventFilterSet
from activities.models import Event
from activities.views import export_record, filtered_events
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
from website.caching import cached_public_page

# The links each record lists, prefetched per page (one query each, whatever the page size).
LINKS = ("countries", "themes", "units", "structures", "partners")

router = Router(tags=["Events"])


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


class EventsPage(ResultsPage):
    results: list[EventRecord]


def event_record(request, event):
    return {**export_record(request, event), "slug": event.slug, "api_url": api_url(request, "event", event.slug)}


@router.get("/", response={200: EventsPage, **ERRORS}, url_name="events", summary="Events", operation_id="event_list",
            openapi_extra={"parameters": filter_parameters(EventFilterSet, "events")})
@decorate_view(cached_public_page)
def event_list(request, page: int = PAGE, page_size: int = SIZE):
    """Published events matching the filters of the events finder (/events/), newest first
    unless `sort` says otherwise; ties keep one order, so paging never skips or repeats one."""
    return results_page(request, filtered_events, LINKS, event_record, page, page_size)


@router.get("/{slug}/", response={200: EventRecord, **ERRORS}, url_name="event", summary="An event",
            operation_id="event_detail")
@decorate_view(cached_public_page)
def event_detail(request, slug: str):
    """One published event."""
    event = found_by_slug(with_links_listed(Event.objects.published().for_lists(), *LINKS), slug)
    if event is None:
        return Status(404, problem(f"No published event has the slug “{shown(slug)}”."))
    return event_record(request, event)


EXAMPLE = {
    "title": "Exercise in Tirana", "url": f"{EXAMPLE_SITE}/en/events/tirana/",
    "api_url": f"{EXAMPLE_SITE}/api/v1/events/tirana/", "slug": "tirana", "type": "Exercise",
    "event_status": "Scheduled", "dates": "16–18 December 2024", "start_date": "2024-12-16",
    "end_date": "2024-12-18", "date_precision": "day", "venue_city": "Tirana", "venue_country": "Albania",
    "online": False, "countries": ["Albania", "Serbia"], "themes": ["Policing"],
    "organising_units": ["Strategic Police Matters Unit"], "osce_structures": ["OSCE Presence in Albania"],
    "partners": ["UN Office on Drugs and Crime (UNODC)"], "participants": 30, "participants_women": 12,
    "participants_men": 18, "summary": "A table-top exercise on cross-border investigations.",
}


def register():
    register_list(
        "events", router,
        {"event_list": page_example("events", EXAMPLE), "event_detail": EXAMPLE},
        {
            "country": [{"value": "AL", "label": "Albania"}, {"value": "RS", "label": "Serbia"}],
            "theme": [{"value": "policing", "label": "Policing"}],
            "type": [{"value": "exercise", "label": "Exercise"}],
        },
    )
