"""The events finder's filters: what a visitor can narrow /events/ by."""

import datetime

import django_filters

from activities.models import Event, EventIndexEntry
from tntd.filters import (
    AnyOfChoicesFilter,
    CountryCodeFilter,
    DateInput,
    KeywordFilter,
    LinkedToAnyFilter,
    RegionFilter,
    SortFilter,
    YearFilter,
)
from tntd.finder import FinderFilterSet, count_choices
from tntd.models import Country, OsceStructure, PartnerOrganisation, Region, Theme, Unit

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
    q = KeywordFilter(label="Keywords")
    region = RegionFilter(label="Region", field_name="regions", queryset=Region.objects.all(), to_field_name="slug")
    country = CountryCodeFilter(
        label="Country",
        field_name="countries",  # what its facet counts (tntd.search_index); the filter is filter_country
        queryset=Country.objects.all(),
        to_field_name="code",
        method="filter_country",
    )
    theme = LinkedToAnyFilter(label="Theme", field_name="themes", queryset=Theme.objects.all(), to_field_name="slug")
    unit = LinkedToAnyFilter(
        label="Organising unit", field_name="units", queryset=Unit.objects.all(), to_field_name="slug"
    )
    type = AnyOfChoicesFilter(label="Type", field_name="event_type", choices=Event.Type.choices)
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

    facets = ("region", "country", "theme", "unit", "type", "structure", "partner")
    index_model = EventIndexEntry
    noun = "Events"
    feed_name = "TNTD events"
    item_name = ("event", "events")
    type_plurals = TYPE_PLURALS
    headline_phrases = (
        ("theme", "on"),
        ("country", "in"),
        ("region", "in"),
        ("unit", "by"),
        ("structure", "with"),
        ("partner", "with"),
        ("year", "in"),
    )

    class Meta:
        model = Event
        fields = []

    def filter_country(self, queryset, name, countries):
        """Held in any of the countries, or with any of them taking part."""
        return queryset.involving(countries) if countries else queryset

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
        return queryset.count_linked("themes", "slug")

    def count_unit(self, queryset):
        return queryset.count_linked("units", "slug")

    def count_structure(self, queryset):
        return queryset.count_linked("structures", "slug")

    def count_partner(self, queryset):
        return queryset.count_linked("partners", "slug")

    def count_country(self, queryset):
        return queryset.count_per_country()

    def count_region(self, queryset):
        return queryset.count_per_region()
