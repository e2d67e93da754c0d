"""Each page in English and Russian at an address of its own (website/languages.py): /en/events/,
/ru/events/, with the filters' parameters unchanged; the first version's addresses answering
a permanent redirect to their English address; a switcher and hreflang links to the same page,
filters kept, in the other language; a sitemap section per language."""

import pytest
from defusedxml import ElementTree
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation

from organisation.models import Country
from tests import factories
from tests.markup import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return factories.EventFactory(slug="border-workshop", title="Border workshop", venue_country=Country.objects.get(code="AL"))


@pytest.mark.parametrize(("old", "new"), [
    ("/events/?country=AL&theme=policing&sort=title", "/en/events/?country=AL&theme=policing&sort=title"),
    ("/events/border-workshop/", "/en/events/border-workshop/"),
    ("/events/feed/", "/en/events/feed/"),
    ("/events/calendar.ics?country=AL", "/en/events/calendar.ics?country=AL"),
    ("/news/", "/en/news/"),
    ("/themes/", "/en/themes/"),
    ("/countries/al/", "/en/countries/al/"),
    ("/budget/budget.csv", "/en/budget/budget.csv"),
])
def test_the_first_versions_addresses_redirect_for_good_to_their_english_ones(client, event, old, new):
    # Whatever the browser prefers: a permanent redirect must not depend on who asks.
    response = client.get(old, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 301 and response["Location"] == new
    assert client.get(new).status_code == 200


def test_the_root_chooses_the_browsers_language_and_says_that_it_did(client):
    english = client.get("/")
    assert english.status_code == 302 and english["Location"] == "/en/"
    russian = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")
    assert russian.status_code == 302 and russian["Location"] == "/ru/"
    assert {"Accept-Language", "Cookie"} <= {value.strip() for value in russian["Vary"].split(",")}
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de")["Location"] == "/en/"  # a language the site has not


def test_each_language_is_its_own_page(client, event):
    english, russian = client.get("/en/events/"), client.get("/ru/events/")
    assert english["Content-Language"] == "en" and russian["Content-Language"] == "ru"
    assert parse(english).get("lang") == "en" and parse(russian).get("lang") == "ru"
    assert "Apply filters" in english.text and "Применить фильтры" in russian.text
    # The page cache keeps them apart: each language's page again, now from the cache.
    assert "Применить фильтры" in client.get("/ru/events/").text
    assert "Apply filters" in client.get("/en/events/").text


def test_a_language_the_site_does_not_have_is_not_found(client, event):
    assert client.get("/de/events/").status_code == 404


def test_the_switcher_links_to_the_same_search_in_the_other_language(client, event):
    response = client.get("/en/events/?country=AL&type=workshop&sort=title")
    switcher = parse(response).find(".//nav[@class='language-switcher']")
    links = [(a.get("hreflang"), a.get("lang"), a.get("href"), a.get("aria-current"), a.text) for a in switcher.iter("a")]
    assert links == [
        ("en", "en", "/en/events/?country=AL&type=workshop&sort=title", "true", "English"),
        ("ru", "ru", "/ru/events/?country=AL&type=workshop&sort=title", None, "Русский"),
    ]
    assert switcher.get("aria-label") == "Language"
    russian = parse(client.get("/ru/events/border-workshop/")).find(".//nav[@class='language-switcher']")
    assert russian.get("aria-label") == "Язык"
    assert [a.get("href") for a in russian.iter("a")] == ["/en/events/border-workshop/", "/ru/events/border-workshop/"]


def test_every_page_names_its_other_languages_and_its_own_canonical_address(client, event):
    head = parse(client.get("/ru/events/border-workshop/")).find("head")
    alternates = {link.get("hreflang"): link.get("href") for link in head.iter("link") if link.get("rel") == "alternate"}
    assert alternates == {
        "en": "http://testserver/en/events/border-workshop/",
        "ru": "http://testserver/ru/events/border-workshop/",
        "x-default": "http://testserver/en/events/border-workshop/",
    }
    (canonical,) = [link.get("href") for link in head.iter("link") if link.get("rel") == "canonical"]
    assert canonical == "http://testserver/ru/events/border-workshop/"


def test_the_main_navigation_marks_the_section_whatever_the_language(client, event):
    nav = parse(client.get("/ru/events/border-workshop/")).find(".//nav[@class='main-nav']")
    current = {a.get("href"): a.get("aria-current") for a in nav.iter("a") if a.get("aria-current")}
    assert current == {"/ru/events/": "true"}  # Events, not Home (/ru/ starts every address)


def test_the_sitemap_has_a_section_per_language(client, event):
    caches["default"].clear()
    index = locations(client.get("/sitemap.xml"))
    assert {"http://testserver/sitemap-events-en.xml", "http://testserver/sitemap-events-ru.xml"} <= set(index)
    russian = locations(client.get("/sitemap-events-ru.xml"))
    assert "http://testserver/ru/events/border-workshop/" in russian and not [url for url in russian if "/en/" in url]
    pages = locations(client.get("/sitemap-pages-en.xml"))
    assert "http://testserver/en/events/" in pages and not [url for url in pages if "/ru/" in url]
    # Nor in the other languages' addresses a page names (xhtml:link), if any.
    assert "/en/" not in client.get("/sitemap-events-ru.xml").content.decode()


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(response):
    """The addresses a sitemap (or a sitemap index) lists."""
    return [loc.text for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")]


@pytest.mark.parametrize("path", ["/robots.txt", "/healthz", "/api/v1/events/"])
def test_addresses_that_are_the_same_in_every_language_have_no_prefix(client, event, path):
    assert client.get(path).status_code == 200


def test_links_the_api_gives_are_english_whatever_the_browser(client, event):
    page = client.get("/api/v1/events/", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert page["results"][0]["url"].endswith("/en/events/border-workshop/")


def test_addresses_made_in_code_follow_the_language_of_the_page(event):
    with translation.override("ru"):
        assert reverse("event_list") == "/ru/events/" and event.get_absolute_url() == "/ru/events/border-workshop/"
    assert reverse("event_list") == "/en/events/"
