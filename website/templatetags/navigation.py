"""Marks the main navigation's link to the section the visitor is in."""

from django import template
from django.utils.html import format_html

from website.languages import without_language

register = template.Library()


@register.simple_tag(takes_context=True)
def aria_current(context, url, *section_prefixes):
    """` aria-current="page"` on the link to this very page, ` aria-current="true"` on the
    link to the section it belongs to (an event's page is in Events), else nothing.

    A section is the link's own URL and any of `section_prefixes`: "About" links to /about/,
    which redirects, but its section is /departments/ and /units/."""
    path, url = without_language(context["request"].path), without_language(url)  # "/en/events/" -> "/events/"
    if path == url:
        return format_html(' aria-current="{}"', "page")
    if url != "/" and any(path.startswith(prefix) for prefix in (url, *section_prefixes)):
        return format_html(' aria-current="{}"', "true")
    return ""
