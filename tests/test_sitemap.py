"""sitemap.xml lists every public page and never a draft; robots.txt points crawlers at it
and keeps them out of the admin."""

import datetime

import pytest
from defusedxml import ElementTree

from tests import factories
from tntd.models import Country
from tntd.publishing import Status

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def content():
    department = factories.DepartmentFactory(slug="tntd")
    theme = factories.ThemeFactory(slug="policing")
    factories.UnitFactory(department=department, slug="spmu")
    factories.OsceStructureFactory(slug="presence-in-albania", country=Country.objects.get(code="AL"))
    factories.EventFactory(slug="tirana", venue_country=Country.objects.get(code="AL"), themes=[theme])
    factories.EventFactory(slug="seminar", countries=[Country.objects.get(code="KZ")])
    factories.NewsItemFactory(slug="crypto", countries=[Country.objects.get(code="UZ")])
    # Drafts, and the only content of Malta, Serbia and Monaco.
    factories.EventFactory(slug="hidden", status=Status.DRAFT, venue_country=Country.objects.get(code="MT"))
    factories.EventFactory(slug="hidden-2", status=Status.DRAFT, countries=[Country.objects.get(code="RS")])
    factories.NewsItemFactory(slug="hidden-news", status=Status.DRAFT, countries=[Country.objects.get(code="MC")])


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    entries = {}
    for url in ElementTree.fromstring(response.content).iter(f"{SITEMAP}url"):
        location = url.find(f"{SITEMAP}loc").text
        assert location.startswith("http://testserver/")
        lastmod = url.find(f"{SITEMAP}lastmod")
        entries[location.removeprefix("http://testserver")] = lastmod.text if lastmod is not None else None
    return entries


def test_sitemap_lists_every_public_page(client, content):
    paths = set(sitemap(client))
    assert paths == {
        "/", "/events/", "/news/", "/budget/", "/themes/", "/countries/",
        "/events/tirana/", "/events/seminar/", "/news/crypto/", "/departments/tntd/", "/units/spmu/",
        "/themes/policing/", "/structures/presence-in-albania/", "/countries/al/", "/countries/kz/", "/countries/uz/",
    }


def test_sitemap_never_lists_drafts_nor_countries_with_only_drafts(client, content):
    paths = set(sitemap(client))
    assert not {"/events/hidden/", "/events/hidden-2/", "/news/hidden-news/"} & paths
    assert not {"/countries/mt/", "/countries/rs/", "/countries/mc/"} & paths


def test_sitemap_gives_when_events_and_news_last_changed(client, content):
    entries = sitemap(client)
    around_now = {(datetime.date.today() + datetime.timedelta(days=d)).isoformat() for d in (-1, 0, 1)}
    assert entries["/events/tirana/"] in around_now and entries["/news/crypto/"] in around_now


def test_a_published_event_joins_the_sitemap_and_leaves_it_when_unpublished(client, content):
    event = factories.EventFactory(slug="later", status=Status.DRAFT)
    assert "/events/later/" not in sitemap(client)
    event.status = Status.PUBLISHED
    event.save()
    assert "/events/later/" in sitemap(client)


def test_sitemap_costs_the_same_number_of_queries_whatever_the_content(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(19) as captured:  # counted live: no published counts stored
        sitemap(client)
    for _ in range(10):
        factories.EventFactory(venue_country=Country.objects.get(code="AT"), countries=[Country.objects.get(code="DE")])
        factories.NewsItemFactory(countries=[Country.objects.get(code="FR")])
        factories.ThemeFactory()
    with django_assert_max_num_queries(len(captured)):
        sitemap(client)


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines == ["User-agent: *", f"Disallow: /{settings.ADMIN_URL}", "Sitemap: http://testserver/sitemap.xml"]


def test_robots_txt_follows_a_moved_admin(client, settings):
    settings.ADMIN_URL = "back-office-7f3a/"
    assert "Disallow: /back-office-7f3a/" in client.get("/robots.txt").text
