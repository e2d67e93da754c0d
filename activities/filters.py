"""The events finder's filters: what a visitor can narrow /events/ by."""

import datetime

import django_filters
from django.db.models import Exists, F, Func, OuterRef, Q, Subquery

from activities.models import Event
from tntd.finder import (
    CountryCodeFilter,
    DateInput,
    FinderFilterSet,
    LinkedToAnyFilter,
    SortFilter,
    YearFilter,
    count_choices,
    count_related,
    keyword_search,
    linked_ids,
)
from tntd.models import Country, OsceStructure, PartnerOrganisation, Theme, Unit

SEARCH_FIELDS = ("title", "summary", "body", "venue_city")

# For headlines: "Training courses in Uzbekistan".
TYPE_PLURALS = {
    Event.Type.TRAINING_COURSE: "Training courses",
    Event.Type.CONFERENCE: "Conferences",
    Event.Type.WORKSHOP: "Workshops",
    Event.Type.SEMINAR: "Seminars",
    Event.Type.EXPERT_MEETING: "Expert meetings",
    Event.Type.EXERCISE: "Exercises",
    Event.Type.CAMPAIGN: "Campaigns",
    Event.Type.LAUNCH: "Launches",
    Event.Type.PEER_EXCHANGE: "Peer exchanges",
    Event.Type.MEETING: "Meetings",
    Event.Type.OTHER: "Other events",
}


class EventFilterSet(FinderFilterSet):
    q = django_filters.CharFilter(label="Keywords", method="search", max_length=200)
    country = CountryCodeFilter(
        label="Country", queryset=Country.objects.all(), to_field_name="code", method="filter_country"
    )
    theme = LinkedToAnyFilter(label="Theme", field_name="themes", queryset=Theme.objects.all(), to_field_name="slug")
    unit = LinkedToAnyFilter(
        label="Organising unit", field_name="units", queryset=Unit.objects.all(), to_field_name="slug"
    )
    type = django_filters.MultipleChoiceFilter(label="Type", field_name="event_type", choices=Event.Type.choices)
    structure = LinkedToAnyFilter(
        label="OSCE structure", field_name="structures", queryset=OsceStructure.objects.all(), to_field_name="slug"
    )
    partner = LinkedToAnyFilter(
        label="Partner organisation",
        field_name="partners",
        queryset=PartnerOrganisation.objects.all(),
        to_field_name="slug",
    )
    when = django_filters.ChoiceFilter(
        label="When", choices=[("upcoming", "Upcoming"), ("past", "Past")], method="filter_when", empty_label="Any time"
    )
    year = YearFilter(label="Year", method="filter_year", min_value=1990, max_value=2100)
    date_from = django_filters.DateFilter(label="From", method="filter_from", widget=DateInput)
    date_to = django_filters.DateFilter(label="To", method="filter_to", widget=DateInput)
    sort = SortFilter(
        label="Sort by",
        fields={"start_date": "date", "title": "title"},
        choices=[("-date", "Newest first"), ("date", "Oldest first"), ("title", "Title (A–Z)")],
        default="-date",
        empty_label=None,
        help_text="",
    )

    facets = ("country", "theme", "unit", "type", "structure", "partner")
    noun = "Events"
    item_name = ("event", "events")
    type_plurals = TYPE_PLURALS
    headline_phrases = (
        ("theme", "on"),
        ("country", "in"),
        ("unit", "by"),
        ("structure", "with"),
        ("partner", "with"),
        ("year", "in"),
    )

    class Meta:
        model = Event
        fields = []

    def search(self, queryset, name, value):
        return keyword_search(queryset, SEARCH_FIELDS, value)

    def filter_country(self, queryset, name, countries):
        """Held in any of the countries, or with any of them taking part."""
        if not countries:
            return queryset
        return queryset.filter(Q(venue_country__in=countries) | Q(pk__in=linked_ids(Event, "countries", countries)))

    # An event matches a period when the days it may cover, [start_date, ends_on], overlap it:
    # an event known only as "2017" matches any day of 2017, never a made-up one.

    def filter_from(self, queryset, name, value):
        return queryset.filter(ends_on__gte=value)

    def filter_to(self, queryset, name, value):
        return queryset.filter(start_date__lte=value)

    def filter_year(self, queryset, name, year):
        return queryset.filter(start_date__lte=datetime.date(year, 12, 31), ends_on__gte=datetime.date(year, 1, 1))

    def filter_when(self, queryset, name, value):
        return queryset.upcoming() if value == "upcoming" else queryset.past()

    # --- facet counts: one grouped query each ------------------------------------------------

    def count_type(self, queryset):
        return count_choices(queryset, "event_type", Event.Type.choices)

    def count_theme(self, queryset):
        return count_related(Theme, "slug", "events", queryset)

    def count_unit(self, queryset):
        return count_related(Unit, "slug", "events", queryset)

    def count_structure(self, queryset):
        return count_related(OsceStructure, "slug", "events", queryset)

    def count_partner(self, queryset):
        return count_related(PartnerOrganisation, "slug", "events", queryset)

    def count_country(self, queryset):
        """Events held in or involving each country, each event counted once per country.

        An event reaches a country by two roads (venue, taking part), so a plain join
        would count it twice; a correlated count per country, in one query, does not.
        """
        involved = Q(venue_country=OuterRef("pk")) | Exists(
            Event.countries.through.objects.filter(event=OuterRef("pk"), country=OuterRef(OuterRef("pk")))
        )
        matching = (
            Event.objects.filter(pk__in=queryset.values("pk"))
            .filter(involved)
            .order_by()
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n")
        )
        return list(Country.objects.annotate(n=Subquery(matching)).filter(n__gt=0).values_list("code", "name", "n"))
