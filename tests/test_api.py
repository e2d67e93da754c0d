"""The public API (api/public.py) as a program using it meets it: published events and news in
JSON under /api/v1/, each record the downloads' with its page's and its own address; lists
that take the finders' filters (one FilterSet: the same results, the same notes) and page
through everything in a stable order; JSON 4xx answers for bad input; nothing unpublished,
ever; a valid OpenAPI description and a docs page that loads nothing from elsewhere; CORS
for GET from any site; a rate limit per client; answers cached like the pages.
"""

import datetime
import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from functools import partial
from itertools import pairwise
from pathlib import Path

import pytest
import redis
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_filters import CharFilter
from openapi_spec_validator import validate

from activities.filters import EventFilterSet
from activities.models import DatePrecision, Event
from activities.views import EXPORT_COLUMNS as EVENT_COLUMNS
from api import public as public_api
from editorial import workflow
from editorial.policy import Operator
from news.filters import NewsFilterSet
from news.models import NewsItem
from news.views import EXPORT_COLUMNS as NEWS_COLUMNS
from organisation.models import Country
from publishing.models import Status
from tests import factories
from tntd import settings as project_settings

PROJECT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NOW = timezone.now()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def content():
    albania, serbia = Country.objects.get(code="AL"), Country.objects.get(code="RS")
    policing = factories.ThemeFactory(name="Policing", slug="policing")
    cyber = factories.ThemeFactory(name="Cyber security", slug="cyber")
    unit = factories.UnitFactory(name="Strategic Police Matters Unit", slug="spmu", themes=[policing])
    presence = factories.OsceStructureFactory(name="OSCE Presence in Albania", slug="presence-in-albania")
    unodc = factories.PartnerOrganisationFactory(name="UN Office on Drugs and Crime", acronym="UNODC", slug="unodc")
    factories.EventFactory(
        title="Exercise in Tirana", slug="tirana", event_type=Event.Type.EXERCISE, venue_city="Tirana",
        venue_country=albania, countries=[albania, serbia], themes=[policing], units=[unit], structures=[presence],
        partners=[unodc], start_date=datetime.date(2024, 12, 16), end_date=datetime.date(2024, 12, 18),
        participants_total=30, participants_women=12, participants_men=18,
    )
    factories.EventFactory(title="Cybercrime workshop", slug="cyber-workshop", countries=[serbia], themes=[cyber],
                           start_date=datetime.date(2017, 5, 10))
    factories.EventFactory(title="Online course", slug="online-course", event_type=Event.Type.TRAINING_COURSE,
                           is_online=True, start_date=datetime.date(2017, 1, 1), date_precision=DatePrecision.YEAR)
    factories.NewsItemFactory(title="Cryptocurrency peer exchange", slug="crypto", countries=[albania],
                              themes=[policing], structures=[presence], published_on=datetime.date(2024, 12, 16),
                              kind=NewsItem.Kind.PRESS_RELEASE)
    factories.NewsItemFactory(title="Statement on cyber security", slug="cyber-statement", countries=[serbia],
                              themes=[cyber], kind=NewsItem.Kind.STATEMENT)
    return {"albania": albania, "policing": policing}


@pytest.fixture
def unpublished(content):
    """Everything the public may not see, made to match the searches that find the rest:
    a draft, one ready for review, one under embargo, one taken off the site, and news dated
    tomorrow (public from its publishing date)."""
    hidden = {
        "draft": {"status": Status.DRAFT},
        "review": {"status": Status.REVIEW},
        "embargoed": {"publish_at": NOW + DAY},
        "expired": {"unpublish_at": NOW - DAY},
    }
    albania, policing = content["albania"], content["policing"]
    for name, fields in hidden.items():
        factories.EventFactory(title=f"Hidden {name} exercise", slug=f"hidden-{name}", countries=[albania],
                               themes=[policing], **fields)
        factories.NewsItemFactory(title=f"Hidden {name} news", slug=f"hidden-{name}", countries=[albania],
                                  themes=[policing], **fields)
    factories.NewsItemFactory(title="Hidden news of tomorrow", slug="hidden-tomorrow", countries=[albania],
                              published_on=TODAY + DAY)
    return [*(f"hidden-{name}" for name in hidden), "hidden-tomorrow"]


