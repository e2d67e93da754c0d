"""The translated fields of news items (tntd/translation_fields.py says how they work)."""

from news.models import NewsItem
from tntd.translation_fields import register

register(NewsItem, ["title", "summary", "body"])
