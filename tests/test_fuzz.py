"""Hostile requests over every public address (issue 20): a few hundred, generated from a seed so
that a failure comes back the same, on the seed content with records the public must not see.
No answer may be a server error, and none may hold a word of those records."""

import gzip
import random
import traceback
from urllib.parse import quote

import pytest
from defusedxml import ElementTree
from django.db import transaction
from django.test import Client
from django.utils import timezone

from activities.models import Event
from news.models import NewsItem
from publishing.models import Status
from tests import factories
from tests.public_surfaces import EVENT_SURFACES, NEWS_SURFACES
from tests.seeded import seed_site_for_module

pytestmark = pytest.mark.django_db
SEED = 20
REQUESTS = 400
# Where filters are read: the finders, feeds, downloads and the API's lists.
SEARCHABLE = ("/events/", "/news/", "/feed/", ".csv", ".json", ".ics", "/countries/")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HIDDEN = "Qzxhidden"  # in the title and summary of every record the public must not see, never in a request

KEYS = ["q", "country", "region", "theme", "unit", "structure", "partner", "type", "when", "year", "from", "to",
        "date_from", "date_to", "sort", "page", "utm_source", "format", "lang", "limit", "offset", "slug", "p"]
VALUES = [
    "", "al", "AL", "zz", "ZZZ", "xx-yy", "central-asia", "no-such-region", "policing", "workshop", "training_course",
    "upcoming", "past", "-start_date", "price", "1", "0", "-1", "2", "9999999", "99999999999999999999999", "1e9", "NaN",
    "2024-12-05", "2024-13-45", "0000-00-00", "9999-12-31", "yesterday", "31/12/2024", "1990", "2101",
    "\x00", "a\x00b", "Ўзбекистон", "Полиция", "😀" * 10, "\u202eevil", "ǅ", "\ufeff", "%", "%%", "'", '"', "\\",
    "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "a" * 201, "z" * 3000, " ", "+", "=1+1", "@x",
]
RAW_QUERIES = ["%zz", "%ff%fe=%c3%28", "q=%00", "&&&", "=", "country[]=al", "page=" + "9" * 60, "q=" + "%e2%82" * 3,
               "country=al&" * 190, "x=" + "y" * 5000]
HOSTS = ["evil.example", "testserver:9999", "localhost:8000", "127.0.0.1", "[::1]:80", "a" * 300, "testserver.", "",
         "testserver:0", "testserver:99999", "testserver:abc", "[::1", "xn--80ak6aa92e.com"]
HEADERS = {
    "HTTP_ACCEPT_LANGUAGE": ["ru", "zz", "*", "ru;q=abc", "x" * 2000, "en-US,en;q=0.9,ru;q=0.8", "Ã©", ",,,;;;"],
    "HTTP_RANGE": ["bytes=0-10", "bytes=-5", "bytes=abc", "bytes=10-1", "bytes=0-0,1-1,2-2"],
    "HTTP_IF_NONE_MATCH": ['"abc"', "*", 'W/"x"', '"' * 50],
    "HTTP_IF_MODIFIED_SINCE": ["garbage", "Mon, 01 Jan 1990 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT"],
    "HTTP_COOKIE": ["sessionid=garbage; csrftoken=x", "sessionid=" + "a" * 4000, "django_language=zz", "=;=;="],
    "HTTP_ACCEPT_ENCODING": ["gzip", "gzip, deflate", "identity;q=0", "*", "x" * 300],
    "HTTP_ACCEPT": ["application/json", "*/*;q=abc", "text/html" * 100],
    "HTTP_X_FORWARDED_FOR": ["1.2.3.4, evil", "not-an-ip", "::1"],
    "HTTP_X_FORWARDED_HOST": ["evil.example"],
    "HTTP_USER_AGENT": ["", "x" * 5000],
}
METHODS = ["GET"] * 11 + ["HEAD"] * 2 + ["OPTIONS", "POST", "POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"]


def hidden_records():
    """One record of each kind the public must not find: drafts, in review, taken off,
    embargoed, expired."""
    now, day = timezone.now(), timezone.timedelta(days=1)
    kinds = [{"status": Status.DRAFT}, {"status": Status.REVIEW}, {"status": Status.UNPUBLISHED},
             {"publish_at": now + 30 * day}, {"unpublish_at": now - day}]
    for n, kind in enumerate(kinds):
        factories.EventFactory(title=f"{HIDDEN} event {n}", summary=f"{HIDDEN} summary", slug=f"fuzz-event-{n}",
                               venue_city=HIDDEN, start_date=now.date() + 10 * day, **kind)
        factories.NewsItemFactory(title=f"{HIDDEN} news {n}", summary=f"{HIDDEN} summary", slug=f"fuzz-news-{n}", **kind)


