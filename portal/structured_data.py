"""schema.org data for search engines, as JSON-LD: an event, a news item and a page's breadcrumbs.
Dates keep their true precision ("2017-07" for "July 2017", ISO 8601 reduced precision): no day is
made up. Rendered in a `<script type="application/ld+json">` block: data, never run, so the CSP
needs no change."""

from django.conf import settings
from django.urls import reverse

from activities.models import DatePrecision, EventStatus

SCHEMA = "https://schema.org"
EVENT_STATUS = {
    EventStatus.SCHEDULED: "EventScheduled",
    EventStatus.POSTPONED: "EventPostponed",
    EventStatus.RESCHEDULED: "EventRescheduled",
    EventStatus.CANCELLED: "EventCancelled",
    EventStatus.MOVED_ONLINE: "EventMovedOnline",
}
DATE_FORMATS = {DatePrecision.DAY: "%Y-%m-%d", DatePrecision.MONTH: "%Y-%m", DatePrecision.YEAR: "%Y"}


def at_precision(day, precision):
    return day.strftime(DATE_FORMATS[precision]) if day else None


def organisation(request):
    return {"@type": "Organization", "name": settings.SITE_NAME, "url": request.build_absolute_uri(reverse("home"))}


def without_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def photo(request, record):
    return request.build_absolute_uri(record.photo_src) if record.photo_src else None


def event(request, event):
    url = request.build_absolute_uri(event.get_absolute_url())
    online = event.is_online or event.event_status == EventStatus.MOVED_ONLINE
    place = None
    if event.venue_city or event.venue_country:
        address = without_empty({
            "@type": "PostalAddress",
            "addressLocality": event.venue_city,
            "addressCountry": event.venue_country.code if event.venue_country else None,
        })
        place = without_empty({"@type": "Place", "name": event.venue_display, "address": address})
    if online:
        location, mode = {"@type": "VirtualLocation", "url": url}, "OnlineEventAttendanceMode"
    elif place:
        location, mode = place, "OfflineEventAttendanceMode"
    else:
        location, mode = None, None  # the sources do not say where: nothing is claimed
    return without_empty({
        "@context": SCHEMA,
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": at_precision(event.start_date, event.date_precision),
        "endDate": at_precision(event.end_date, event.date_precision),
        "previousStartDate": at_precision(event.original_start_date, event.date_precision),
        "eventStatus": f"{SCHEMA}/{EVENT_STATUS[event.event_status]}",
        "eventAttendanceMode": f"{SCHEMA}/{mode}" if mode else None,
        "location": location,
        "organizer": organisation(request),
        "image": photo(request, event),
    })


def news_article(request, item):
    url = request.build_absolute_uri(item.get_absolute_url())
    return without_empty({
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": item.published_on.isoformat(),
        "dateModified": item.updated_at.isoformat(),
        "author": organisation(request),
        "publisher": organisation(request),
        "image": photo(request, item),
    })


def breadcrumb_list(request, breadcrumbs, current):
    """`breadcrumbs`: the (label, url) pages above this one; `current`: this page's name."""
    trail = [*breadcrumbs, (current, request.path)]
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(label), "item": request.build_absolute_uri(url)}
            for position, (label, url) in enumerate(trail, start=1)
        ],
    }
