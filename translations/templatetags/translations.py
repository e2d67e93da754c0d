"""`{% translated record "title" %}`: a translated field on a public page, marked when it falls back.

English shown for want of a translation goes in an element with lang="en", so that screen readers
switch pronunciation, then a visible mark. See docs/translations.md.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from richtext.markdown import render
from translations.fields import fell_back

register = template.Library()


@register.simple_tag
def translated(record, name, words=None, markdown=False):
    """Return `record.<name>` for the page, reading no query. `words` cuts it as `truncatewords`
    does; `markdown` renders it as `rich_text` does, a block whose mark comes first."""
    text = getattr(record, name) or ""
    if markdown:
        shown = mark_safe(render(text))  # sanitized by nh3 in render()
    elif words:
        shown = conditional_escape(Truncator(text).words(int(words), truncate=" …"))
    else:
        shown = conditional_escape(text)
    if not text or not fell_back(record, name):
        return shown
    # Translators: marks a text shown in English because it has no translation yet.
    mark = gettext("in English")
    if markdown:
        return format_html('<p class="translation-fallback">{}</p><div lang="en">{}</div>', mark, shown)
    return format_html('<span lang="en">{}</span> <small class="translation-fallback">{}</small>', shown, mark)
