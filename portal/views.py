"""Public pages about the organisation: home, department, units, themes, countries,
OSCE structures and the budget. Events and news have their own apps."""

from django.db.models import Case, Count, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from activities.filters import EventFilterSet
from activities.models import Event, EventIndexEntry
from finders.downloads import csv_download
from finders.filtersets import querystring
from finders.pages import bind
from news.filters import NewsFilterSet
from news.models import NewsIndexEntry, NewsItem
from organisation.map import osce_map
from organisation.models import Budget, Country, Department, OsceStructure, Region, Theme, Unit
from portal import charts
from portal.unit_filters import UnitFilterSet
from search import counts

LATEST = 6  # how many events or news items a page lists before linking to the finder


def published_events():
    return Event.objects.published().for_lists()


def published_news():
    return NewsItem.objects.published().for_lists()


HOME_LATEST = 4  # how many news items and events the home page leads with


def home(request):
    """What is new first: the latest news and the next events, or the latest when none is
    coming; then the themes, and the department with its latest key figures."""
    # The site is TNTD's: its one department (the first by name, should there ever be more).
    department = Department.objects.first()
    upcoming = list(published_events().upcoming().order_by("start_date", "title")[:HOME_LATEST])
    return render(
        request,
        "portal/home.html",
        {
            "department": department,
            "budget": department and department.budgets.order_by("-year").first(),
            "event_count": counts.archive_total(EventFilterSet),
            "news_count": counts.archive_total(NewsFilterSet),
            "upcoming_events": upcoming,
            # Only when nothing is coming: the events that took place last.
            "recent_events": [] if upcoming else published_events().past().order_by("-start_date", "title")[:HOME_LATEST],
            "latest_news": published_news()[:HOME_LATEST],
            "themes": Theme.objects.all(),
        },
    )


def about(request):
    """"About" in the main navigation: the department's page, whatever its slug."""
    department = Department.objects.only("slug").first()
    if department is None:
        raise Http404(gettext("No department has been entered yet."))
    return redirect(department)


def department_list(request):
    """Every department, with its head, its units and its events and news counted. The site is
    one department's (see `home`), so a department's counts are the whole archive's, read from the
    counts the database keeps; several departments would need events to name their department."""
    departments = Department.objects.prefetch_related("units")
    event_count, news_count = counts.archive_total(EventFilterSet), counts.archive_total(NewsFilterSet)
    return render(
        request,
        "portal/department_list.html",
        {"departments": departments, "event_count": event_count, "news_count": news_count},
    )


def department_detail(request, slug):
    department = get_object_or_404(
        Department.objects.prefetch_related("units", "links", "budgets"), slug=slug
    )
    return render(
        request,
        "portal/department_detail.html",
        {"department": department, "breadcrumbs": [(gettext("Departments"), reverse("department_list"))]},
    )


def news_counts_by_unit(units):
    """{unit pk: published news items about an event it organised}, for all of `units` at once."""
    rows = (
        NewsItem.objects.published().filter(related_events__units__in=units)
        .values("related_events__units").annotate(n=Count("pk", distinct=True)).order_by()
    )
    return {row["related_events__units"]: row["n"] for row in rows}


def unit_list(request):
    """Every unit, or those working on the themes chosen (?theme=policing), with how many
    published events each organised and news items there are about them: a fixed number of
    queries whatever the number of units or records (the news counted in one grouped query, not
    a slow subquery per unit; the events from the counts the database keeps)."""
    units = Unit.objects.select_related("department").prefetch_related("themes")
    filterset, note = bind(UnitFilterSet, request, units)
    units = list(filterset.qs)
    event_counts = counts.archive_counts_of(EventFilterSet, "unit", units)
    news_counts = news_counts_by_unit(units)
    for unit in units:
        unit.event_count, unit.news_count = event_counts[unit.pk], news_counts.get(unit.pk, 0)
    chosen = filterset.chosen_themes()
    chosen_slugs = {theme.slug for theme in chosen}
    # The filter's choices: the themes some unit works on, with how many units do.
    options = Theme.objects.annotate(unit_count=Count("units")).filter(unit_count__gt=0).order_by(*Theme._meta.ordering)
    options = list(options)
    for theme in options:
        theme.selected = theme.slug in chosen_slugs
    return render(
        request,
        "portal/unit_list.html",
        {
            "units": units,
            "theme_options": options,
            "chosen_themes": get_text_list([str(theme) for theme in chosen]) if chosen else "",
            "notes": [n for n in (note,) if n] + filterset.problems(),
            # The filter, written canonically, for the canonical and language links.
            "canonical_query": querystring({"theme": [theme.slug for theme in chosen]}),
        },
    )


