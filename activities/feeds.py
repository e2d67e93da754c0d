"""Atom feed of events, honouring the same filters as /events/."""

from django.utils.translation import gettext_lazy as _

from activities.views import filtered_events
from finders.pages import FinderFeed


class EventFeed(FinderFeed):
    filter = staticmethod(filtered_events)
    list_url_name = "event_list"
    feed_url_name = "event_feed"
    subtitle = _("Training courses, conferences, workshops and other events of the OSCE Transnational Threats Department.")

    def item_title(self, event):
        status = event.get_event_status_display() if event.status_note else ""
        return f"{status}: {event.title}" if status else event.title

    def item_description(self, event):
        note = f"{event.status_note} " if event.status_note else ""
        return f"{note}{event.dates_display}. {event.venue_display + '. ' if event.venue_display else ''}{event.summary}"

    def item_pubdate(self, event):
        return event.created_at

    def item_categories(self, event):
        return [event.get_event_type_display(), *(theme.name for theme in event.themes.all())]
