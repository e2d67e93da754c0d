from django.urls import path

from finders.download_limits import download
from news import views
from news.feeds import NewsFeed
from website.caching import cached_public_page

urlpatterns = [
    path("", cached_public_page(views.news_list), name="news_list"),
    path("feed/", cached_public_page(NewsFeed()), name="news_feed"),
    path("export.csv", download(views.news_export_csv, prepared=True), name="news_export_csv"),
    path("export.json", download(views.news_export_json, prepared=True), name="news_export_json"),
    path("<slug:slug>/", cached_public_page(views.news_detail), name="news_detail"),
]
