"""The finders' filter types: what a visitor can narrow a finder by, written so that each
filters records and their search index alike (search/index.py) through the querysets'
shared methods (`linked_to_any`, `any_of`, `in_regions`)."""

import django_filters
from django import forms
from django.db.models import F, OrderBy


class UpperCaseCodesField(django_filters.fields.ModelMultipleChoiceField):
    """Country codes may come as "al" or "AL"."""

    def clean(self, value):
        return super().clean([str(v).upper() for v in value] if value else value)


class KeywordFilter(django_filters.CharFilter):
    """Records whose text matches the visitor's words (`matching`: full-text search)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs.matching(value) if value else qs


class YearFilter(django_filters.NumberFilter):
    """A whole year: "2017", not "2017.5"."""

    field_class = forms.IntegerField


class SortFilter(django_filters.OrderingFilter):
    """django-filter's ordering with a default. Ties are broken by the other sortable fields,
    then the primary key, so that rows never swap places between two pages."""

    def __init__(self, *args, default, **kwargs):
        self.default = default
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        keys = [self.get_ordering_value(param) for param in (value or [self.default])]
        tie_breakers = [name for name in self.param_map.values() if name not in {key.lstrip("-") for key in keys}]
        # As expressions, not names: a records' queryset takes a translated field's name for the
        # active language's column (translations/fields.py), a search index for its own
        # column, which is English. So records and index sort alike: by the English title.
        return qs.order_by(*(OrderBy(F(key.lstrip("-")), descending=key.startswith("-")) for key in [*keys, *tie_breakers, "pk"]))


class DateInput(forms.DateInput):
    input_type = "date"


class AnyOfChoicesFilter(django_filters.MultipleChoiceFilter):
    """Any of the chosen values of one of the record's own columns (or the index's keys for
    it), with no join, so without django-filter's DISTINCT."""

    def filter(self, qs, value):
        return qs.any_of(self.field_name, value) if value else qs


class LinkedToAnyFilter(django_filters.ModelMultipleChoiceFilter):
    """Records linked to any of the chosen objects through the many-to-many `field_name`."""

    def filter(self, qs, value):
        return qs.linked_to_any(self.field_name, value) if value else qs


class RegionFilter(django_filters.ModelMultipleChoiceFilter):
    """Records in any of the chosen regions: involving any of their countries (`in_regions`).
    Its facet counts are keyed "regions" (field_name), as the search indexes write them."""

    def filter(self, qs, value):
        return qs.in_regions(value) if value else qs


class CountryCodeFilter(LinkedToAnyFilter):
    """Countries by ISO code, in either case: ?country=al&country=RS."""

    field_class = UpperCaseCodesField
