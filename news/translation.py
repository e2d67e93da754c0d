"""The translated fields of news items (translations/fields.py says how they work)."""

from news.models import NewsItem
from translations.fields import register

register(NewsItem, ["title", "summary", "body"])
