"""Feeds, calendars and downloads, parsed back as a feed reader, a calendar app or a
spreadsheet would read them. Calendars and downloads are streamed: written as they are
read from the database, whatever their size."""

import csv
import datetime
import io
import json
import re

import pytest
from defusedxml import ElementTree
from django.utils import timezone
from icalendar import Calendar

from activities.models import CALENDAR_HISTORY, DatePrecision, Event
from news.models import NewsItem
from organisation.models import Country
from publishing.models import Status
from tests import factories
from tests.markup import parse, text_of, with_class

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
        venue_country=uz, countries=[al], themes=[policing], start_date=datetime.date(2024, 12, 5),
        end_date=datetime.date(2024, 12, 6), participants_total=27, participants_women=18,
    )
    courses = factories.EventFactory(
        title="Courses on terrorist financing", slug="courses", event_type=Event.Type.TRAINING_COURSE,
        countries=[uz], start_date=datetime.date(2017, 1, 1), date_precision=DatePrecision.YEAR, is_online=True,
        summary="Courses “for” Central Asia; in Uzbek: Ўзбекистон.",
    )
    factories.EventFactory(title="Draft training", slug="draft-training", status=Status.DRAFT, venue_country=uz,
                           themes=[policing], event_type=Event.Type.MEETING, start_date=datetime.date(2017, 3, 1))
    factories.NewsItemFactory(title="Policing news from Uzbekistan", slug="uz-news", themes=[policing], countries=[uz],
                              published_on=datetime.date(2024, 12, 12), summary="Police met.")
    factories.NewsItemFactory(title="Cryptocurrency peer exchange", slug="al-news", countries=[al],
                              kind=NewsItem.Kind.PRESS_RELEASE, published_on=datetime.date(2024, 12, 16))
    factories.NewsItemFactory(title="Draft policing news", slug="draft-news", status=Status.DRAFT, themes=[policing],
                              countries=[uz], published_on=datetime.date(2024, 12, 20))
    return {"meeting": meeting, "workshop": workshop, "courses": courses}


# --- Atom ---------------------------------------------------------------------------------


def atom(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    return root, [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


def links(element):
    return {link.get("rel"): link.get("href") for link in element.findall(f"{ATOM}link")}


def test_event_feed_lists_published_events_newest_first(client, records):
    root, titles = atom(client.get("/en/events/feed/"))
    assert titles == ["Cybercrime workshop in Tashkent", "Annual Meeting of the BSM Network", "Courses on terrorist financing"]
    assert root.findtext(f"{ATOM}title") == "TNTD events"
    assert links(root) == {"alternate": "http://testserver/en/events/", "self": "http://testserver/en/events/feed/"}


def test_event_feed_honours_the_lists_filters(client, records):
    root, titles = atom(client.get("/en/events/feed/", {"country": "uz", "theme": "policing"}))
    assert titles == ["Cybercrime workshop in Tashkent"]
    assert root.findtext(f"{ATOM}title") == "TNTD: Events on Policing in Uzbekistan"
    assert links(root) == {
        "alternate": "http://testserver/en/events/?country=UZ&theme=policing",
        "self": "http://testserver/en/events/feed/?country=UZ&theme=policing",
    }
    entry = root.find(f"{ATOM}entry")
    assert links(entry) == {"alternate": "http://testserver/en/events/tashkent/"}
    assert entry.findtext(f"{ATOM}summary").startswith("5–6 December 2024. Tashkent, Uzbekistan.")
    assert {c.get("term") for c in entry.findall(f"{ATOM}category")} == {"Workshop", "Policing"}
    assert atom(client.get("/en/events/feed/", {"type": "meeting"}))[1] == ["Annual Meeting of the BSM Network"]
    assert atom(client.get("/en/events/feed/", {"q": "financing", "sort": "title"}))[1] == ["Courses on terrorist financing"]


def test_news_feed_honours_filters_and_hides_drafts(client, records):
    root, titles = atom(client.get("/en/news/feed/", {"theme": "policing", "country": "uz"}))
    assert titles == ["Policing news from Uzbekistan"]
    assert root.findtext(f"{ATOM}title") == "TNTD: News on Policing in Uzbekistan"
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}published").startswith("2024-12-12")
    assert entry.findtext(f"{ATOM}summary") == "Police met."
    assert links(entry) == {"alternate": "http://testserver/en/news/uz-news/"}
    _, all_titles = atom(client.get("/en/news/feed/"))
    assert all_titles == ["Cryptocurrency peer exchange", "Policing news from Uzbekistan"]  # newest first, no draft
    assert atom(client.get("/en/news/feed/", {"type": "press_release"}))[1] == ["Cryptocurrency peer exchange"]


@pytest.mark.parametrize("url", ["/en/events/feed/", "/en/news/feed/"])
def test_feeds_ignore_bad_input_instead_of_failing(client, records, url):
    for query in ("country=zz", "from=2017-13-45", "q=%00", "page=abc", "q=" + "x" * 3000, "sort=price"):
        root, titles = atom(client.get(f"{url}?{query}"))
        assert titles, query


# --- iCalendar ----------------------------------------------------------------------------


def streamed(response):
    """The whole body of a streamed response, as a client receives it."""
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content)