def unit_detail(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("department").prefetch_related("themes"), slug=slug)
    events = published_events().filter(units=unit)
    return render(
        request,
        "portal/unit_detail.html",
        {
            "unit": unit,
            "breadcrumbs": [(unit.department.acronym or unit.department.name, unit.department.get_absolute_url())],
            "events": events[:LATEST],
            "event_count": counts.archive_count(EventFilterSet, "unit", unit),
            # Units organise events; the news about those events is the unit's news.
            "news_items": published_news().filter(
                pk__in=NewsItem.related_events.through.objects.filter(event__units=unit).values("newsitem")
            )[:LATEST],
            "finder_query": f"?unit={unit.slug}",
        },
    )


def theme_list(request):
    """Every theme, with how many published events and news items it has."""
    themes = list(Theme.objects.order_by("name"))
    event_counts = counts.archive_counts(EventFilterSet, "theme")
    news_counts = counts.archive_counts(NewsFilterSet, "theme")
    for theme in themes:
        theme.event_count, theme.news_count = event_counts.get(theme.slug, 0), news_counts.get(theme.slug, 0)
    return render(request, "portal/theme_list.html", {"themes": themes})


def latest_of(events, news_items):
    """The first LATEST of `events` and of `news_items`: what a topic's page lists."""
    return events[:LATEST], news_items[:LATEST]


def topic_page(request, topic, kind, latest, facet, *, breadcrumbs=(), **extra):
    """A theme, a country, a region or an OSCE structure: its `latest` (events, news items), with
    counts and links to the finders filtered on it. `facet` is that filter, (name, value) as the
    finders write it (("theme", "policing")); `breadcrumbs` are the (label, url) pages above it."""
    name, value = facet
    latest_events, latest_news = latest
    return render(
        request,
        "portal/topic_detail.html",
        {
            "topic": topic,
            "kind": kind,
            "breadcrumbs": breadcrumbs,
            "events": latest_events,
            "event_count": counts.archive_count(EventFilterSet, name, topic),
            "news_items": latest_news,
            "news_count": counts.archive_count(NewsFilterSet, name, topic),
            "finder_query": f"?{name}={value}",
            **extra,
        },
    )


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    return topic_page(
        request, theme, gettext("Theme"),
        latest_of(published_events().filter(themes=theme), published_news().filter(themes=theme)),
        ("theme", theme.slug), breadcrumbs=[(gettext("What we do"), reverse("theme_list"))],
        units=theme.units.all(),
    )


def countries_with_published_content(event_counts=None):
    """Countries that host, take part in or are named by something published: those the
    finders count anything for. `event_counts`: the events' per country, if already counted."""
    event_counts = counts.archive_counts(EventFilterSet, "country") if event_counts is None else event_counts
    return Country.objects.filter(code__in=event_counts.keys() | counts.archive_counts(NewsFilterSet, "country").keys())


# Headings of the country index, in the order the OSCE lists its members and partners.
COUNTRY_GROUPS = [
    (Country.OsceStatus.PARTICIPATING_STATE, _("Participating States")),
    (Country.OsceStatus.PARTNER, _("Partners for Co-operation")),
    (Country.OsceStatus.OTHER, pgettext_lazy("countries", "Other")),
]


