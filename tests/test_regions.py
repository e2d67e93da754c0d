"""Regions (organisation.models.Region): the OSCE's groupings of countries as filters on both finders,
with their own pages. On PostgreSQL the finders read the search indexes; test_search_index.py
checks that they find and count by region as the records do, also after a region changes."""

import csv
import io

import pytest

from activities.models import Event
from organisation.models import Country, Region
from tests import factories
from tests.markup import headings, hrefs, link_texts, main, parse, sections, text_of, with_class
from tests.test_events_finder import assert_noted, facet_counts, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def slugs(response):
    return {event.slug for event in response.context["results"]}


def test_the_osce_regions_are_shipped_with_their_countries():
    assert list(Region.objects.values_list("name", flat=True)) == [
        "South-Eastern Europe", "Eastern Europe", "South Caucasus", "Central Asia",
        "Mediterranean Partners for Co-operation", "Asian Partners for Co-operation",
    ]
    central_asia = Region.objects.get(slug="central-asia")
    assert sorted(central_asia.countries.values_list("code", flat=True)) == ["KG", "KZ", "TJ", "TM", "UZ"]
    partners = Region.objects.get(slug="mediterranean-partners").countries.all()
    assert {country.partner_group for country in partners} == {Country.PartnerGroup.MEDITERRANEAN}


def test_choosing_a_region_finds_events_held_in_or_involving_any_of_its_countries(client, world):  # noqa: F811
    response = client.get("/en/events/", {"region": "central-asia"})
    assert slugs(response) == {"tashkent", "financing", "new-year", "future"}
    # Each event once per region, however many of the region's countries it involves
    # (Tashkent's workshop: held in Uzbekistan, with Kazakhstan and Kyrgyzstan taking part).
    assert facet_counts(response, "region") == {"central-asia": 4, "south-eastern-europe": 2}
    assert response.context["headline"].startswith("Events in Central Asia")
    both = client.get("/en/events/", {"region": ["central-asia", "south-eastern-europe"], "theme": "policing"})
    assert slugs(both) == {"tashkent", "financing"}


def test_a_region_combines_with_the_other_filters_and_has_a_chip(client, world):  # noqa: F811
    response = client.get("/en/events/", {"region": "central-asia", "type": "training_course"})
    assert slugs(response) == {"financing", "new-year", "future"}
    chips = {chip.label: chip.remove_url for chip in response.context["chips"]}
    assert "Region: Central Asia" in chips
    without = client.get("/en/events/" + chips["Region: Central Asia"])
    assert slugs(without) == set(Event.objects.published().filter(event_type="training_course").values_list("slug", flat=True))


def test_feeds_calendars_and_downloads_follow_the_region(client, world):  # noqa: F811
    download = client.get("/en/events/export.csv", {"region": "south-eastern-europe"})
    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert {row["title"] for row in rows} == {"Crisis management exercise in Tirana", "Seminar with Albanian experts"}
    feed = client.get("/en/events/feed/", {"region": "south-eastern-europe"}).content.decode()
    assert "Seminar with Albanian experts" in feed and "Workshop on electronic evidence" not in feed


def test_an_unknown_region_is_reported_not_an_error(client, world):  # noqa: F811
    assert_noted(client.get("/en/events/", {"region": "atlantis"}), {}, {"region": ["atlantis"]}, "“atlantis”")


def test_news_are_found_by_region(client):
    in_tashkent = factories.NewsItemFactory(title="Workshop in Tashkent", countries=[Country.objects.get(code="UZ")])
    factories.NewsItemFactory(title="Seminar in Tirana", countries=[Country.objects.get(code="AL")])
    response = client.get("/en/news/", {"region": "central-asia"})
    assert [item.title for item in response.context["results"]] == [in_tashkent.title]


def test_a_region_page_lists_its_countries_events_and_news_and_links_to_the_finder(client, world):  # noqa: F811
    factories.NewsItemFactory(title="Workshop in Tashkent", countries=[Country.objects.get(code="UZ")])
    page = client.get("/en/regions/central-asia/")
    assert page.status_code == 200
    content = main(parse(page))
    assert headings(content, "h1") == ["Central Asia"]
    links = link_texts(content)
    for name, code in (("Kazakhstan", "kz"), ("Kyrgyzstan", "kg"), ("Tajikistan", "tj"), ("Turkmenistan", "tm"),
                       ("Uzbekistan", "uz")):
        assert links[name] == f"/en/countries/{code}/"
    parts = sections(content)
    events = [text_of(title) for title in with_class(parts["topic-events"], "item__title")]
    assert "Workshop on electronic evidence" in events and "Crisis management exercise in Tirana" not in events
    assert [text_of(title) for title in with_class(parts["topic-news"], "item__title")] == ["Workshop in Tashkent"]
    assert "/en/events/?region=central-asia" in hrefs(content)


def test_a_country_page_names_its_region_and_the_country_index_lists_the_regions(client, world):  # noqa: F811
    assert link_texts(main(parse(client.get("/en/countries/uz/"))))["Central Asia"] == "/en/regions/central-asia/"
    assert link_texts(main(parse(client.get("/en/countries/"))))["South Caucasus"] == "/en/regions/south-caucasus/"


def test_regions_are_in_the_sitemap(client):
    assert "/en/regions/central-asia/" in client.get("/sitemap-regions-en.xml").text
