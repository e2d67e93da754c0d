from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Keyword search and the search indexes the finders read."""

    name = "search"

    def ready(self):
        from search import checks  # noqa: F401 (registers them)
