"""The units' index (/units/) filtered by theme, as the finders filter events and news
(`?theme=policing&theme=cyber-ict-security`: any of them). Input it cannot use is left out
and said in plain words (finders.filtersets.ForgivingFilterSet), never a 500."""

import django_filters
from django.utils.translation import gettext_lazy as _

from finders.filtersets import ForgivingFilterSet
from organisation.models import Theme, Unit


class WorkingOnAnyFilter(django_filters.ModelMultipleChoiceFilter):
    """Units working on any of the chosen themes: a subquery on the link table, so that a unit
    on two of them is listed once, without DISTINCT."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(pk__in=Unit.themes.through.objects.filter(theme__in=value).values("unit"))


class UnitFilterSet(ForgivingFilterSet):
    # The finders' label for the same filter (activities/filters.py, news/filters.py).
    theme = WorkingOnAnyFilter(label=_("Theme"), queryset=Theme.objects.all(), to_field_name="slug")

    class Meta:
        model = Unit
        fields = []

    def chosen_themes(self):
        """The valid themes chosen, in the themes' order; [] when none."""
        self.is_valid()
        return list(self.form.cleaned_data.get("theme") or [])
