"""The `rich_text` filter: a Markdown body as sanitized HTML (tntd/rich_text.py)."""

from django import template
from django.utils.safestring import mark_safe

from tntd.rich_text import render

register = template.Library()


@register.filter(name="rich_text")
def rich_text(text):
    return mark_safe(render(text or ""))  # sanitized by nh3 in render()
