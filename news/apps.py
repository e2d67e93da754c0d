from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """News items, press releases, features and statements."""

    name = "news"
    verbose_name = _("News")

    def ready(self):
        from finders import registry
        from news import api
        from news.filters import NewsFilterSet
        from website import caching, redirects, sitemaps

        item = self.get_model("NewsItem")
        registry.register("news", NewsFilterSet)
        api.register()
        caching.register_public_content(item)
        redirects.keep_old_addresses(item)
        sitemaps.register_pages("news_list")
        sitemaps.register("news", sitemaps.changed_pages(lambda: item.objects.published().order_by("-published_on", "pk")))
