"""The events finder's filters: what a visitor can narrow /events/ by."""

import datetime
from collections import Counter

import django_filters
from django.db.models import Count, F, Q

from activities.models import Event
from tntd.finder import (
    AnyOfChoicesFilter,
    CountryCodeFilter,
    DateInput,
    FinderFilterSet,
    LinkedToAnyFilter,
    SortFilter,
    YearFilter,
    count_choices,
    count_linked,
    keyword_search,
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
        return count_linked(queryset, "themes", "slug")

    def count_unit(self, queryset):
        return count_linked(queryset, "units", "slug")

    def count_structure(self, queryset):
        return count_linked(queryset, "structures", "slug")

    def count_partner(self, queryset):
        return count_linked(queryset, "partners", "slug")

    def count_country(self, queryset):
        """Events held in or involving each country, each event counted once per country.

        An event reaches a country by two roads, its venue and the countries taking part, and
        may take both to the same country. So: events hosted, plus events taking part, minus
        those doing both: two grouped queries whatever the number of countries.
        """
        hosted = queryset.exclude(venue_country=None).values_list("venue_country__code", "venue_country__name")
        counts = Counter(dict(((code, name), n) for code, name, n in hosted.annotate(n=Count("pk")).order_by()))
        taking_part = (
            Event.countries.through.objects.filter(event__in=queryset.values("pk"))
            .values_list("country__code", "country__name")
            .annotate(n=Count("pk"), also_venue=Count("pk", filter=Q(country=F("event__venue_country"))))
            .order_by()
        )
        for code, name, n, also_venue in taking_part:
            counts[code, name] += n - also_venue
        # The two results are merged here, so they are put in the countries' order here too.
        return [(code, name, n) for (code, name), n in sorted(counts.items(), key=lambda item: item[0][1]) if n]
