"""The back office for news items and press releases."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import PUBLISHING_FIELDS, PublishedContentAdmin
from news.models import NewsItem
from tntd.admin import PhotoAdmin, YearListFilter


class PublishedYearFilter(YearListFilter):
    """News by the year they were published."""

    date_field = "published_on"


@admin.register(NewsItem)
class NewsItemAdmin(PublishedContentAdmin):
    list_display = ["title", "published_on", "kind", "publication"]
    list_filter = [
        "status", "kind", PublishedYearFilter, "themes", "structures", ("countries", admin.RelatedOnlyFieldListFilter)
    ]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["structures", "themes", "countries", "related_events"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "published_on", "kind"]}),
        (_("Publishing"), {"fields": PUBLISHING_FIELDS}),
        (_("Themes, structures and countries"), {"fields": ["structures", "themes", "countries"]}),
        (_("Text"), {"fields": ["summary", "body"]}),
        (_("Photo"), {"fields": PhotoAdmin.PHOTO_FIELDS}),
        (_("Related"), {"fields": ["related_events"]}),
    ]
