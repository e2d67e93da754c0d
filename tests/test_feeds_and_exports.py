"""Feeds, calendars and downloads, parsed back as a feed reader, a calendar app or a
spreadsheet would read them."""

import csv
import datetime
import io

import pytest
from defusedxml import ElementTree
from icalendar import Calendar

from activities.models import DatePrecision, Event
from tests import factories
from tntd.models import Country
from tntd.publishing import Status

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def records():
    uz, al = Country.objects.get(code="UZ"), Country.objects.get(code="AL")
    policing = factories.ThemeFactory(name="Policing", slug="policing")
    meeting = factories.EventFactory(
        title="Annual Meeting of the BSM Network", slug="bsm-meeting", event_type=Event.Type.MEETING,
        start_date=datetime.date(2017, 3, 1), date_precision=DatePrecision.MONTH, venue_country=Country.objects.get(code="AT"),
    )
    workshop = factories.EventFactory(
        title="Cybercrime workshop in Tashkent", slug="tashkent", event_type=Event.Type.WORKSHOP, venue_city="Tashkent",
        venue_country=uz, themes=[policing], start_date=datetime.date(2024, 12, 5), end_date=datetime.date(2024, 12, 6),
    )
    factories.EventFactory(title="Draft training", slug="draft-training", status=Status.DRAFT, venue_country=uz, themes=[policing])
    factories.NewsItemFactory(title="Policing news from Uzbekistan", slug="uz-news", themes=[policing], countries=[uz],
                              published_on=datetime.date(2024, 12, 12))
    factories.NewsItemFactory(title="Cryptocurrency peer exchange", slug="al-news", countries=[al],
                              published_on=datetime.date(2024, 12, 16))
    factories.NewsItemFactory(title="Draft policing news", slug="draft-news", status=Status.DRAFT, themes=[policing], countries=[uz])
    return {"meeting": meeting, "workshop": workshop}


def atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    return root, [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


def test_event_feed_lists_published_events_and_honours_filters(client, records):
    root, titles = atom_entries(client.get("/events/feed/"))
    assert set(titles) == {"Annual Meeting of the BSM Network", "Cybercrime workshop in Tashkent"}
    root, titles = atom_entries(client.get("/events/feed/", {"country": "uz", "theme": "policing"}))
    assert titles == ["Cybercrime workshop in Tashkent"]
    assert root.findtext(f"{ATOM}title") == "TNTD: Events on Policing in Uzbekistan"
    link = root.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.endswith("/events/tashkent/")


def test_news_feed_honours_filters_and_hides_drafts(client, records):
    root, titles = atom_entries(client.get("/news/feed/", {"theme": "policing", "country": "uz"}))
    assert titles == ["Policing news from Uzbekistan"]
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}published").startswith("2024-12-12")
    _, all_titles = atom_entries(client.get("/news/feed/"))
    assert "Draft policing news" not in all_titles and len(all_titles) == 2


def calendar_events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return [component for component in Calendar.from_ical(response.content).walk("VEVENT")]


def test_single_event_ics_spans_its_known_dates(client, records):
    (entry,) = calendar_events(client.get("/events/tashkent/calendar.ics"))
    assert str(entry["summary"]) == "Cybercrime workshop in Tashkent"
    assert entry.decoded("dtstart") == datetime.date(2024, 12, 5)
    assert entry.decoded("dtend") == datetime.date(2024, 12, 7)  # exclusive: ends on the 6th
    assert str(entry["location"]) == "Tashkent, Uzbekistan"
    assert str(entry["uid"]) == f"event-{records['workshop'].pk}@tntd-portal"


def test_an_event_known_to_the_month_is_an_all_day_entry_over_that_month(client, records):
    (entry,) = calendar_events(client.get("/events/bsm-meeting/calendar.ics"))
    assert entry.decoded("dtstart") == datetime.date(2017, 3, 1)
    assert entry.decoded("dtend") == datetime.date(2017, 4, 1)
    assert "Exact dates not published: held in March 2017." in str(entry["description"])


def test_calendar_feed_honours_filters_and_hides_drafts(client, records):
    assert {str(e["summary"]) for e in calendar_events(client.get("/events/calendar.ics"))} == {
        "Annual Meeting of the BSM Network", "Cybercrime workshop in Tashkent",
    }
    filtered = calendar_events(client.get("/events/calendar.ics", {"type": "meeting"}))
    assert [str(e["summary"]) for e in filtered] == ["Annual Meeting of the BSM Network"]
    assert client.get("/events/draft-training/calendar.ics").status_code == 404


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_event_csv_and_json_hold_all_filtered_published_rows(client, records):
    rows = read_csv(client.get("/events/export.csv", {"country": "uz"}))
    assert [row["title"] for row in rows] == ["Cybercrime workshop in Tashkent"]
    assert rows[0]["dates"] == "5–6 December 2024" and rows[0]["themes"] == "Policing"
    data = client.get("/events/export.json").json()
    assert data["count"] == 2
    meeting = next(r for r in data["results"] if r["title"].startswith("Annual"))
    assert meeting["dates"] == "March 2017" and meeting["date_precision"] == "month"


def test_exports_are_not_limited_to_one_page(client):
    for n in range(45):
        factories.EventFactory(title=f"Workshop {n}")
    assert len(read_csv(client.get("/events/export.csv"))) == 45


def test_news_csv_and_json_honour_filters_and_hide_drafts(client, records):
    rows = read_csv(client.get("/news/export.csv", {"theme": "policing"}))
    assert [row["title"] for row in rows] == ["Policing news from Uzbekistan"]
    data = client.get("/news/export.json").json()
    assert {r["title"] for r in data["results"]} == {"Policing news from Uzbekistan", "Cryptocurrency peer exchange"}
