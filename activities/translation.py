"""The translated fields of events (translations/fields.py says how they work)."""

from activities.models import Event
from translations.fields import register

register(Event, ["title", "summary", "body", "venue_city"])
