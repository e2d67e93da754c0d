from django.urls import path

from news import views
from news.feeds import NewsFeed
from tntd.caching import cached_public_page, conditional_download

urlpatterns = [
    path("", cached_public_page(views.news_list), name="news_list"),
    path("feed/", cached_public_page(NewsFeed()), name="news_feed"),
    path("export.csv", conditional_download(views.news_export_csv), name="news_export_csv"),
    path("export.json", conditional_download(views.news_export_json), name="news_export_json"),
    path("<slug:slug>/", cached_public_page(views.news_detail), name="news_detail"),
]
