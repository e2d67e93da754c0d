"""Public event pages: the finder, an event, and its downloads."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext

from activities import calendars
from activities.filters import EventFilterSet
from activities.models import Event, EventStatus
from finders.download_limits import ensure_answerable
from finders.downloads import in_chunks, json_download, records_csv_download, with_links_listed
from finders.filtersets import querystring
from finders.pages import bind, finder_page
from organisation.map import osce_map


def filtered_events(request):
    """The FilterSet over published events for this request, and any note about its input."""
    return bind(EventFilterSet, request, Event.objects.published())


def event_list(request):
    filterset, note = filtered_events(request)
    return finder_page(
        request,
        "activities/event_list.html",
        filterset,
        note,
        description=gettext(
            "Training courses, conferences, workshops and other events of the OSCE Transnational Threats Department"
        ),
        extra={"event_map": events_map(filterset)},
    )


def events_map(filterset):
    """The map of the events the filters find, per country (organisation/map.py): the counts of the
    list itself (no more than one grouped query, none when no country is chosen: the country
    facet's), each country a link that adds it to the filters."""
    params = filterset.kept_params()
    chosen = params.get("country", [])
    counted = filterset.result_counts("country")

    def adding(code):
        countries = chosen if code in chosen else [*chosen, code]
        return reverse("event_list") + querystring(params, country=countries, page=None)

    return osce_map({code: n for code, _, n in counted}, adding, names={code: name for code, name, _ in counted})


def event_detail(request, slug):
    event = get_object_or_404(Event.objects.with_related().visible_to(request.user), slug=slug)
    # The cached page turns over at midnight (website/caching.py), when an event becomes over.
    past = event.is_over
    return render(
        request,
        "activities/event_detail.html",
        {
            "event": event,
            "past": past,
            # Said unless its status says more: a postponed event's dates are to come, a
            # cancelled one never took place.
            "over": past and event.event_status not in (EventStatus.POSTPONED, EventStatus.CANCELLED),
            # Where "This event is over" sends a visitor: the upcoming events, unless there are none.
            "upcoming_exist": past and Event.objects.published().upcoming().exists(),
            "breadcrumbs": [(gettext("Events"), reverse("event_list"))],
            "related_news": event.news_items.published().order_by("-published_on"),
            "ics_url": reverse("event_ics", args=[event.slug]),
        },
    )


def event_ics(request, slug):
    event = get_object_or_404(Event.objects.published().select_related("venue_country"), slug=slug)
    return calendars.ics_response(request, [event], filename=f"{event.slug}.ics", name=event.title)


def event_calendar(request):
    """A calendar to subscribe to, honouring the list's filters: "TNTD events: Training courses in Uzbekistan".
    Without date filters it holds the calendar window (upcoming and the last twelve months)."""
    filterset, _ = filtered_events(request)
    events = calendars.in_subscription(filterset)
    ensure_answerable(request, filterset, events, full_download="event_calendar")
    events = events.select_related("venue_country").defer("body")  # what an entry shows
    return calendars.ics_response(
        request, in_chunks(events), filename="tntd-events.ics", name=filterset.feed_title()
    )


EXPORT_COLUMNS = [
    "title", "url", "type", "event_status", "dates", "start_date", "end_date", "date_precision", "venue_city", "venue_country",
    "online", "countries", "themes", "organising_units", "osce_structures", "partners",
    "participants", "participants_women", "participants_men", "summary",
]


def export_record(request, event):
    names = lambda listed: [str(obj) for obj in listed]  # noqa: E731 (prefetched)
    return {
        "title": event.title,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "type": event.get_event_type_display(),
        "event_status": event.get_event_status_display(),
        "dates": event.dates_display,
        "start_date": event.start_date.isoformat(),
        "end_date": event.end_date.isoformat() if event.end_date else None,
        "date_precision": event.date_precision,
        "venue_city": event.venue_city,
        "venue_country": event.venue_country.name if event.venue_country else None,
        "online": event.is_online,
        "countries": names(event.listed_countries),
        "themes": names(event.listed_themes),
        "organising_units": names(event.listed_units),
        "osce_structures": names(event.listed_structures),
        "partners": names(event.listed_partners),
        "participants": event.participants_total,
        "participants_women": event.participants_women,
        "participants_men": event.participants_men,
        "summary": event.summary,
    }


def export_records(request, whole_archive):
    """The filtered events' records, one at a time as the download is written: every event, whatever its dates."""
    filterset, _ = filtered_events(request)
    ensure_answerable(request, filterset, filterset.qs, full_download=whole_archive)
    events = filterset.qs.select_related("venue_country").defer("body")  # everything a record shows
    events = with_links_listed(events, "countries", "themes", "units", "structures", "partners")
    return (export_record(request, event) for event in in_chunks(events))


def event_export_csv(request):
    return records_csv_download("tntd-events.csv", EXPORT_COLUMNS, export_records(request, "event_export_csv"))


def event_export_json(request):
    return json_download("tntd-events.json", export_records(request, "event_export_json"))