def get_json(client, url, status=200, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def slugs(page):
    return [record["slug"] for record in page["results"]]


def downloaded(client, url):
    return json.loads(b"".join(client.get(url).streaming_content))["results"]


# --- Records -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("api_url", "download_url", "columns"),
    [("/api/v1/events/", "/en/events/export.json", EVENT_COLUMNS), ("/api/v1/news/", "/en/news/export.json", NEWS_COLUMNS)],
)
def test_a_record_holds_what_the_download_holds_plus_its_slug_and_api_address(client, content, api_url, download_url,
                                                                            columns):
    records = get_json(client, api_url)["results"]
    assert len(records) == len(downloaded(client, download_url)) > 0
    for record in records:
        assert set(record) == {*columns, "slug", "api_url"}
    without_api_fields = [{key: value for key, value in r.items() if key not in ("slug", "api_url")} for r in records]
    assert sorted(without_api_fields, key=lambda r: r["url"]) == sorted(downloaded(client, download_url),
                                                                       key=lambda r: r["url"])


def test_an_event_record_says_everything_the_download_does(client, content):
    record = get_json(client, "/api/v1/events/tirana/")
    assert record == {
        "title": "Exercise in Tirana",
        "url": "http://testserver/en/events/tirana/",
        "api_url": "http://testserver/api/v1/events/tirana/",
        "slug": "tirana",
        "type": "Exercise",
        "event_status": "Scheduled",
        "dates": "16–18 December 2024",
        "start_date": "2024-12-16",
        "end_date": "2024-12-18",
        "date_precision": "day",
        "venue_city": "Tirana",
        "venue_country": "Albania",
        "online": False,
        "countries": ["Albania", "Serbia"],
        "themes": ["Policing"],
        "organising_units": ["Strategic Police Matters Unit"],
        "osce_structures": ["OSCE Presence in Albania"],
        "partners": ["UN Office on Drugs and Crime (UNODC)"],
        "participants": 30,
        "participants_women": 12,
        "participants_men": 18,
        "summary": "Summary of Exercise in Tirana.",
    }


@pytest.mark.parametrize("api_url", ["/api/v1/events/", "/api/v1/news/"])
def test_each_record_links_to_its_page_and_to_itself_in_the_api(client, content, api_url):
    for record in get_json(client, api_url)["results"]:
        assert record["url"].startswith("http://testserver/") and record["api_url"].startswith("http://testserver/api/v1/")
        assert client.get(record["url"]).status_code == 200
        assert get_json(client, record["api_url"]) == record


# --- Paging ------------------------------------------------------------------------------------


@pytest.mark.parametrize("sort", ["", "&sort=date", "&sort=title"])
def test_paging_through_the_events_gives_every_published_event_exactly_once(client, unpublished, sort):
    # Many on one day and some with one title: only the tie-breakers keep the order stable.
    for n in range(20):
        factories.EventFactory(title=f"Workshop {n % 4}", slug=f"workshop-{n}", start_date=datetime.date(2019, 3, 1))
    published = set(Event.objects.published().values_list("slug", flat=True))
    assert len(published) == 23

    seen, url, pages = [], f"/api/v1/events/?page_size=5{sort}", []
    while url:
        page = get_json(client, url)
        assert page["count"] == 23 and page["pages"] == 5 and page["page_size"] == 5
        pages.append(page)
        seen += slugs(page)
        url = page["next"]
    assert len(seen) == 23 and set(seen) == published
    assert [page["page"] for page in pages] == [1, 2, 3, 4, 5]
    # Back again through "previous": the same pages.
    assert pages[0]["previous"] is None
    for earlier, later in pairwise(pages):
        assert get_json(client, later["previous"]) == earlier


def test_page_links_keep_the_filters_and_the_page_size(client, content):
    for n in range(4):
        factories.EventFactory(slug=f"more-{n}", countries=[content["albania"]])
    page = get_json(client, "/api/v1/events/?country=al&page_size=2&page=2")
    assert page["filters"] == {"country": ["AL"]}
    assert page["count"] == 5 and page["pages"] == 3
    assert page["next"] == "http://testserver/api/v1/events/?country=AL&page_size=2&page=3"
    assert page["previous"] == "http://testserver/api/v1/events/?country=AL&page_size=2"


# --- The finders' filters ----------------------------------------------------------------------

SEARCHES = [
    "",
    "country=al",
    "country=AL&country=RS",
    "theme=policing&type=exercise",
    "unit=spmu",
    "structure=presence-in-albania&partner=unodc",
    "q=cybercrime",
    "year=2017",
    "from=2017-03-01&to=2017-12-31",
    "when=past&sort=title",
    "sort=date",
]


