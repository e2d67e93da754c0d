"""The back office for events."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from activities.models import Event
from editorial.admin import PUBLISHING_FIELDS, PublishedContentAdmin
from tntd.admin import PhotoAdmin, YearListFilter
from tntd.models import Country


class StartYearFilter(YearListFilter):
    """Events by the year they start."""

    date_field = "start_date"


class CountryFilter(admin.SimpleListFilter):
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
    list_display = ["title", "event_type", "dates_display", "venue_display", "publication"]
    list_filter = ["status", "event_status", "event_type", StartYearFilter, CountryFilter, "themes", "units", "structures", "date_precision"]
    list_select_related = ["venue_country"]
    search_fields = ["title", "summary", "body", "venue_city", "venue_country__name"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue_country", "countries", "themes", "units", "structures", "partners"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "event_type"]}),
        (_("Publishing"), {"fields": PUBLISHING_FIELDS}),
        (_("When"), {"fields": ["start_date", "end_date", "date_precision", "event_status", "original_start_date", "original_end_date"]}),
        (_("Where"), {"fields": ["venue_city", "venue_country", "is_online", "countries"]}),
        (_("Who"), {"fields": ["themes", "units", "structures", "partners"]}),
        (_("Participants"), {"fields": ["participants_total", "participants_women", "participants_men"]}),
        (_("Text"), {"fields": ["summary", "body"]}),
        (_("Photo"), {"fields": PhotoAdmin.PHOTO_FIELDS}),
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
