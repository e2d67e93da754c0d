from django.urls import path

from activities import views
from activities.feeds import EventFeed

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("feed/", EventFeed(), name="event_feed"),
    path("calendar.ics", views.event_calendar, name="event_calendar"),
    path("export.csv", views.event_export_csv, name="event_export_csv"),
    path("export.json", views.event_export_json, name="event_export_json"),
    path("<slug:slug>/", views.event_detail, name="event_detail"),
    path("<slug:slug>/calendar.ics", views.event_ics, name="event_ics"),
]
