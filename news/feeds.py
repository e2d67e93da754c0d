"""Atom feed of news, honouring the same filters as /news/."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finders.pages import FinderFeed
from news.views import filtered_news


class NewsFeed(FinderFeed):
    filter = staticmethod(filtered_news)
    list_url_name = "news_list"
    feed_url_name = "news_feed"
    subtitle = _("News and press releases of the OSCE Transnational Threats Department.")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        # The publishing date is a day; midnight in the site's time zone stands for it.
        return timezone.make_aware(datetime.datetime.combine(item.published_on, datetime.time()))

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]
