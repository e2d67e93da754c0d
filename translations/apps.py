from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    """Content in several languages."""

    name = "translations"
