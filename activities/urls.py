from django.urls import path

from activities import views
from activities.feeds import EventFeed
from finders.download_limits import download
from website.caching import cached_public_page, conditional_download

urlpatterns = [
    path("", cached_public_page(views.event_list), name="event_list"),
    path("feed/", cached_public_page(EventFeed()), name="event_feed"),
    path("calendar.ics", download(views.event_calendar, prepared=True), name="event_calendar"),
    path("export.csv", download(views.event_export_csv, prepared=True), name="event_export_csv"),
    path("export.json", download(views.event_export_json, prepared=True), name="event_export_json"),
    path("<slug:slug>/", cached_public_page(views.event_detail), name="event_detail"),
    path("<slug:slug>/calendar.ics", conditional_download(views.event_ics), name="event_ics"),
]