def calendar_of(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(streamed(response))


def entries(response):
    return list(calendar_of(response).walk("VEVENT"))


def test_single_event_ics_spans_its_known_days(client, records):
    (entry,) = entries(client.get("/en/events/tashkent/calendar.ics"))
    assert str(entry["summary"]) == "Cybercrime workshop in Tashkent"
    assert entry.decoded("dtstart") == datetime.date(2024, 12, 5)
    assert entry.decoded("dtend") == datetime.date(2024, 12, 7)  # exclusive: ends on the 6th
    assert str(entry["location"]) == "Tashkent, Uzbekistan"
    assert str(entry["url"]) == "http://testserver/en/events/tashkent/"
    assert str(entry["uid"]) == f"event-{records['workshop'].pk}@tntd-portal"
    assert "Exact dates" not in str(entry["description"])
    response = client.get("/en/events/tashkent/calendar.ics")
    assert response["Content-Disposition"] == 'attachment; filename="tashkent.ics"'


def test_an_event_known_to_the_month_is_an_all_day_entry_over_that_month(client, records):
    (entry,) = entries(client.get("/en/events/bsm-meeting/calendar.ics"))
    assert entry.decoded("dtstart") == datetime.date(2017, 3, 1)
    assert entry.decoded("dtend") == datetime.date(2017, 4, 1)
    assert not isinstance(entry.decoded("dtstart"), datetime.datetime)  # a day, never a made-up time
    assert "Exact dates not published: held in March 2017." in str(entry["description"])


def test_an_event_known_to_the_year_spans_the_year_and_an_online_one_says_so(client, records):
    (entry,) = entries(client.get("/en/events/courses/calendar.ics"))
    assert entry.decoded("dtstart") == datetime.date(2017, 1, 1)
    assert entry.decoded("dtend") == datetime.date(2018, 1, 1)
    assert "Exact dates not published: held in 2017." in str(entry["description"])
    assert str(entry["location"]) == "Online"
    assert "Ўзбекистон" in str(entry["description"])


def test_uids_are_stable_across_downloads_and_calendars(client, records):
    def uids(url, **params):
        return {str(e["summary"]): str(e["uid"]) for e in entries(client.get(url, params))}

    single = uids("/en/events/tashkent/calendar.ics")
    assert single == uids("/en/events/tashkent/calendar.ics")
    assert uids("/en/events/calendar.ics", year=2024)["Cybercrime workshop in Tashkent"] == single["Cybercrime workshop in Tashkent"]


def summaries(response):
    return [str(entry["summary"]) for entry in entries(response)]


def test_calendar_feed_honours_filters_and_hides_drafts(client, records):
    # The fixture's events are years old: dates chosen by the visitor open the whole history.
    calendar = calendar_of(client.get("/en/events/calendar.ics", {"from": "2000-01-01"}))
    assert str(calendar["x-wr-calname"]) == "TNTD: Events from 1 January 2000"
    assert str(calendar["x-published-ttl"]) == "PT12H"
    assert calendar["refresh-interval"].to_ical() == b"PT12H"
    assert set(summaries(client.get("/en/events/calendar.ics", {"from": "2000-01-01"}))) == {
        "Annual Meeting of the BSM Network", "Cybercrime workshop in Tashkent", "Courses on terrorist financing",
    }
    assert summaries(client.get("/en/events/calendar.ics", {"type": "meeting", "year": 2017})) == [
        "Annual Meeting of the BSM Network"
    ]
    in_albania = calendar_of(client.get("/en/events/calendar.ics", {"country": "al", "year": 2024}))  # taking part counts
    assert str(in_albania["x-wr-calname"]) == "TNTD: Events in Albania in 2024"
    assert [str(e["summary"]) for e in in_albania.walk("VEVENT")] == ["Cybercrime workshop in Tashkent"]
    assert client.get("/en/events/draft-training/calendar.ics").status_code == 404
    assert entries(client.get("/en/events/calendar.ics", {"q": "Draft", "year": 2017})) == []


def test_calendar_refuses_filters_it_cannot_honour_rather_than_dropping_them(client, records):
    for query in ("country=zz", "year=abc", "when=later"):
        assert client.get(f"/en/events/calendar.ics?from=2000-01-01&{query}").status_code == 400, query
    assert len(entries(client.get("/en/events/calendar.ics?from=2000-01-01&q=%00"))) == 3  # a NUL is a space


@pytest.fixture
def over_the_years():
    """Events around today (the calendar's window is upcoming events and the last twelve months)."""
    today = timezone.localdate()
    for title, days in (("Next month", 30), ("Ended ten months ago", -300), ("Ended two years ago", -730)):
        factories.EventFactory(title=title, start_date=today + datetime.timedelta(days=days))
    factories.EventFactory(title="Draft next week", status=Status.DRAFT, start_date=today + datetime.timedelta(days=7))
    return today


def test_a_subscription_holds_upcoming_events_and_those_of_the_last_twelve_months(client, over_the_years):
    calendar = calendar_of(client.get("/en/events/calendar.ics"))
    assert str(calendar["x-wr-calname"]) == "TNTD events"
    assert {str(e["summary"]) for e in calendar.walk("VEVENT")} == {"Next month", "Ended ten months ago"}
    workshops = summaries(client.get("/en/events/calendar.ics", {"type": "workshop", "q": "ago"}))  # other filters: same window
    assert workshops == ["Ended ten months ago"]


def test_dates_chosen_by_the_visitor_open_the_calendar_beyond_its_window(client, over_the_years):
    two_years_ago = over_the_years - datetime.timedelta(days=730)
    assert "Ended two years ago" in summaries(client.get("/en/events/calendar.ics", {"year": two_years_ago.year}))
    assert "Ended two years ago" in summaries(client.get("/en/events/calendar.ics", {"from": two_years_ago.isoformat()}))
    assert set(summaries(client.get("/en/events/calendar.ics", {"when": "past"}))) == {
        "Ended ten months ago", "Ended two years ago",
    }
    assert summaries(client.get("/en/events/calendar.ics", {"when": "upcoming"})) == ["Next month"]


def test_downloads_hold_every_matching_event_whatever_its_age(client, over_the_years):
    titles = {"Next month", "Ended ten months ago", "Ended two years ago"}
    assert {row["title"] for row in read_csv(client.get("/en/events/export.csv"), "tntd-events.csv")} == titles
    assert {r["title"] for r in read_json(client.get("/en/events/export.json"), "tntd-events.json")["results"]} == titles


def test_the_finder_says_what_the_calendar_and_the_downloads_hold(client, over_the_years):
    (note,) = with_class(parse(client.get("/en/events/")), "downloads__note", "li")
    # The calendar's window (a year back: CALENDAR_HISTORY), and the downloads named, which hold everything.
    assert CALENDAR_HISTORY == datetime.timedelta(days=365) and re.findall(r"\d+", text_of(note)) == ["12"]
    assert "CSV" in text_of(note) and "JSON" in text_of(note)


# --- CSV and JSON ---------------------------------------------------------------------------


def read_csv(response, filename):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    return list(csv.DictReader(io.StringIO(streamed(response).decode())))


def read_json(response, filename):
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    data = json.loads(streamed(response))
    assert list(data) == ["results", "count"] and data["count"] == len(data["results"])
    return data


def test_event_csv_holds_the_filtered_published_rows_with_every_public_field(client, records):
    rows = read_csv(client.get("/en/events/export.csv", {"country": "uz"}), "tntd-events.csv")
    assert [row["title"] for row in rows] == ["Cybercrime workshop in Tashkent", "Courses on terrorist financing"]
    workshop = rows[0]
    assert workshop == {
        "title": "Cybercrime workshop in Tashkent", "url": "http://testserver/en/events/tashkent/", "type": "Workshop",
        "event_status": "Scheduled", "dates": "5–6 December 2024", "start_date": "2024-12-05", "end_date": "2024-12-06", "date_precision": "day",
        "venue_city": "Tashkent", "venue_country": "Uzbekistan", "online": "False", "countries": "Albania",
        "themes": "Policing", "organising_units": "", "osce_structures": "", "partners": "", "participants": "27",
        "participants_women": "18", "participants_men": "", "summary": "Summary of Cybercrime workshop in Tashkent.",
    }
    assert rows[1]["dates"] == "2017" and rows[1]["online"] == "True"


def test_event_json_holds_the_filtered_published_rows(client, records):
    data = read_json(client.get("/en/events/export.json"), "tntd-events.json")
    assert data["count"] == 3 == len(data["results"])
    meeting = next(r for r in data["results"] if r["title"].startswith("Annual"))
    assert meeting["dates"] == "March 2017" and meeting["date_precision"] == "month" and meeting["end_date"] is None
    assert "Draft training" not in {r["title"] for r in data["results"]}
    courses = read_json(client.get("/en/events/export.json", {"type": "training_course"}), "tntd-events.json")
    assert [r["title"] for r in courses["results"]] == ["Courses on terrorist financing"]
    assert courses["results"][0]["countries"] == ["Uzbekistan"]
    assert "Ўзбекистон" in streamed(client.get("/en/events/export.json")).decode()  # readable, not \u-escaped


def test_exports_are_not_limited_to_one_page(client):
    for n in range(45):
        factories.EventFactory(title=f"Workshop {n}")
        factories.NewsItemFactory(title=f"News {n}")
    assert len(read_csv(client.get("/en/events/export.csv"), "tntd-events.csv")) == 45
    assert read_json(client.get("/en/news/export.json"), "tntd-news.json")["count"] == 45


def test_news_csv_and_json_honour_filters_and_hide_drafts(client, records):
    rows = read_csv(client.get("/en/news/export.csv", {"theme": "policing"}), "tntd-news.csv")
    assert rows == [{
        "title": "Policing news from Uzbekistan", "url": "http://testserver/en/news/uz-news/", "type": "News",
        "published_on": "2024-12-12", "osce_structures": "", "themes": "Policing", "countries": "Uzbekistan",
        "summary": "Police met.",
    }]
    data = read_json(client.get("/en/news/export.json"), "tntd-news.json")
    assert [r["title"] for r in data["results"]] == ["Cryptocurrency peer exchange", "Policing news from Uzbekistan"]
    assert read_json(client.get("/en/news/export.json", {"q": "Draft"}), "tntd-news.json")["count"] == 0


@pytest.mark.parametrize("url", ["/en/events/export.csv", "/en/events/export.json", "/en/news/export.csv", "/en/news/export.json"])
def test_downloads_refuse_filters_they_cannot_honour_rather_than_giving_everything(client, records, url):
    for query in ("country=zz", "from=yesterday", "sort=price", "q=" + "z" * 201, "q=" + "z" * 3000):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400 and not response.streaming, query
    assert streamed(client.get(f"{url}?q=%00&from=2000-01-01"))  # a NUL is a space: nothing set aside
    for query in ("page=9999", "utm_source=newsletter"):  # filtering nothing: the whole archive, at its address
        response = client.get(f"{url}?{query}")
        assert response.status_code == 302 and response["Location"] == url, query


def test_empty_downloads_are_still_valid_files(client):
    assert read_csv(client.get("/en/events/export.csv"), "tntd-events.csv") == []
    assert read_json(client.get("/en/news/export.json"), "tntd-news.json") == {"results": [], "count": 0}
    assert calendar_of(client.get("/en/events/calendar.ics")).walk("VEVENT") == []


DOWNLOADS = {  # URL: its queries for up to a chunk (2,000) of rows: the content version (its ETag), the
    # rows, then each list of links the file shows
    "/en/events/export.csv": 7, "/en/events/export.json": 7, "/en/events/calendar.ics": 2,
    "/en/news/export.csv": 5, "/en/news/export.json": 5,
}


@pytest.mark.parametrize("url", DOWNLOADS)
def test_downloads_cost_the_same_number_of_queries_for_3_and_30_rows(client, django_assert_max_num_queries, settings, url):
    settings.PREPARE_DOWNLOADS = "never"  # written live, as a filtered download is
    upcoming = timezone.localdate() + datetime.timedelta(days=10)  # in the calendar's window

    def make(count):
        for _ in range(count):
            links = {"countries": [Country.objects.get(code="AL")], "themes": [factories.ThemeFactory()]}
            factories.EventFactory(start_date=upcoming, partners=[factories.PartnerOrganisationFactory()], **links)
            factories.NewsItemFactory(structures=[factories.OsceStructureFactory()], **links)

    make(3)
    with django_assert_max_num_queries(DOWNLOADS[url]) as small:
        assert streamed(client.get(url)).count(b"Summary of") == 3
    make(27)
    with django_assert_max_num_queries(DOWNLOADS[url]) as large:
        assert streamed(client.get(url)).count(b"Summary of") == 30
    assert len(small) == len(large)


@pytest.mark.parametrize("url", DOWNLOADS)
def test_downloads_start_before_the_database_is_read(client, records, django_assert_num_queries, url):
    response = client.get(url + "?from=2024-01-01")
    with django_assert_num_queries(0):
        first = next(iter(response.streaming_content))  # headers and the file's head leave at once
    assert first.startswith((b"title,", b'{"results": [', b"BEGIN:VCALENDAR"))
    rest = b"".join(response.streaming_content)
    assert b"tashkent" in rest or b"uz-news" in rest
