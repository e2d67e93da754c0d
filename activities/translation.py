"""The translated fields of events (tntd/translation_fields.py says how they work)."""

from activities.models import Event
from tntd.translation_fields import register

register(Event, ["title", "summary", "body", "venue_city"])
