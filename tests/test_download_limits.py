"""What a download may cost: the whole archive from a prepared file, live downloads within
per-process and per-client slots, filtered downloads bounded (finders/download_limits.py,
finders/prepared_downloads.py)."""

import csv
import datetime
import gzip
import io
import sys
import time

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from editorial import workflow
from editorial.policy import Operator
from finders import download_limits, prepared_downloads
from tests import factories
from tests.markup import hrefs, parse

WHOLE_ARCHIVE = ["/en/events/export.csv", "/en/events/export.json", "/en/events/calendar.ics", "/en/news/export.csv", "/en/news/export.json"]


@pytest.fixture
def events(db):
    return [factories.EventFactory(title=f"Workshop {n}") for n in range(3)]


def body(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def titles(response):
    return sorted(row["title"] for row in csv.DictReader(io.StringIO(body(response).decode())))


@pytest.fixture(autouse=True)
def no_download_under_way():
    """A response a test left unread is never closed, as a server would: its slot is given back here."""
    yield
    download_limits.process_streams.writing = 0


@pytest.fixture
def local_cache(settings):
    """A cache that counts, as production's does (the tests' own keeps nothing)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "downloads"}}
    yield
    caches["default"].clear()


@pytest.mark.parametrize("url", WHOLE_ARCHIVE)
def test_the_whole_archive_is_a_prepared_file_with_the_bytes_of_the_live_download(client, events, settings, url, django_assert_max_num_queries):
    settings.PREPARE_DOWNLOADS = "never"
    live = body(client.get(url))
    settings.PREPARE_DOWNLOADS = "now"
    first = client.get(url)
    assert first.get("Content-Length") and body(first) == live
    with django_assert_max_num_queries(2):  # the content version, for the ETag and the file's name
        again = client.get(url)
        assert body(again) == live


def test_a_record_taken_off_the_site_leaves_the_prepared_file_at_once(client, events):
    assert titles(client.get("/en/events/export.csv")) == ["Workshop 0", "Workshop 1", "Workshop 2"]
    workflow.unpublish(events[1], Operator("tests"))
    assert titles(client.get("/en/events/export.csv")) == ["Workshop 0", "Workshop 2"]
    files = [path for path in prepared_downloads.folder("/en/events/export.csv", "http://testserver").iterdir()]
    assert len(files) == 3  # the new file, gzipped and plain, and its headers: the old version's are gone


def test_a_missing_file_is_made_by_a_separate_process_while_this_request_is_written_live(client, events, settings, monkeypatch):
    settings.PREPARE_DOWNLOADS = "process"
    started = []
    monkeypatch.setattr(prepared_downloads, "_asked", {})
    monkeypatch.setattr(prepared_downloads.subprocess, "Popen", lambda command, **options: started.append(command) or FinishedProcess())
    assert titles(client.get("/en/events/export.csv")) == ["Workshop 0", "Workshop 1", "Workshop 2"]
    assert titles(client.get("/en/events/export.csv")) == ["Workshop 0", "Workshop 1", "Workshop 2"]
    assert started == [[sys.executable, str(settings.BASE_DIR / "manage.py"), "prepare_download", "/en/events/export.csv", "--origin", "http://testserver"]]


class FinishedProcess:
    def wait(self):
        return 0


def test_the_command_makes_a_file_the_site_then_serves(client, events, settings):
    settings.PREPARE_DOWNLOADS = "process"
    call_command("prepare_download", "/ru/news/export.json", "--origin", "http://testserver", stdout=io.StringIO())
    response = client.get("/ru/news/export.json")
    assert response.get("Content-Length") and response["Content-Type"] == "application/json"
    with pytest.raises(CommandError):
        call_command("prepare_download", "/en/events/", "--origin", "http://testserver")


def test_a_process_writes_one_live_download_at_a_time_and_keeps_its_other_threads_for_pages(client, events, settings):
    settings.PREPARE_DOWNLOADS = "never"
    settings.DOWNLOAD_STREAMS_PER_PROCESS = 1
    first = client.get("/en/events/export.csv?type=workshop")
    busy = Client(REMOTE_ADDR="10.0.0.2").get("/en/news/export.json?q=police")
    assert busy.status_code == 429 and int(busy["Retry-After"]) > 0
    assert client.get("/en/events/").status_code == 200  # pages are not downloads
    body(first)  # sent: the server then closes it
    assert Client(REMOTE_ADDR="10.0.0.2").get("/en/news/export.json?q=police").status_code == 200


def test_one_client_receives_at_most_its_share_of_downloads_at_once(events, settings, local_cache):
    settings.DOWNLOAD_STREAMS_PER_CLIENT = 1
    settings.DOWNLOAD_STREAMS_PER_PROCESS = 5
    greedy, other = Client(REMOTE_ADDR="10.0.0.3"), Client(REMOTE_ADDR="10.0.0.4")
    receiving = greedy.get("/en/events/export.csv")
    assert greedy.get("/en/events/export.json").status_code == 429
    assert other.get("/en/events/export.json").status_code == 200
    body(receiving)
    assert greedy.get("/en/events/export.json").status_code == 200


def test_a_selection_larger_than_a_download_may_hold_is_refused_with_the_way_to_the_whole_archive(client, events, settings):
    settings.DOWNLOAD_MAX_ROWS = 2
    refused = client.get("/en/events/export.csv?q=workshop")
    assert refused.status_code == 400 and not refused.streaming
    assert reverse("event_export_csv") in hrefs(parse(refused))  # the way to the whole archive
    assert client.get("/en/events/export.csv?q=workshop+1").status_code == 200
    assert titles(client.get("/en/events/export.csv")) == ["Workshop 0", "Workshop 1", "Workshop 2"]  # the archive, prepared
    page = client.get("/en/events/?q=workshop")
    assert page.context["downloadable"] is False
    assert not [href for href in hrefs(parse(page)) if href.startswith(reverse("event_export_csv") + "?")]


def test_a_refused_download_counts_against_no_slot(client, events, settings, local_cache):
    settings.DOWNLOAD_STREAMS_PER_CLIENT = 1
    settings.DOWNLOAD_STREAMS_PER_PROCESS = 1
    for _ in range(3):
        assert client.get("/en/events/export.csv?country=zz").status_code == 400
    assert download_limits.process_streams.writing == 0
    assert body(client.get("/en/events/export.csv?type=workshop"))



def test_the_prepared_file_leaves_gzipped_to_clients_that_accept_it(client, events):
    plain = body(client.get("/en/events/export.json"))
    packed = client.get("/en/events/export.json", headers={"Accept-Encoding": "gzip, br"})
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(body(packed)) == plain


def test_a_scheduled_publication_reaching_its_time_leaves_the_prepared_file_behind(client, events):
    factories.EventFactory(title="Workshop at its time", publish_at=timezone.now() + datetime.timedelta(seconds=1))
    assert titles(client.get("/en/events/export.csv")) == ["Workshop 0", "Workshop 1", "Workshop 2"]
    time.sleep(1.1)  # its time comes (by the clocks of both Python and the database)
    assert "Workshop at its time" in titles(client.get("/en/events/export.csv"))
