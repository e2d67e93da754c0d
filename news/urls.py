from django.urls import path

from news import views
from news.feeds import NewsFeed

urlpatterns = [
    path("", views.news_list, name="news_list"),
    path("feed/", NewsFeed(), name="news_feed"),
    path("export.csv", views.news_export_csv, name="news_export_csv"),
    path("export.json", views.news_export_json, name="news_export_json"),
    path("<slug:slug>/", views.news_detail, name="news_detail"),
]
