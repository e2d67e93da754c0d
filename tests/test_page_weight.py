"""What a visitor's connection pays for a page: gzipped HTML, the map's outlines shared."""

import gzip
import io

import pytest
from django.core.management import call_command
from django.templatetags.static import static

from tests.markup import parse

KB = 1024
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def seed_site(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_seed_content", stdout=io.StringIO())


def test_the_events_finder_is_at_most_40_kb_on_the_wire(client, seed_site):
    response = client.get("/en/events/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert len(response.content) <= 40 * KB
    document = parse(gzip.decompress(response.content).decode())
    # The map's shapes are one cached file, each country a <use> of it; none drawn in the page.
    shapes = [use.get("href") for use in document.iter(f"{SVG}use")]
    assert shapes and all(href.startswith(static("map/osce-shapes.svg") + "#") for href in shapes)
    assert not list(document.iter(f"{SVG}path"))


def test_pages_feeds_and_the_api_leave_gzipped(client, seed_site):
    for url in ("/en/", "/ru/events/?country=tj", "/en/news/", "/en/events/feed/", "/api/v1/events/"):
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200 and response["Content-Encoding"] == "gzip", url
        assert len(response.content) < len(gzip.decompress(response.content)) / 3, url


def test_a_client_that_does_not_accept_gzip_gets_the_page_as_it_is(client, seed_site):
    response = client.get("/en/events/")
    assert not response.has_header("Content-Encoding") and response.content.lower().startswith(b"<!doctype html>")

