"""Which public pages the benchmark measures: fixed paths, plus filter values and detail pages picked
from the data at run time, the busiest, since they are the slowest to show. Pages are measured in
English (/en/), the finders and home page in Russian too ("... (ru)")."""

from dataclasses import dataclass, field
from math import ceil

from django.db.models import Count, Q
from django.utils.http import urlencode

from activities.models import Event
from finders.pages import PAGE_SIZE
from news.models import NewsItem
from organisation.models import Department, Region
from tools.benchmark.urls import BARE_PATH

DEEP_PAGE = 2000  # the "/events/?page=2000"; the last page when there are fewer
KEYWORD = "terrorism"
# In Russian, a form of «терроризм» that the synthetic Russian text (tools/benchmark_text_ru.py)
# never writes: found only by stemming («терроризму», «терроризма»...).
RUSSIAN_KEYWORD = "терроризмом"


@dataclass(frozen=True)
class Page:
    name: str  # what the page is, the same at every data size ("events, deep page")
    path: str  # where it is in this database ("/events/?page=2000")


@dataclass
class Pages:
    """The pages to time in-process, and the few to load-test under gunicorn."""

    timed: list[Page] = field(default_factory=list)
    loaded: list[Page] = field(default_factory=list)


DOWNLOADS = [
    Page("calendar, all events", "/en/events/calendar.ics"),
    Page("CSV, all events", "/en/events/export.csv"),
    Page("JSON, all events", "/en/events/export.json"),
]
LOAD_TESTED = ["bare view", "events, 3 filters", "events", "news", "home", "themes"]
# Measured in Russian as well: the pages whose wording the finders compose.
IN_RUSSIAN = ["home", "events", "events, 3 filters", "events, keyword", "events, region and theme", "news", "news, 3 filters"]


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


def finder_pages(noun, prefix, queryset, type_field):
    """A finder unfiltered, with three filters, with a keyword, and deep in its pages."""
    country, theme = busiest(queryset, "countries"), busiest(queryset, "themes")
    filters = {
        "country": country and country.code,
        "theme": theme and theme.slug,
        "type": most_common(queryset, type_field),
    }
    filters = {name: value for name, value in filters.items() if value}
    last_page = max(1, ceil(queryset.count() / PAGE_SIZE))
    return [
        Page(noun, prefix),
        *([Page(f"{noun}, 3 filters", f"{prefix}?{urlencode(filters)}")] if filters else []),
        Page(f"{noun}, keyword", f"{prefix}?{urlencode({'q': KEYWORD})}"),
        Page(f"{noun}, deep page", f"{prefix}?page={min(DEEP_PAGE, last_page)}"),
    ]


def busiest_region(events):
    """The region whose countries take part in the most events, or None."""
    taking_part = Count("countries__events_taking_part", filter=Q(countries__events_taking_part__in=events.values("pk")))
    return Region.objects.annotate(n=taking_part).order_by("-n", "pk").first()


def region_pages(events):
    """The events finder by region and theme (the map follows them), as the issue's visitor asks."""
    region, theme = busiest_region(events), busiest(events, "themes")
    if region is None or theme is None:
        return []
    return [Page("events, region and theme", f"/en/events/?{urlencode({'region': region.slug, 'theme': theme.slug})}")]


def api_pages(event_finder):
    """The API's event list, unfiltered and with the finder's three filters."""
    by_name = {page.name: page for page in event_finder}
    pages = [Page("API events", "/api/v1/events/")]
    if "events, 3 filters" in by_name:
        pages.append(Page("API events, 3 filters", by_name["events, 3 filters"].path.replace("/en/events/", "/api/v1/events/", 1)))
    return pages


def organisation_pages(events):
    """The index pages, and the department's page with those of the busiest unit, country, region, theme and structure."""
    detail = [
        ("department", Department.objects.order_by("name").first()),
        ("busiest unit", busiest(events, "units")),
        ("busiest country", busiest(events, "countries")),
        ("busiest region", busiest_region(events)),
        ("busiest theme", busiest(events, "themes")),
        ("busiest structure", busiest(events, "structures")),
    ]
    return [
        Page("themes", "/en/themes/"),
        Page("countries", "/en/countries/"),
        Page("departments", "/en/departments/"),
        Page("units", "/en/units/"),
        *(Page(name, obj.get_absolute_url()) for name, obj in detail if obj is not None),
        Page("budget", "/en/budget/"),
    ]


def default_pages():
    events, news = Event.objects.published(), NewsItem.objects.published()
    event_finder = finder_pages("events", "/en/events/", events, "event_type")
    timed = [
        Page("bare view", BARE_PATH),
        Page("home", "/en/"),
        *event_finder,
        *region_pages(events),
        *finder_pages("news", "/en/news/", news, "kind"),
        *organisation_pages(events),
        Page("events feed", "/en/events/feed/"),
        Page("news feed", "/en/news/feed/"),
        *DOWNLOADS,
        Page("sitemap", "/sitemap.xml"),
        *api_pages(event_finder),
    ]
    by_name = {page.name: page for page in timed}
    timed += [Page(f"{name} (ru)", by_name[name].path.replace("/en/", "/ru/", 1)) for name in IN_RUSSIAN if name in by_name]
    timed += [Page("events, Russian keyword (ru)", f"/ru/events/?{urlencode({'q': RUSSIAN_KEYWORD})}")]
    loaded = [by_name[name] for name in LOAD_TESTED if name in by_name]
    return Pages(timed=timed, loaded=loaded)
