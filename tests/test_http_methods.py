"""What public pages answer to each method (website/http_methods.py): GET and HEAD served,
OPTIONS an Allow and no body, anything else the site's 405 page; HEAD on a download reads no row,
as gunicorn serves it (through the WSGI handler, which the test client's stripping would hide)."""

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client, RequestFactory

from activities import views as event_views
from tests import factories
from tests.markup import by_id, headings, hrefs, parse

pytestmark = pytest.mark.django_db
ALLOW = {"GET", "HEAD", "OPTIONS"}


@pytest.fixture
def event():
    factories.BudgetFactory(department=factories.DepartmentFactory())
    return factories.EventFactory(title="Workshop on border security", slug="border-security")


@pytest.fixture
def rows_read(monkeypatch):
    """How many export rows the event downloads have written so far."""
    calls = []
    real = event_views.export_record
    monkeypatch.setattr(event_views, "export_record", lambda *args: calls.append(1) or real(*args))
    return calls


PUBLIC = [
    "/en/", "/ru/events/", "/en/events/border-security/", "/en/events/export.csv?type=workshop",
    "/en/events/export.json?type=workshop", "/en/events/calendar.ics", "/en/news/", "/en/news/feed/",
    "/en/countries/", "/en/budget/budget.csv", "/sitemap.xml", "/robots.txt",
]


def allowed(response):
    return {method.strip() for method in response["Allow"].split(",")}


@pytest.mark.parametrize("url", PUBLIC)
def test_options_says_what_is_allowed_and_runs_nothing(client, event, rows_read, url):
    response = client.options(url)
    assert response.status_code == 200 and allowed(response) == ALLOW
    assert not response.streaming and response.content == b""
    assert rows_read == []


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"])
@pytest.mark.parametrize("url", PUBLIC)
def test_other_methods_get_the_405_page(event, rows_read, method, url):
    client = Client(enforce_csrf_checks=True)  # as a browser without a token: a 403 before
    response = client.generic(method, url, "title=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 405 and allowed(response) == ALLOW
    assert response["Content-Type"] == "text/html; charset=utf-8"
    document = parse(response)  # the site's layout: its skip link to the main content, and a heading
    assert "#main" in hrefs(document) and by_id(document, "main") is not None and len(headings(document, "h1")) == 1
    assert rows_read == []


def test_the_405_page_is_in_the_language_of_the_address(client, event):
    english, russian = client.post("/en/events/"), client.post("/ru/events/")
    assert english.status_code == russian.status_code == 405
    assert (parse(russian).get("lang"), parse(english).get("lang")) == ("ru", "en") and russian.content != english.content


@pytest.mark.parametrize("url", ["/en/no-such-page/", "/en/events/no-such-event/x/"])
def test_an_unknown_address_is_still_not_found_whatever_the_method(client, url):
    assert client.post(url).status_code == 404
    assert client.options(url).status_code == 404


def test_the_back_office_still_takes_its_forms(client, superuser):
    superuser.set_password("pass-word-1")
    superuser.save()
    response = client.post("/admin/login/", {"username": "root", "password": "pass-word-1"})
    assert response.status_code == 302  # signed in, not refused


@pytest.mark.parametrize("url", PUBLIC)
def test_head_answers_like_get_without_a_body(client, event, url):
    head, get = client.head(url), client.get(url)
    if get.streaming:
        b"".join(get.streaming_content)  # read to the end, the stream closes: a download's slot is given back
    assert head.status_code == get.status_code == 200
    assert head["Content-Type"] == get["Content-Type"]


def served_as_gunicorn_does(method, url):
    """(status line, body) of `url` through Django's WSGI handler, its result iterated to the
    end as gunicorn iterates it, HEAD or not (gunicorn only drops what it is given)."""
    environ = RequestFactory().generic(method, url).environ
    started = []
    # As the test client does: the test's transaction must not be closed at the request's end.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        result = WSGIHandler()(environ, lambda status, headers, exc_info=None: started.append(status))
        try:
            body = b"".join(result)
        finally:
            result.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return started[0], body


@pytest.mark.parametrize("url", ["/en/events/export.csv?type=workshop", "/en/events/export.json?type=workshop"])
def test_head_on_a_download_reads_no_row(event, rows_read, url):
    status, body = served_as_gunicorn_does("HEAD", url)
    assert status.startswith("200") and body == b"" and rows_read == []
    status, body = served_as_gunicorn_does("GET", url)
    assert status.startswith("200") and b"Workshop on border security" in body and rows_read == [1]
