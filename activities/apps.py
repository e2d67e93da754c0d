from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """Events: training courses, conferences, workshops, seminars and exercises."""

    name = "activities"
    verbose_name = _("Events")

    def ready(self):
        from activities import api
        from activities.filters import EventFilterSet
        from finders import registry
        from website import caching, redirects, sitemaps

        event = self.get_model("Event")
        registry.register("events", EventFilterSet)
        api.register()
        caching.register_public_content(event)
        redirects.keep_old_addresses(event)
        sitemaps.register_pages("event_list")
        sitemaps.register("events", sitemaps.changed_pages(lambda: event.objects.published().order_by("-start_date", "pk")))
