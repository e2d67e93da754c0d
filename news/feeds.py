"""Atom feed of news, honouring the same filters as /news/."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from news.views import filtered_news
from tntd.finder import querystring

FEED_SIZE = 50


class NewsFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "News and press releases of the OSCE Transnational Threats Department."

    def get_object(self, request):
        filterset, _ = filtered_news(request)
        return filterset

    def title(self, filterset):
        labels = [chip.label.split(": ", 1)[1] for chip in filterset.chips()]
        return "TNTD news" + (f": {' · '.join(labels)}" if labels else "")

    def link(self, filterset):
        query = querystring(filterset.kept_params())
        return reverse("news_list") + (query if query != "?" else "")

    def items(self, filterset):
        return filterset.qs.with_related()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        # The publishing date is a day; midnight in the site's time zone stands for it.
        return timezone.make_aware(datetime.datetime.combine(item.published_on, datetime.time()))

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]
