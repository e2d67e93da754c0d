"""The events finder's filters: what a visitor can narrow /events/ by."""

import django_filters
from django.db.models import Exists, F, Func, OuterRef, Q, Subquery

from activities.models import Event
from tntd.finder import (
    CountryCodeFilter,
    DateInput,
    FinderFilterSet,
    count_by,
    count_related,
    keyword_search,
    related_ids,
)
from tntd.models import Country, OsceStructure, PartnerOrganisation, Theme, Unit

SEARCH_FIELDS = ("title", "summary", "body", "venue_city")
Through = {name: Event._meta.get_field(name).remote_field.through for name in ("countries", "themes", "units", "structures", "partners")}


class EventFilterSet(FinderFilterSet):
    q = django_filters.CharFilter(label="Keywords", method="search", max_length=200)
    country = CountryCodeFilter(
        label="Country", queryset=Country.objects.all(), to_field_name="code", method="filter_country"
    )
    theme = django_filters.ModelMultipleChoiceFilter(
        label="Theme", queryset=Theme.objects.all(), to_field_name="slug", method="filter_theme"
    )
    unit = django_filters.ModelMultipleChoiceFilter(
        label="Organising unit", queryset=Unit.objects.all(), to_field_name="slug", method="filter_unit"
    )
    type = django_filters.MultipleChoiceFilter(label="Type", field_name="event_type", choices=Event.Type.choices)
    structure = django_filters.ModelMultipleChoiceFilter(
        label="OSCE structure", queryset=OsceStructure.objects.all(), to_field_name="slug", method="filter_structure"
    )
    partner = django_filters.ModelMultipleChoiceFilter(
        label="Partner organisation",
        queryset=PartnerOrganisation.objects.all(),
        to_field_name="slug",
        method="filter_partner",
    )
    date_from = django_filters.DateFilter(label="From", method="filter_from", widget=DateInput)
    date_to = django_filters.DateFilter(label="To", method="filter_to", widget=DateInput)
    year = django_filters.NumberFilter(label="Year", field_name="start_date", lookup_expr="year", min_value=1990, max_value=2100)
    when = django_filters.ChoiceFilter(
        label="When", choices=[("upcoming", "Upcoming"), ("past", "Past")], method="filter_when", empty_label="Any time"
    )

    facets = ("country", "theme", "unit", "type")
    sort_options = {
        "-date": ("Newest first", ("-start_date", "title")),
        "date": ("Oldest first", ("start_date", "title")),
        "title": ("Title (A–Z)", ("title", "start_date")),
    }
    default_sort = "-date"

    class Meta:
        model = Event
        fields = []

    def search(self, queryset, name, value):
        return keyword_search(queryset, SEARCH_FIELDS, value)

    def filter_country(self, queryset, name, countries):
        if not countries:
            return queryset
        return queryset.filter(
            Q(venue_country__in=countries) | Q(pk__in=related_ids(Through["countries"], "event_id", "country", countries))
        )

    def filter_theme(self, queryset, name, themes):
        return queryset.filter(pk__in=related_ids(Through["themes"], "event_id", "theme", themes)) if themes else queryset

    def filter_unit(self, queryset, name, units):
        return queryset.filter(pk__in=related_ids(Through["units"], "event_id", "unit", units)) if units else queryset

    def filter_structure(self, queryset, name, structures):
        if not structures:
            return queryset
        return queryset.filter(pk__in=related_ids(Through["structures"], "event_id", "oscestructure", structures))

    def filter_partner(self, queryset, name, partners):
        if not partners:
            return queryset
        return queryset.filter(pk__in=related_ids(Through["partners"], "event_id", "partnerorganisation", partners))

    def filter_from(self, queryset, name, value):
        return queryset.filter(ends_on__gte=value)  # still going on, or later

    def filter_to(self, queryset, name, value):
        return queryset.filter(start_date__lte=value)

    def filter_when(self, queryset, name, value):
        return queryset.upcoming() if value == "upcoming" else queryset.past()

    # --- facet counts: one query each ------------------------------------------------------

    def count_type(self, queryset):
        return count_by(queryset, "event_type")

    def count_theme(self, queryset):
        return count_related(Theme, "slug", "events", queryset)

    def count_unit(self, queryset):
        return count_related(Unit, "slug", "events", queryset)

    def count_country(self, queryset):
        """Events held in or involving each country, each event counted once per country."""
        involved = Q(venue_country=OuterRef("pk")) | Exists(
            Through["countries"].objects.filter(event=OuterRef("pk"), country=OuterRef(OuterRef("pk")))
        )
        matching = (
            Event.objects.filter(pk__in=queryset.values("pk"))
            .filter(involved)
            .order_by()
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n")
        )
        rows = Country.objects.annotate(n=Subquery(matching)).filter(n__gt=0).values_list("code", "n")
        return {code: n for code, n in rows}

