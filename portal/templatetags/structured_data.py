"""JSON-LD blocks (portal/structured_data.py) for the templates."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal import structured_data

register = template.Library()

# As Django's json_script: nothing in the data can close the script element or open a comment.
ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 (escaped above)


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    return json_ld(structured_data.event(context["request"], event))


@register.simple_tag(takes_context=True)
def news_json_ld(context, item):
    return json_ld(structured_data.news_article(context["request"], item))


@register.simple_tag(takes_context=True)
def breadcrumbs_json_ld(context, breadcrumbs, current):
    return json_ld(structured_data.breadcrumb_list(context["request"], breadcrumbs, current))