@pytest.mark.parametrize("search", SEARCHES)
def test_the_api_finds_what_the_events_finder_finds_in_the_same_order(client, unpublished, search):
    finder = client.get(f"/en/events/?{search}")
    page = get_json(client, f"/api/v1/events/?{search}")
    assert slugs(page) == [event.slug for event in finder.context["results"]]
    assert page["count"] == finder.context["page_obj"].paginator.count


@pytest.mark.parametrize(
    "search", ["", "country=al", "theme=cyber", "type=statement", "q=cryptocurrency", "from=2024-12-01", "sort=title"]
)
def test_the_api_finds_what_the_news_finder_finds_in_the_same_order(client, unpublished, search):
    finder = client.get(f"/en/news/?{search}")
    page = get_json(client, f"/api/v1/news/?{search}")
    assert slugs(page) == [item.slug for item in finder.context["results"]]
    assert page["count"] == finder.context["page_obj"].paginator.count


def test_a_filter_added_to_the_finder_is_an_api_parameter_at_once(client, content, monkeypatch):
    monkeypatch.setitem(EventFilterSet.base_filters, "exact_title", CharFilter(field_name="title", label="Exact title"))
    page = get_json(client, "/api/v1/events/?exact_title=Online course")
    assert slugs(page) == ["online-course"] and page["notes"] == []


def test_unknown_parameters_are_ignored_and_reported_as_the_finder_does(client, content):
    page = get_json(client, "/api/v1/events/?colour=blue&country=AL&page_size=1")
    finder = client.get("/en/events/?colour=blue&country=AL")
    assert page["notes"] == finder.context["notes"] == ["Unknown filter “colour” ignored."]
    assert page["filters"] == {"country": ["AL"]} and slugs(page) == ["tirana"]
    assert "colour" not in json.dumps(page["results"])


def test_what_the_finder_notes_about_dates_the_api_notes_too(client, content):
    backwards = get_json(client, "/api/v1/events/?from=2018-01-01&to=2017-01-01")
    finder = client.get("/en/events/?from=2018-01-01&to=2017-01-01")
    assert backwards["notes"] == finder.context["notes"] and len(backwards["notes"]) == 1
    assert backwards["count"] == finder.context["page_obj"].paginator.count == 0


# --- Bad input: a JSON 4xx, never a 500 --------------------------------------------------------


COMMON_MALFORMED = [
    ("country=ZZ", "country"),
    ("theme=no-such-theme", "theme"),
    ("type=party", "type"),
    ("from=2017-13-45", "from"),
    ("sort=shoe-size", "sort"),
    ("q=" + "x" * 201, "q"),
]
MALFORMED = [
    *(("/api/v1/events/", query, parameter) for query, parameter in COMMON_MALFORMED),
    ("/api/v1/events/", "year=abc", "year"),
    ("/api/v1/events/", "year=1800", "year"),
    ("/api/v1/events/", "when=someday", "when"),
    *(("/api/v1/news/", query, parameter) for query, parameter in COMMON_MALFORMED),
]


@pytest.mark.parametrize(("api_url", "query", "parameter"), MALFORMED)
def test_a_malformed_filter_value_is_a_400_naming_it(client, content, api_url, query, parameter):
    problem = get_json(client, f"{api_url}?{query}&country=AL", status=400)
    assert list(problem["errors"]) == [parameter] and problem["errors"][parameter]
    assert f"“{parameter}”" in problem["detail"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("page=abc", "page"), ("page=0", "page"), ("page=-1", "page"), ("page_size=0", "page_size"),
     ("page_size=101", "page_size"), ("page_size=lots", "page_size")],
)
def test_malformed_paging_is_a_400_naming_the_parameter(client, content, query, parameter):
    problem = get_json(client, f"/api/v1/events/?{query}", status=400)
    assert list(problem["errors"]) == [parameter]
    assert f"“{parameter}”" in problem["detail"]


def test_a_page_past_the_results_is_a_404_saying_where_they_end(client, content):
    assert get_json(client, "/api/v1/events/?page=9999", status=404)["detail"] == (
        "There is no page 9999: these results end on page 1."
    )
    assert get_json(client, "/api/v1/news/?page=3&page_size=1", status=404)["detail"] == (
        "There is no page 3: these results end on page 2."
    )


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("/api/v1/events/no-such-event/", "No published event has the slug “no-such-event”."),
        ("/api/v1/news/no-such-news/", "No published news item has the slug “no-such-news”."),
        ("/api/v1/events/with%00nul/", "No published event has the slug “withnul”."),
        ("/api/v1/news/caf%C3%A9/", "No published news item has the slug “café”."),
    ],
)
def test_an_unknown_slug_is_a_404_in_json(client, content, url, detail):
    assert get_json(client, url, status=404)["detail"] == detail


