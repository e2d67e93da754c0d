"""The back office for events."""

import datetime

from django.contrib import admin
from django.db.models import Func, IntegerField
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from activities.models import Event
from backoffice.model_admins import PhotoAdmin, SearchableFilter, SearchableRelatedFilter
from editorial.admin import PUBLISHING_FIELDS, PublishedContentAdmin
from organisation.models import Country


class YearFilter(admin.SimpleListFilter):
    """Events by year, as far as their dates are known: an event is in every year its period
    overlaps, from its start to the last day it may cover (`ends_on`: 31 December for "2017",
    31 March for "March 2017"), so a course known only to the year is in that year and no month
    is made up for it. The choices are the years some event covers, in one query, newest first."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .annotate(year=Func(ExtractYear("start_date"), ExtractYear("ends_on"), function="generate_series",
                                output_field=IntegerField()))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        # A malformed or impossible year (?year=soon, ?year=99999999999) is ignored rather than
        # an error page: a date's year is 1 to 9999.
        value = self.value() or ""
        if not (value.isdigit() and datetime.MINYEAR <= int(value) <= datetime.MAXYEAR):
            return queryset
        year = int(value)
        return queryset.filter(start_date__lte=datetime.date(year, 12, 31), ends_on__gte=datetime.date(year, 1, 1))


class CountryFilter(SearchableFilter, admin.SimpleListFilter):
    """An event is "in" a country when it is held there or the country takes part."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        # Only the countries some event is in, not the whole list.
        countries = model_admin.get_queryset(request).involved_countries().order_by("name")
        return countries.values_list("code", "name")

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.involving(Country.objects.filter(code=self.value().upper()))


@admin.register(Event)
class EventAdmin(PublishedContentAdmin):
    # The key columns first, "Public" among them: on a narrow screen (1,024 px) they stay in view.
    list_display = ["title", "publication", "dates_display", "venue_display", "event_type"]
    list_filter = [
        "status", "event_status", "event_type", YearFilter, CountryFilter, ("themes", SearchableRelatedFilter), "units",
        "structures", "date_precision",
    ]
    list_select_related = ["venue_country"]
    search_fields = ["title", "summary", "body", "venue_city", "venue_country__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue_country", "countries", "themes", "units", "structures", "partners"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "event_type"]}),
        (_("Publishing"), {"fields": PUBLISHING_FIELDS}),
        (_("When"), {"fields": ["start_date", "end_date", "date_precision", "event_status", "original_start_date", "original_end_date"]}),
        (_("Where"), {"fields": ["venue_city", "venue_country", "is_online", "countries"]}),
        (_("Who"), {"fields": ["themes", "units", "structures", "partners"]}),
        (_("Participants"), {"fields": ["participants_total", "participants_women", "participants_men"],
                             "classes": ["collapse"]}),
        (_("Text"), {"fields": ["summary", "body"]}),
        (_("Photo"), {"fields": PhotoAdmin.PHOTO_FIELDS, "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        # Every list of events names each with its place (Event.__str__), the pickers too.
        return super().get_queryset(request).select_related("venue_country")

    @admin.display(description=_("dates"), ordering="start_date")
    def dates_display(self, event):
        return event.dates_display

    @admin.display(description=_("venue"), ordering="venue_city")
    def venue_display(self, event):
        return event.venue_display
