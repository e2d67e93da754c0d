"""The `rich_text` filter: a Markdown body as sanitized HTML (richtext/markdown.py)."""

from django import template
from django.utils.safestring import mark_safe

from richtext.markdown import render

register = template.Library()


@register.filter(name="rich_text")
def rich_text(text):
    return mark_safe(render(text or ""))  # sanitized by nh3 in render()