# --- Nothing unpublished -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("api_url", "model"), [("/api/v1/events/", Event), ("/api/v1/news/", NewsItem)], ids=["events", "news"]
)
def test_nothing_unpublished_is_listed_counted_or_found(client, unpublished, api_url, model):
    published = model.objects.published()
    for search in ("", "?country=AL", "?theme=policing", "?q=hidden", "?sort=title&page_size=100"):
        page = get_json(client, api_url + search)
        assert not set(slugs(page)) & set(unpublished), search
        assert page["count"] == len(page["results"]) <= published.count(), search
    assert get_json(client, api_url + "?q=hidden")["count"] == 0
    assert get_json(client, api_url)["count"] == published.count()
    for slug in unpublished:
        if model.objects.filter(slug=slug).exists():
            get_json(client, f"{api_url}{slug}/", status=404)


def test_staff_signed_in_see_only_published_records_too(admin_client, unpublished):
    assert not set(slugs(get_json(admin_client, "/api/v1/events/?page_size=100"))) & set(unpublished)
    get_json(admin_client, "/api/v1/events/hidden-draft/", status=404)


# --- Queries per page --------------------------------------------------------------------------


def queries(client, url):
    """(parsed answer, SQL statements it cost)."""
    with CaptureQueriesContext(connection) as captured:
        page = get_json(client, url)
    return page, [query["sql"] for query in captured.captured_queries]


def linked_events(count, start):
    albania, serbia = Country.objects.get(code="AL"), Country.objects.get(code="RS")
    theme = factories.ThemeFactory()
    for n in range(start, start + count):
        factories.EventFactory(
            slug=f"linked-{n}", venue_country=albania, countries=[albania, serbia], themes=[theme],
            units=[factories.UnitFactory()], structures=[factories.OsceStructureFactory()],
            partners=[factories.PartnerOrganisationFactory()],
        )


@pytest.mark.parametrize("search", ["page_size=100", "country=AL&country=RS&type=workshop&page_size=100"])
def test_the_queries_of_an_events_page_do_not_grow_with_its_rows(client, search):
    linked_events(3, start=0)
    small, few = queries(client, f"/api/v1/events/?{search}")
    linked_events(27, start=3)
    large, many = queries(client, f"/api/v1/events/?{search}")
    assert len(small["results"]) == 3 and len(large["results"]) == 30
    assert all(record["countries"] == ["Albania", "Serbia"] for record in large["results"])
    assert len(many) == len(few) <= 12
    assert any("activities_eventindexentry" in sql for sql in many)  # the finder's own road: its search index


def test_the_queries_of_a_news_page_do_not_grow_with_its_rows(client):
    albania = Country.objects.get(code="AL")

    def news(count, start):
        for n in range(start, start + count):
            factories.NewsItemFactory(slug=f"linked-{n}", countries=[albania], themes=[factories.ThemeFactory()],
                                      structures=[factories.OsceStructureFactory()])

    news(3, start=0)
    small, few = queries(client, "/api/v1/news/?country=AL&page_size=100")
    news(27, start=3)
    large, many = queries(client, "/api/v1/news/?country=AL&page_size=100")
    assert len(small["results"]) == 3 and len(large["results"]) == 30
    assert len(many) == len(few) <= 10
    assert any("news_newsindexentry" in sql for sql in many)


# --- OpenAPI and docs --------------------------------------------------------------------------


def test_the_openapi_description_is_valid_and_lists_every_filter_of_the_finders(client):
    description = get_json(client, "/api/v1/openapi.json")
    validate(description)
    paths = description["paths"]
    assert set(paths) == {
        "/api/v1/events/", "/api/v1/events/{slug}/", "/api/v1/news/", "/api/v1/news/{slug}/", "/api/v1/choices/",
    }
    for path, filterset_class in (("/api/v1/events/", EventFilterSet), ("/api/v1/news/", NewsFilterSet)):
        parameters = [parameter["name"] for parameter in paths[path]["get"]["parameters"] if parameter["in"] == "query"]
        assert sorted(parameters) == sorted(["page", "page_size", *filterset_class.base_filters])
    assert set(paths["/api/v1/events/"]["get"]["responses"]) >= {"200", "400", "404", "429"}


