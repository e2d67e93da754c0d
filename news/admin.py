"""The back office for news items and press releases."""

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backoffice.model_admins import PhotoAdmin, SearchableRelatedFilter, SearchableRelatedOnlyFilter, YearListFilter
from backoffice.widgets import time_zone_label
from editorial.admin import PublishedContentAdmin
from news.forms import NewsItemForm, PublicationField
from news.models import NewsItem


class PublishedYearFilter(YearListFilter):
    """News by the year they were published."""

    date_field = "published_on"


@admin.register(NewsItem)
class NewsItemAdmin(PublishedContentAdmin):
    form = NewsItemForm
    # "Public" second: on a narrow screen (1,024 px) it stays in view.
    list_display = ["title", "publication", "published_on", "kind"]
    list_filter = [
        "status", "kind", PublishedYearFilter, ("themes", SearchableRelatedFilter), "structures",
        ("countries", SearchableRelatedOnlyFilter),
    ]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["structures", "themes", "countries", "related_events"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind"]}),
        # One publication control (news/forms.py) for the publishing date and the embargo ("Public from").
        (_("Publishing"), {"fields": ["state", "published_on", "unpublish_at"]}),
        (_("Themes, structures and countries"), {"fields": ["structures", "themes", "countries"]}),
        (_("Text"), {"fields": ["summary", "body"]}),
        (_("Photo"), {"fields": PhotoAdmin.PHOTO_FIELDS, "classes": ["collapse"]}),
        (_("Related"), {"fields": ["related_events"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "published_on":
            with_time = self.policy.may_publish(request.user)  # the time is a Publisher's (check_save)
            if with_time:
                help_text = gettext(
                    "The date shown on the item. “Now”: public as soon as it is published. “At”: kept off "
                    "the public site until then. %(time_zone)s."
                ) % {"time_zone": time_zone_label()}
            else:
                help_text = gettext(
                    "The date shown on the item. “Now”: public as soon as it is published. “On”: kept off "
                    "the public site until that day; a Publisher may set the time."
                )
            return PublicationField(with_time=with_time, label=_("Publication"), help_text=help_text)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
