from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """Serving the public site: addresses, languages, caching, limits and probes."""

    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from website import checks  # noqa: F401 (registers them)
