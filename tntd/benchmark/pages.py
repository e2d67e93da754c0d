"""Which public pages the benchmark measures.

Fixed paths, plus filter values and detail pages picked from the data at run time: the
country, theme and type most events (or news items) have, and the busiest unit, country,
theme and structure, since the busiest are the slowest to show.
"""

from dataclasses import dataclass, field
from math import ceil

from django.db.models import Count
from django.utils.http import urlencode

from activities.models import Event
from news.models import NewsItem
from tntd.benchmark.urls import BARE_PATH
from tntd.finder import PAGE_SIZE
from tntd.models import Department

DEEP_PAGE = 2000  # the "/events/?page=2000"; the last page when there are fewer
KEYWORD = "terrorism"
DOWNLOAD_PATHS = ["/events/calendar.ics", "/events/export.csv", "/events/export.json"]


@dataclass
class Pages:
    """The paths to time in-process, and the few to load-test under gunicorn."""

    timed: list[str] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)


def busiest(queryset, m2m_name):
    """The object linked to the most rows of `queryset` through its many-to-many field `m2m_name`, or None."""
    m2m = queryset.model._meta.get_field(m2m_name)
    source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    row = (
        m2m.remote_field.through.objects.filter(**{f"{source}__in": queryset.values("pk")})
        .values(target)
        .annotate(n=Count("pk"))
        .order_by("-n", target)
        .first()
    )
    return m2m.related_model.objects.get(pk=row[target]) if row else None


def most_common(queryset, field_name):
    """The value of `field_name` that most rows of `queryset` have, or None."""
    row = queryset.values(field_name).annotate(n=Count("pk")).order_by("-n", field_name).first()
    return row[field_name] if row else None


def finder_paths(prefix, queryset, type_field):
    """A finder unfiltered, with three filters, with a keyword, and deep in its pages."""
    country, theme = busiest(queryset, "countries"), busiest(queryset, "themes")
    filters = {
        "country": country and country.code,
        "theme": theme and theme.slug,
        "type": most_common(queryset, type_field),
    }
    filters = {name: value for name, value in filters.items() if value}
    last_page = max(1, ceil(queryset.count() / PAGE_SIZE))
    paths = [prefix]
    if filters:
        paths.append(f"{prefix}?{urlencode(filters)}")
    return [*paths, f"{prefix}?{urlencode({'q': KEYWORD})}", f"{prefix}?page={min(DEEP_PAGE, last_page)}"]


def organisation_paths(events):
    """The index pages, and the department's page with those of the busiest unit, country, theme and structure."""
    detail = [Department.objects.order_by("name").first()]
    detail += [busiest(events, name) for name in ("units", "countries", "themes", "structures")]
    return ["/themes/", "/countries/", *(obj.get_absolute_url() for obj in detail if obj is not None), "/budget/"]


def default_pages():
    events, news = Event.objects.published(), NewsItem.objects.published()
    event_finder = finder_paths("/events/", events, "event_type")
    timed = [
        BARE_PATH,
        "/",
        *event_finder,
        *finder_paths("/news/", news, "content_type"),
        *organisation_paths(events),
        "/events/feed/",
        "/news/feed/",
        *DOWNLOAD_PATHS,
        "/sitemap.xml",
    ]
    filtered_events = event_finder[1] if len(event_finder) == 4 else event_finder[0]
    loaded = [BARE_PATH, filtered_events, "/events/", "/news/", "/", "/themes/"]
    return Pages(timed=timed, loaded=loaded)
