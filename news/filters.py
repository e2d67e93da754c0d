"""The news finder's filters: what a visitor can narrow /news/ by."""

import django_filters

from news.models import NewsIndexEntry, NewsItem
from tntd.filters import (
    AnyOfChoicesFilter,
    CountryCodeFilter,
    DateInput,
    KeywordFilter,
    LinkedToAnyFilter,
    RegionFilter,
    SortFilter,
)
from tntd.finder import FinderFilterSet, count_choices
from tntd.models import Country, OsceStructure, Region, Theme

# For headlines: "Press releases on Policing in Uzbekistan".
TYPE_PLURALS = {
    NewsItem.Kind.NEWS: "News",
    NewsItem.Kind.PRESS_RELEASE: "Press releases",
    NewsItem.Kind.FEATURE: "Features",
    NewsItem.Kind.STATEMENT: "Statements",
}


class NewsFilterSet(FinderFilterSet):
    q = KeywordFilter(label="Keywords")
    # The same labels as the events finder's for the same things (activities/filters.py).
    type = AnyOfChoicesFilter(label="Type", field_name="kind", choices=NewsItem.Kind.choices)
    structure = LinkedToAnyFilter(
        label="OSCE structure", field_name="structures", queryset=OsceStructure.objects.all(), to_field_name="slug"
    )
    theme = LinkedToAnyFilter(label="Theme", field_name="themes", queryset=Theme.objects.all(), to_field_name="slug")
    region = RegionFilter(label="Region", field_name="regions", queryset=Region.objects.all(), to_field_name="slug")
    country = CountryCodeFilter(
        label="Country", field_name="countries", queryset=Country.objects.all(), to_field_name="code"
    )
    date_from = django_filters.DateFilter(label="From", field_name="published_on", lookup_expr="gte", widget=DateInput)
    date_to = django_filters.DateFilter(label="To", field_name="published_on", lookup_expr="lte", widget=DateInput)
    sort = SortFilter(
        label="Sort by",
        fields={"published_on": "date", "title": "title"},
        choices=[("-date", "Newest first"), ("date", "Oldest first"), ("title", "Title (A–Z)")],
        default="-date",
        empty_label=None,
        help_text="",
    )

    facets = ("type", "structure", "theme", "region", "country")
    index_model = NewsIndexEntry
    noun = "News"
    feed_name = "TNTD news"
    item_name = ("news item", "news items")
    type_plurals = TYPE_PLURALS
    headline_phrases = (("theme", "on"), ("country", "in"), ("region", "in"), ("structure", "from"))

    class Meta:
        model = NewsItem
        fields = []

    # --- facet counts: one grouped query each ------------------------------------------------

    def count_type(self, queryset):
        return count_choices(queryset, "kind", NewsItem.Kind.choices)

    def count_structure(self, queryset):
        return queryset.count_linked("structures", "slug")

    def count_theme(self, queryset):
        return queryset.count_linked("themes", "slug")

    def count_country(self, queryset):
        return queryset.count_linked("countries", "code")

    def count_region(self, queryset):
        return queryset.count_per_region()
