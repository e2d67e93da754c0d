"""/news/ as a visitor uses it: filters, facet counts, detail pages and drafts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsItem
from tests import factories
from tntd.models import Country
from tntd.publishing import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    tntd = factories.OsceStructureFactory(name="Transnational Threats Department", slug="tntd")
    presence = factories.OsceStructureFactory(name="OSCE Presence in Albania", slug="presence-in-albania")
    policing = factories.ThemeFactory(name="Policing", slug="policing")
    terrorism = factories.ThemeFactory(name="Countering terrorism", slug="countering-terrorism")
    uz, al = Country.objects.get(code="UZ"), Country.objects.get(code="AL")
    factories.NewsItemFactory(slug="crypto", title="Peer exchange on cryptocurrency money laundering",
                              structures=[presence, tntd], countries=[al], published_on=datetime.date(2024, 12, 16))
    factories.NewsItemFactory(slug="evidence", title="Requesting electronic evidence across borders",
                              structures=[tntd], themes=[terrorism], countries=[uz], published_on=datetime.date(2024, 12, 12))
    factories.NewsItemFactory(slug="cybercrime", title="Regional workshop on cybercrime", structures=[tntd],
                              themes=[policing], countries=[uz], published_on=datetime.date(2024, 12, 12))
    factories.NewsItemFactory(slug="young-experts", title="Pool of Young Experts trained", content_type="",
                              published_on=datetime.date(2024, 12, 13), body="Twenty-seven members met in Vienna.")
    factories.NewsItemFactory(slug="draft", title="Draft about cybercrime in Uzbekistan", status=Status.DRAFT,
                              structures=[tntd], themes=[policing], countries=[uz])


def slugs(response):
    assert response.status_code == 200
    return [item.slug for item in response.context["news_items"]]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ["crypto", "young-experts", "cybercrime", "evidence"]),
        ({"structure": "presence-in-albania"}, ["crypto"]),
        ({"structure": "tntd", "theme": "policing"}, ["cybercrime"]),
        ({"country": "uz"}, ["cybercrime", "evidence"]),
        ({"type": "news"}, ["crypto", "cybercrime", "evidence"]),
        ({"from": "2024-12-13"}, ["crypto", "young-experts"]),
        ({"to": "2024-12-12"}, ["cybercrime", "evidence"]),
        ({"q": "cybercrime"}, ["cybercrime"]),
        ({"q": "Vienna"}, ["young-experts"]),
        ({"sort": "title"}, ["crypto", "young-experts", "cybercrime", "evidence"]),
    ],
)
def test_news_filters(client, newsroom, params, expected):
    assert slugs(client.get("/news/", params)) == expected


def test_news_facets_count_what_each_choice_would_give(client, newsroom):
    response = client.get("/news/", {"country": "uz"})
    facets = {f.name: {o.value: o.count for o in f.options} for f in response.context["facets"]}
    assert facets["structure"] == {"tntd": 2}
    assert facets["theme"] == {"policing": 1, "countering-terrorism": 1}
    assert facets["country"] == {"AL": 1, "UZ": 2}
    assert facets["type"] == {"news": 2}


def test_news_bad_input_is_reported_not_an_error(client, newsroom):
    response = client.get("/news/", {"country": "xx", "from": "yesterday", "page": "9x"})
    assert response.status_code == 200
    notes = " ".join(response.context["notes"])
    assert "Country: “xx” was ignored" in notes and "From: “yesterday” was ignored" in notes
    assert client.get("/news/", {"page": 50}).status_code == 404


def test_news_detail_shows_its_taxonomy_and_published_related_events(client, newsroom):
    item = NewsItem.objects.get(slug="crypto")
    item.related_events.set([
        factories.EventFactory(title="Peer exchange in Tirana", slug="tirana-peer-exchange"),
        factories.EventFactory(title="Unpublished event", status=Status.DRAFT),
    ])
    response = client.get("/news/crypto/")
    assert response.status_code == 200
    for text in ("16 December 2024", "OSCE Presence in Albania", "Albania", "Peer exchange in Tirana"):
        assert text in response.text
    assert "Unpublished event" not in response.text


def test_news_drafts_are_hidden_from_the_public_and_previewable_by_staff(client, superuser, newsroom):
    assert "Draft about" not in client.get("/news/", {"q": "cybercrime"}).text
    assert client.get("/news/draft/").status_code == 404
    client.force_login(superuser)
    assert "Only staff can see this page" in client.get("/news/draft/").text


def test_the_news_list_costs_the_same_for_5_and_60_items(client):
    def make(count):
        countries = list(Country.objects.order_by("code")[:3])
        for _ in range(count):
            factories.NewsItemFactory(countries=countries, themes=[factories.ThemeFactory()],
                                      structures=[factories.OsceStructureFactory()])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/news/", {"country": "ad"}).status_code == 200
        return len(captured)

    make(5)
    small = queries()
    make(55)
    assert queries() == small
