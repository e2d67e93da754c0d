"""The news finder's filters: what a visitor can narrow /news/ by."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from finders.filters import (
    AnyOfChoicesFilter,
    CountryCodeFilter,
    DateInput,
    KeywordFilter,
    LinkedToAnyFilter,
    RegionFilter,
    SortFilter,
)
from finders.filtersets import FinderFilterSet
from news.models import NewsIndexEntry, NewsItem
from organisation.models import Country, OsceStructure, Region, Theme

# For headlines: "Press releases on Policing in Uzbekistan".
TYPE_PLURALS = {
    NewsItem.Kind.NEWS: _("News"),
    NewsItem.Kind.PRESS_RELEASE: _("Press releases"),
    NewsItem.Kind.FEATURE: _("Features"),
    NewsItem.Kind.STATEMENT: _("Statements"),
}


class NewsFilterSet(FinderFilterSet):
    q = KeywordFilter(label=_("Keywords"))
    # The same labels as the events finder's for the same things (activities/filters.py).
    type = AnyOfChoicesFilter(label=_("Type"), field_name="kind", choices=NewsItem.Kind.choices)
    structure = LinkedToAnyFilter(
        label=_("OSCE structure"), field_name="structures", queryset=OsceStructure.objects.all(), to_field_name="slug"
    )
    theme = LinkedToAnyFilter(label=_("Theme"), field_name="themes", queryset=Theme.objects.all(), to_field_name="slug")
    region = RegionFilter(label=_("Region"), field_name="regions", queryset=Region.objects.all(), to_field_name="slug")
    country = CountryCodeFilter(
        label=_("Country"), field_name="countries", queryset=Country.objects.all(), to_field_name="code"
    )
    date_from = django_filters.DateFilter(
        label=pgettext_lazy("dates", "From"), field_name="published_on", lookup_expr="gte", widget=DateInput
    )
    date_to = django_filters.DateFilter(
        label=pgettext_lazy("dates", "To"), field_name="published_on", lookup_expr="lte", widget=DateInput
    )
    sort = SortFilter(
        label=_("Sort by"),
        fields={"published_on": "date", "title": "title"},
        choices=[("-date", _("Newest first")), ("date", _("Oldest first")), ("title", _("Title (A–Z)"))],
        default="-date",
        empty_label=None,
        help_text="",
    )

    index_model = NewsIndexEntry
    noun = _("News")
    feed_name = _("TNTD news")
    form_label = _("Filter news items")
    no_match_message = _("No published news matches. Try removing a filter.")
    nothing_yet_message = _("No published news yet.")
    type_plurals = TYPE_PLURALS
    # Translators: as the events finder's (activities/filters.py); "News from OSCE Presence in Albania".
    headline_phrases = (
        ("theme", _("%(subject)s on %(theme)s")),
        ("country", _("%(subject)s in %(country)s")),
        ("region", _("%(subject)s in %(region)s")),
        ("structure", _("%(subject)s from %(structure)s")),
    )

    def item_words(self, count):
        """The words after a number of news items: "1 news item", "12 news items"."""
        return ngettext("news item", "news items", count)

    class Meta:
        model = NewsItem
        fields = []