def test_the_docs_page_loads_only_the_sites_own_scripts_and_styles(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.text
    assets = re.findall(r'<(?:script|link)[^>]*\b(?:src|href)="([^"]+)"', html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    for asset in assets:
        assert asset.startswith("/static/ninja/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
    # The one script without src is data (the settings), which no browser runs.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == ['<script type="application/json" id="swagger-settings">']
    directives = dict(directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"


# --- CORS --------------------------------------------------------------------------------------


def test_any_site_may_read_the_api_from_a_browser_without_credentials(client, content):
    response = client.get("/api/v1/events/", headers={"Origin": "https://example.org"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "origin" in response["Vary"].lower()


def test_a_preflight_allows_get_only(client):
    response = client.options(
        "/api/v1/events/", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"}
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, OPTIONS"


def test_the_rest_of_the_site_gets_no_cors_headers(client, content):
    response = client.get("/en/events/", headers={"Origin": "https://example.org"})
    assert response.status_code == 200 and "Access-Control-Allow-Origin" not in response


# --- The rate limit ----------------------------------------------------------------------------


@pytest.fixture
def project_cache(settings):
    """The project's own cache, which pages and the rate limit's counts are kept in
    (tests/settings.py leaves it off for the other tests)."""
    settings.CACHES = {**settings.CACHES, "default": project_settings.CACHES["default"]}
    caches["default"].clear()


class Clock:
    """The rate limit's time, moved by the test: 20 s into a minute to start with."""

    def __init__(self):
        self.now = 1_800_000_000.0 + 20

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(public_api.per_client, "timer", clock)
    return clock


@pytest.fixture
def two_a_minute(project_cache, monkeypatch, clock):
    monkeypatch.setattr(public_api.per_client, "num_requests", 2)
    monkeypatch.setattr(public_api.per_client, "duration", 60)


def test_a_client_past_its_rate_gets_a_429_saying_when_to_come_back(client, content, two_a_minute, clock):
    assert client.get("/api/v1/events/").status_code == 200
    assert client.get("/api/v1/news/").status_code == 200
    refused = client.get("/api/v1/events/tirana/")
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json") and set(refused.json()) == {"detail", "errors"}
    wait = int(refused["Retry-After"])
    assert wait > 0
    # The limit is per client: another address is still served.
    assert client.get("/api/v1/news/crypto/", REMOTE_ADDR="127.0.0.2").status_code == 200
    # Retry-After is when it is served again: not a second before.
    start = clock.now
    clock.now = start + wait - 1
    assert client.get("/api/v1/events/tirana/").status_code == 429
    clock.now = start + wait
    assert client.get("/api/v1/events/tirana/").status_code == 200


def test_the_limit_slides_rather_than_starting_afresh_each_minute(client, content, two_a_minute, clock):
    """Two requests at the end of one minute leave no room for two more at the start of the
    next: a fixed window would serve four in a few seconds."""
    clock.now += 39  # 59 s into the minute
    assert [client.get(f"/api/v1/events/?page_size={n}").status_code for n in (1, 2, 3)] == [200, 200, 429]
    clock.now += 2  # 1 s into the next
    assert client.get("/api/v1/events/?page_size=4").status_code == 429


def test_a_forwarded_for_header_does_not_make_a_new_client(client, content, two_a_minute):
    for page in (1, 2):
        client.get(f"/api/v1/events/?page_size=1&page={page}")
    spoofed = client.get("/api/v1/events/?page_size=1&page=3", headers={"X-Forwarded-For": "203.0.113.9"})
    assert spoofed.status_code == 429


def test_an_answer_served_from_the_cache_is_not_counted(client, content, two_a_minute):
    """The cache answers before the limit is checked: such an answer costs no database work,
    as one a proxy serves under the public Cache-Control never reaches the site at all."""
    for _ in range(5):
        assert client.get("/api/v1/events/").status_code == 200
    assert client.get("/api/v1/news/").status_code == 200
    assert client.get("/api/v1/news/crypto/").status_code == 429


def test_the_limit_counts_in_the_projects_cache(client, content, project_cache, clock):
    """The project's cache (Redis when REDIS_URL is set): what another process reads too."""
    assert client.get("/api/v1/events/").status_code == 200
    assert client.get("/api/v1/news/").status_code == 200
    window = int(clock.now // public_api.per_client.duration)
    assert caches["default"].get(public_api.per_client.key("127.0.0.1", window)) == 2


def test_a_workers_threads_at_once_are_counted_exactly(settings):
    """A worker's threads share the limit: many at once never get more than the limit, and
    each client keeps its own count."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limit"}}
    caches["default"].clear()
    limit = public_api.SharedRateLimit("25/hour")
    limit.timer = Clock()
    requests = RequestFactory()
    served = {"127.0.0.1": [], "127.0.0.2": []}

    def client(address):
        for _ in range(20):
            served[address].append(limit.allow_request(requests.get("/api/v1/", REMOTE_ADDR=address)))

    threads = [threading.Thread(target=client, args=[address]) for address in served for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {address: sum(answers) for address, answers in served.items()} == {"127.0.0.1": 25, "127.0.0.2": 25}


REDIS_URL = "redis://127.0.0.1:6379/0"
ONE_PROCESS = """
import sys, threading, time
import django
django.setup()
from django.test import RequestFactory
from api.public import per_client
address, start = sys.argv[1], float(sys.argv[2])
per_client.timer = lambda: 1_800_000_020.0
request = RequestFactory().get("/api/v1/events/", REMOTE_ADDR=address)
served = []
def client():
    for _ in range(10):
        served.append(per_client.allow_request(request))
threads = [threading.Thread(target=client) for _ in range(4)]
time.sleep(max(0, start - time.time()))
for thread in threads: thread.start()
for thread in threads: thread.join()
print(sum(served))
"""


def redis_is_there():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.mark.skipif(not redis_is_there(), reason="no Redis server at 127.0.0.1:6379")
def test_with_redis_two_processes_share_one_limit(settings):
    """Two worker processes (four threads each) with REDIS_URL set, 80 requests from one
    client at once: 25 served in all, as the limit says, not 25 each, and the count is in Redis."""
    address = f"test-{uuid.uuid4()}"
    env = {
        "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DJANGO_SETTINGS_MODULE": "tntd.settings", "DJANGO_ENV_FILE": "",
        "DJANGO_SECRET_KEY": "two-processes", "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",  # never connected to
        "REDIS_URL": REDIS_URL, "DJANGO_API_RATE_LIMIT": "25/hour",
    }
    start = time.time() + 5  # both started, Django set up, before either asks
    processes = [
        subprocess.Popen([sys.executable, "-c", ONE_PROCESS, address, str(start)], cwd=PROJECT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [process.communicate(timeout=60) for process in processes]
    assert all(process.returncode == 0 for process in processes), results
    served = [int(out.strip().splitlines()[-1]) for out, _ in results]
    assert sum(served) == 25, served
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    key = public_api.per_client.key(address, 1_800_000_020 // 3600)
    try:
        assert caches["default"].get(key) == 25
    finally:
        caches["default"].delete(key)


# --- Cached like the pages ---------------------------------------------------------------------


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.mark.parametrize("url", ["/api/v1/events/?country=AL", "/api/v1/events/tirana/", "/api/v1/news/",
                                 "/api/v1/news/crypto/", "/api/v1/openapi.json"])
def test_a_repeated_request_is_served_from_the_cache_for_one_small_query(client, content, project_cache, url,
                                                                          django_assert_num_queries):
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(1):  # the content version
        second = client.get(url)
    assert second.status_code == 200 and second.content == first.content
    assert second["Cache-Control"] == "public, max-age=60"
    with django_assert_num_queries(1):
        assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_a_published_event_is_in_the_api_on_the_next_request(client, content, project_cache, committed):
    draft = factories.EventFactory(title="Planned exercise", slug="planned", status=Status.DRAFT)
    before = get_json(client, "/api/v1/events/")
    get_json(client, "/api/v1/events/planned/", status=404)
    assert "planned" not in slugs(before)
    with committed():
        workflow.publish(draft, Operator("tests"))
    after = get_json(client, "/api/v1/events/")
    assert "planned" in slugs(after) and after["count"] == before["count"] + 1
    assert get_json(client, "/api/v1/events/planned/")["title"] == "Planned exercise"
    with committed():
        workflow.unpublish(draft, Operator("tests"))
    assert "planned" not in slugs(get_json(client, "/api/v1/events/"))
    get_json(client, "/api/v1/events/planned/", status=404)


def test_errors_are_never_cached(client, content, project_cache):
    get_json(client, "/api/v1/events/?year=abc", status=400)
    get_json(client, "/api/v1/events/nope/", status=404)
    with CaptureQueriesContext(connection) as captured:
        get_json(client, "/api/v1/events/nope/", status=404)
    assert len(captured) > 0
