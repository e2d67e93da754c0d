from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The pages that bring every app's records together: home, themes, countries, units, budget."""

    name = "portal"

    def ready(self):
        from portal.views import countries_with_published_content
        from website import sitemaps

        sitemaps.register_pages("home", "budget", "theme_list", "country_list", "department_list", "unit_list")
        sitemaps.register("countries", sitemaps.listed_pages(lambda: countries_with_published_content().order_by("code")))
