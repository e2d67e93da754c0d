"""The events finder's filters: what a visitor can narrow /events/ by."""

import datetime

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from activities.models import Event, EventIndexEntry
from finders.filters import (
    AnyOfChoicesFilter,
    CountryCodeFilter,
    DateInput,
    KeywordFilter,
    LinkedToAnyFilter,
    RegionFilter,
    SortFilter,
    YearFilter,
)
from finders.filtersets import FinderFilterSet
from organisation.models import Country, OsceStructure, PartnerOrganisation, Region, Theme, Unit

# For headlines: "Training courses in Uzbekistan".
TYPE_PLURALS = {
    Event.Type.TRAINING_COURSE: _("Training courses"),
    Event.Type.CONFERENCE: _("Conferences"),
    Event.Type.WORKSHOP: _("Workshops"),
    Event.Type.SEMINAR: _("Seminars"),
    Event.Type.EXPERT_MEETING: _("Expert meetings"),
    Event.Type.EXERCISE: _("Exercises"),
    Event.Type.CAMPAIGN: _("Campaigns"),
    Event.Type.LAUNCH: _("Launches"),
    Event.Type.PEER_EXCHANGE: _("Peer exchanges"),
    Event.Type.MEETING: _("Meetings"),
    Event.Type.OTHER: _("Other events"),
}


class EventFilterSet(FinderFilterSet):
    q = KeywordFilter(label=_("Keywords"))
    region = RegionFilter(label=_("Region"), field_name="regions", queryset=Region.objects.all(), to_field_name="slug")
    country = CountryCodeFilter(
        label=_("Country"),
        field_name="countries",  # what its facet counts (search.index); the filter is filter_country
        queryset=Country.objects.all(),
        to_field_name="code",
        method="filter_country",
    )
    theme = LinkedToAnyFilter(label=_("Theme"), field_name="themes", queryset=Theme.objects.all(), to_field_name="slug")
    unit = LinkedToAnyFilter(
        label=_("Organising unit"), field_name="units", queryset=Unit.objects.all(), to_field_name="slug"
    )
    type = AnyOfChoicesFilter(label=_("Type"), field_name="event_type", choices=Event.Type.choices)
    structure = LinkedToAnyFilter(
        label=_("OSCE structure"), field_name="structures", queryset=OsceStructure.objects.all(), to_field_name="slug"
    )
    partner = LinkedToAnyFilter(
        label=_("Partner organisation"),
        field_name="partners",
        queryset=PartnerOrganisation.objects.all(),
        to_field_name="slug",
    )
    when = django_filters.ChoiceFilter(
        label=_("When"),
        # Translators: said of events ("Upcoming events", "Past events"); also their headline's first word.
        choices=[("upcoming", pgettext_lazy("events", "Upcoming")), ("past", pgettext_lazy("events", "Past"))],
        method="filter_when",
        empty_label=_("Any time"),
    )
    year = YearFilter(label=_("Year"), method="filter_year", min_value=1990, max_value=2100)
    date_from = django_filters.DateFilter(label=pgettext_lazy("dates", "From"), method="filter_from", widget=DateInput)
    date_to = django_filters.DateFilter(label=pgettext_lazy("dates", "To"), method="filter_to", widget=DateInput)
    sort = SortFilter(
        label=_("Sort by"),
        fields={"start_date": "date", "title": "title"},
        choices=[("-date", _("Newest first")), ("date", _("Oldest first")), ("title", _("Title (A–Z)"))],
        default="-date",
        empty_label=None,
        help_text="",
    )

    index_model = EventIndexEntry
    noun = _("Events")
    feed_name = _("TNTD events")
    form_label = _("Filter events")
    # What a page without results says, once (templates/includes/finder_status.html).
    no_match_message = _("No published events match. Try removing a filter.")
    nothing_yet_message = _("No published events yet.")
    type_plurals = TYPE_PLURALS
    # Translators: each adds one filter to the headline (%(subject)s: "Training courses", or
    # the headline so far); the values are names joined with "or" ("Albania or Serbia").
    headline_phrases = (
        ("theme", _("%(subject)s on %(theme)s")),
        ("country", _("%(subject)s in %(country)s")),
        ("region", _("%(subject)s in %(region)s")),
        ("unit", _("%(subject)s by %(unit)s")),
        ("structure", _("%(subject)s with %(structure)s")),
        ("partner", _("%(subject)s with %(partner)s")),
        ("year", _("%(subject)s in %(year)s")),
    )

    def item_words(self, count):
        """The word after a number of events: "1 event", "12 events"."""
        return ngettext("event", "events", count)

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
