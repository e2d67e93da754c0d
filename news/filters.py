"""The news finder's filters: what a visitor can narrow /news/ by."""

import django_filters

from news.models import NewsItem
from tntd.finder import CountryCodeFilter, DateInput, FinderFilterSet, count_by, count_related, keyword_search, related_ids
from tntd.models import Country, OsceStructure, Theme

SEARCH_FIELDS = ("title", "summary", "body")
Through = {name: NewsItem._meta.get_field(name).remote_field.through for name in ("countries", "themes", "structures")}


class NewsFilterSet(FinderFilterSet):
    q = django_filters.CharFilter(label="Keywords", method="search", max_length=200)
    type = django_filters.MultipleChoiceFilter(
        label="Content type", field_name="content_type", choices=NewsItem.ContentType.choices
    )
    structure = django_filters.ModelMultipleChoiceFilter(
        label="Where we are", queryset=OsceStructure.objects.all(), to_field_name="slug", method="filter_structure"
    )
    theme = django_filters.ModelMultipleChoiceFilter(
        label="What we do", queryset=Theme.objects.all(), to_field_name="slug", method="filter_theme"
    )
    country = CountryCodeFilter(
        label="Country", queryset=Country.objects.all(), to_field_name="code", method="filter_country"
    )
    date_from = django_filters.DateFilter(label="From", field_name="published_on", lookup_expr="gte", widget=DateInput)
    date_to = django_filters.DateFilter(label="To", field_name="published_on", lookup_expr="lte", widget=DateInput)

    facets = ("type", "structure", "theme", "country")
    sort_options = {
        "-date": ("Newest first", ("-published_on", "title")),
        "date": ("Oldest first", ("published_on", "title")),
        "title": ("Title (A–Z)", ("title", "-published_on")),
    }
    default_sort = "-date"

    class Meta:
        model = NewsItem
        fields = []

    def search(self, queryset, name, value):
        return keyword_search(queryset, SEARCH_FIELDS, value)

    def filter_structure(self, queryset, name, structures):
        if not structures:
            return queryset
        return queryset.filter(pk__in=related_ids(Through["structures"], "newsitem_id", "oscestructure", structures))

    def filter_theme(self, queryset, name, themes):
        return queryset.filter(pk__in=related_ids(Through["themes"], "newsitem_id", "theme", themes)) if themes else queryset

    def filter_country(self, queryset, name, countries):
        if not countries:
            return queryset
        return queryset.filter(pk__in=related_ids(Through["countries"], "newsitem_id", "country", countries))

    # --- facet counts: one query each ------------------------------------------------------

    def count_type(self, queryset):
        return count_by(queryset, "content_type")

    def count_structure(self, queryset):
        return count_related(OsceStructure, "slug", "news_items", queryset)

    def count_theme(self, queryset):
        return count_related(Theme, "slug", "news_items", queryset)

    def count_country(self, queryset):
        return count_related(Country, "code", "news_items", queryset)
