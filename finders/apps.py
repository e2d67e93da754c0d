from django.apps import AppConfig


class FindersConfig(AppConfig):
    """The public finders: filters, facets, pages, feeds and downloads."""

    name = "finders"

    def ready(self):
        from finders import checks  # noqa: F401 (registers them)
