"""`{% translated record "title" %}`: a translated field's text on a public page, marked when
it is the English text shown for want of a translation (translations/fields.py).

In English, or when the translation exists, the text as `{{ record.title }}` would give it.
When the page's language has none, the English text (django-modeltranslation's fallback) in
an element with lang="en", so that screen readers switch pronunciation, followed by a short
visible mark, «на английском». The record's fields are all read already: no query.

Options: `words=40` cuts the text as `truncatewords:40` does; `markdown=True` renders a body
or description as `rich_text` does (a block: the mark comes first, as a paragraph).
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
