from django.apps import AppConfig


class RichTextConfig(AppConfig):
    """Markdown as staff write it, shown as sanitized HTML (the `rich_text` filter)."""

    name = "richtext"
