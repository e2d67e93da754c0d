"""iCalendar (.ics) for events: one event, or a subscribable feed of a filtered list, streamed one
event at a time. Events are all-day entries over the whole period the sources give, and never a
made-up time; a subscription without date filters holds only the calendar window."""

import datetime

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from activities.models import DatePrecision, EventStatus
from finders.downloads import ics_download
from finders.filtersets import DATE_FILTERS

PRECISION_NOTE = {
    DatePrecision.MONTH: "Exact dates not published: held in {dates}.",
    DatePrecision.YEAR: "Exact dates not published: held in {dates}.",
}


# iCalendar's STATUS for each EventStatus: a calendar app strikes out a CANCELLED entry and
# marks a TENTATIVE one; SEQUENCE (Event.calendar_sequence) tells it to replace its copy.
CALENDAR_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.RESCHEDULED: "CONFIRMED",
    EventStatus.MOVED_ONLINE: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def calendar_entry(request, event):
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@tntd-portal")
    entry.add("sequence", event.calendar_sequence)
    entry.add("status", CALENDAR_STATUS[event.event_status])
    # The status in the title too: not every calendar app shows STATUS.
    status = f"{event.get_event_status_display()}: " if event.status_note else ""
    entry.add("summary", status + event.title)
    entry.add("dtstart", event.start_date)
    entry.add("dtend", event.ends_on + datetime.timedelta(days=1))  # DTEND is exclusive
    entry.add("dtstamp", event.updated_at)
    url = request.build_absolute_uri(event.get_absolute_url())
    entry.add("url", url)
    if event.venue_display:
        entry.add("location", event.venue_display)
    lines = [line for line in (event.status_note, event.summary) if line]
    if event.date_precision in PRECISION_NOTE:
        lines.append(PRECISION_NOTE[event.date_precision].format(dates=event.dates_display))
    lines.append(url)
    entry.add("description", "\n\n".join(lines))
    entry.add("categories", [event.get_event_type_display()])
    return entry


def in_subscription(filterset):
    """The events a calendar subscription holds for these filters: the calendar window unless
    the visitor chose dates (from, to, year, upcoming or past), which are honoured as given,
    so ?year=2017 still gives 2017."""
    events = filterset.qs
    if set(filterset.kept_params()) & set(DATE_FILTERS):
        return events
    return events.in_calendar_window()


def ics_response(request, events, filename, name):
    """A calendar of `events` (any iterable of events, read once, as they are written)."""
    calendar = Calendar()
    calendar.add("prodid", "-//OSCE Transnational Threats Department//TNTD portal//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # How often a subscribed calendar app should fetch the file again (RFC 7986, and the
    # older property Outlook reads).
    calendar.add("refresh-interval", datetime.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    return ics_download(filename, calendar, (calendar_entry(request, event) for event in events))