def country_list(request):
    """Countries with published events or news, grouped by their relation to the OSCE, and
    the regions the OSCE groups them in."""
    event_counts = counts.archive_counts(EventFilterSet, "country")
    countries = countries_with_published_content(event_counts).annotate(
        group=Case(*(When(osce_status=status, then=Value(str(heading))) for status, heading in COUNTRY_GROUPS)),
        group_order=Case(*(When(osce_status=status, then=Value(i)) for i, (status, _) in enumerate(COUNTRY_GROUPS))),
    ).order_by("group_order", "name")
    event_map = osce_map(event_counts, lambda code: reverse("country_detail", args=[code.lower()]))
    return render(
        request, "portal/country_list.html", {"countries": countries, "regions": Region.objects.all(), "event_map": event_map}
    )


def region_detail(request, slug):
    region = get_object_or_404(Region, slug=slug)
    # A region reaches an event through its countries by two roads (venue, taking part): over
    # the records that is a large OR to sort. The search indexes hold a region key per record:
    # the latest are the first few rows of their date order with that key.
    latest = (
        published_events().filter(pk__in=latest_ids(EventIndexEntry, region, "-start_date")),
        published_news().filter(pk__in=latest_ids(NewsIndexEntry, region, "-published_on")),
    )
    return topic_page(
        request, region, gettext("Region"), latest, ("region", region.slug),
        breadcrumbs=[(gettext("Countries"), reverse("country_list"))],
        countries=region.countries.order_by("name"),
    )


def latest_ids(index_model, region, newest_first):
    """The ids of the LATEST published records in `region`, newest first, from a search index."""
    rows = index_model.objects.published().in_regions([region]).order_by(newest_first, "title", "pk")
    return rows.values_list("pk", flat=True)[:LATEST]


def country_detail(request, code):
    """/countries/al/: the code in lower case is the canonical address; /countries/AL/ redirects."""
    country = get_object_or_404(Country, code=code.upper())
    if code != code.lower():
        return redirect(country, permanent=True)
    return topic_page(
        request, country, country.get_osce_status_display(),
        latest_of(published_events().involving(country), published_news().filter(countries=country)),
        ("country", country.code.lower()), breadcrumbs=[(gettext("Countries"), reverse("country_list"))],
        structures=country.osce_structures.all(),
        regions=country.regions.all(),
    )


def structure_detail(request, slug):
    structure = get_object_or_404(OsceStructure.objects.select_related("country"), slug=slug)
    breadcrumbs = [(gettext("Countries"), reverse("country_list"))]
    if structure.country:
        breadcrumbs.append((structure.country.name, structure.country.get_absolute_url()))
    return topic_page(
        request, structure, structure.get_kind_display(),
        latest_of(published_events().filter(structures=structure), published_news().filter(structures=structure)),
        ("structure", structure.slug), breadcrumbs=breadcrumbs,
    )


def budgets_by_year():
    return Budget.objects.select_related("department").order_by("year", "department__name")


def budget(request):
    """The budgets by year: charts and their table from two years on; a single year's figures
    read better as figures than as one lonely pair of bars."""
    budgets = list(budgets_by_year())
    charted = len({b.year for b in budgets}) > 1
    return render(
        request,
        "portal/budget.html",
        {
            "budgets": budgets,
            "money_chart": charted and charts.money_chart(budgets),
            "staff_chart": charted and charts.staff_chart(budgets),
        },
    )


BUDGET_CSV_HEADER = [
    "year", "department", "unified_budget_eur", "extrabudgetary_pledges_eur", "staff", "staff_extrabudgetary",
]


def budget_csv(request):
    rows = [
        [b.year, b.department.name, b.unified_budget, b.extrabudgetary_pledges, b.staff_total, b.staff_extrabudgetary]
        for b in budgets_by_year()
    ]
    return csv_download("tntd-budget.csv", BUDGET_CSV_HEADER, rows)
