"""Atom feed of events, honouring the same filters as /events/."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from activities.views import filtered_events
from tntd.finder import querystring

FEED_SIZE = 50


class EventFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "Training courses, conferences, workshops and other events of the OSCE Transnational Threats Department."

    def get_object(self, request):
        filterset, _ = filtered_events(request)
        return filterset

    def title(self, filterset):
        labels = [chip.label.split(": ", 1)[1] for chip in filterset.chips()]
        return "TNTD events" + (f": {' · '.join(labels)}" if labels else "")

    def link(self, filterset):
        query = querystring(filterset.kept_params())
        return reverse("event_list") + (query if query != "?" else "")

    def items(self, filterset):
        return filterset.qs.with_related()[:FEED_SIZE]

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        return f"{event.dates_display}. {event.venue_display + '. ' if event.venue_display else ''}{event.summary}"

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [event.get_event_type_display(), *(theme.name for theme in event.themes.all())]