def public_addresses(client):
    """Every page the sitemap lists, every surface a record is found on, and the rest of the site."""
    sections = [loc.text for loc in ElementTree.fromstring(client.get("/sitemap.xml").content).iter(f"{SITEMAP}loc")]
    addresses = {
        loc.text.removeprefix("http://testserver")
        for section in sections
        for loc in ElementTree.fromstring(client.get(section).content).iter(f"{SITEMAP}loc")
    }
    for model, surfaces in ((Event, EVENT_SURFACES), (NewsItem, NEWS_SURFACES)):
        record = model.objects.published().order_by("pk").first()
        word = record.title.split()[-1]
        addresses |= {address.format(url=record.get_absolute_url(), slug=record.slug, word=word) for address in surfaces.values()}
    addresses |= {f"/en/{kind}/fuzz-{kind.rstrip('s')}-{n}/" for kind in ("events", "news") for n in range(5)}  # hidden
    addresses |= {"/", "/robots.txt", "/sitemap.xml", "/en/about/", "/events/", "/news/", "/en/events/calendar.ics",
                  "/en/budget/budget.csv", "/ru/events/export.csv", "/ru/news/export.json", "/en/countries/AL/",
                  "/api/v1/openapi.json", "/healthz", "/static/css/site.css"}
    return sorted(addresses)


def mangled(rng, path):
    """`path`, now and then bent out of shape."""
    if rng.random() < 0.75:
        return path
    return rng.choice([
        path.rstrip("/"), path + "x" * 300 + "/", path.upper(), path + "%00/", path.replace("/en/", "/xx/"),
        path.replace("/en/", "//en//"), path + "%ff/", path + "..%2f..%2f/",
    ])


def hostile_query(rng):
    if rng.random() < 0.1:
        return rng.choice(RAW_QUERIES)
    pairs = []
    for _ in range(rng.randint(0, 6)):
        key = rng.choice(KEYS) if rng.random() < 0.9 else rng.choice(VALUES)
        pairs += [(key, rng.choice(VALUES))] * (rng.randint(2, 5) if rng.random() < 0.15 else 1)
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


def hostile_request(rng, addresses, searchable):
    """(method, address, META): one generated request, half of them to where filters are read."""
    method = rng.choice(METHODS)
    path = mangled(rng, rng.choice(searchable if rng.random() < 0.5 else addresses))
    query = hostile_query(rng)
    meta = {name: rng.choice(values) for name, values in HEADERS.items() if rng.random() < 0.2}
    if rng.random() < 0.1:
        meta["HTTP_HOST"] = rng.choice(HOSTS)
    if method in ("POST", "PUT", "PATCH") and rng.random() < 0.2:
        meta["CONTENT_LENGTH"] = rng.choice(["abc", "-1", str(10**12)])
    return method, f"{path}?{query}" if query else path, meta


def body(response):
    """The whole answer, read as the server sends it (a stream to its end, which closes it), unzipped."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return gzip.decompress(content) if response.get("Content-Encoding") == "gzip" and content else content


@pytest.fixture(scope="module")
def answers(django_db_setup, django_db_blocker, tmp_path_factory):
    """[(method, address, META, status, body, traceback or None)] of the generated requests,
    answered on the seed content in a transaction rolled back afterwards."""
    rng = random.Random(SEED)
    results = []
    with seed_site_for_module(django_db_blocker, tmp_path_factory):
        hidden_records()
        client = Client(raise_request_exception=True)
        addresses = public_addresses(client)
        searchable = [address for address in addresses if "?" not in address and address.endswith(SEARCHABLE)]
        for _ in range(REQUESTS):
            method, address, meta = hostile_request(rng, addresses, searchable)
            try:
                with transaction.atomic():  # a failure's aborted statement rolls back alone
                    response = client.generic(method, address, b"title=x", "application/x-www-form-urlencoded", **meta)
                    results.append((method, address, meta, response.status_code, body(response), None))
            except Exception:
                results.append((method, address, meta, 500, b"", traceback.format_exc()))
    return results


def described(method, address, meta):
    return f"{method} {address[:300]!r} {({k: v[:80] for k, v in meta.items()})}"


def test_no_hostile_request_gets_a_server_error(answers):
    errors = [f"{described(*a[:3])} -> {a[3]}\n{a[5] or ''}" for a in answers if a[3] >= 500]
    assert errors == [], "\n\n".join(errors)


def test_no_answer_shows_anything_of_a_hidden_record(answers):
    leaks = [described(*a[:3]) for a in answers if HIDDEN.encode() in a[4] or HIDDEN.lower().encode() in a[4]]
    assert leaks == []


def test_the_requests_reach_the_content(answers):
    """The generator is not so hostile that nothing is served: a part of the answers are pages."""
    assert len(answers) == REQUESTS
    statuses = [a[3] for a in answers]
    assert statuses.count(200) > REQUESTS // 4 and {400, 404, 405} <= set(statuses)
