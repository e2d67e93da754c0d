"""sitemap.xml is an index of sections that together list every public page and never a
draft, each section split into pages of at most 10,000 URLs; robots.txt points crawlers at
the index and keeps them out of the admin."""

import datetime

import pytest
from defusedxml import ElementTree

from editorial import workflow
from editorial.policy import Operator
from organisation.models import Country, Region
from publishing.models import Status
from tests import factories
from website.sitemaps import ChangedPagesSitemap

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


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def index(client):
    """{address of a section's page: its lastmod or None}, as the index lists them."""
    entries = {}
    for sitemap in xml(client, "/sitemap.xml").iter(f"{SITEMAP}sitemap"):
        lastmod = sitemap.find(f"{SITEMAP}lastmod")
        entries[sitemap.find(f"{SITEMAP}loc").text] = lastmod.text if lastmod is not None else None
    return entries


def section(client, url):
    """{path: lastmod or None} of the pages one sitemap lists."""
    entries = {}
    for entry in xml(client, url).iter(f"{SITEMAP}url"):
        location = entry.find(f"{SITEMAP}loc").text
        assert location.startswith("http://testserver/")
        lastmod = entry.find(f"{SITEMAP}lastmod")
        path = location.removeprefix("http://testserver")
        assert path not in entries, f"{path} listed twice"
        entries[path] = lastmod.text if lastmod is not None else None
    return entries


def sitemap(client):
    """{path: lastmod or None} of every page the index leads a crawler to, each listed once."""
    entries = {}
    for url in index(client):
        listed = section(client, url)
        assert not set(listed) & set(entries), f"{url} repeats pages"
        entries.update(listed)
    return entries


def test_sitemap_lists_every_public_page_in_every_language(client, content):
    paths = set(sitemap(client))
    assert paths == {
        f"/{language}{path}"
        for language in ("en", "ru")
        for path in (
            "/", "/events/", "/news/", "/budget/", "/themes/", "/countries/", "/departments/", "/units/",
            "/events/tirana/", "/events/seminar/", "/news/crypto/", "/departments/tntd/", "/units/spmu/",
            "/themes/policing/", "/structures/presence-in-albania/", "/countries/al/", "/countries/kz/", "/countries/uz/",
            *(f"/regions/{region.slug}/" for region in Region.objects.all()),
        )
    }


def test_sitemap_is_an_index_of_sections_dated_by_their_latest_change(client, content):
    sections = index(client)
    assert set(sections) == {
        f"http://testserver/sitemap-{name}-{language}.xml"
        for language in ("en", "ru")
        for name in ("pages", "events", "news", "departments", "units", "themes", "structures", "countries", "regions")
    }
    around_now = {(datetime.date.today() + datetime.timedelta(days=d)).isoformat() for d in (-1, 0, 1)}
    assert sections["http://testserver/sitemap-events-ru.xml"][:10] in around_now
    assert sections["http://testserver/sitemap-pages-en.xml"] is None  # no date for the finders and indexes
    assert set(section(client, "http://testserver/sitemap-news-en.xml")) == {"/en/news/crypto/"}
    assert set(section(client, "http://testserver/sitemap-news-ru.xml")) == {"/ru/news/crypto/"}
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_section_longer_than_the_limit_is_split_into_pages_the_index_lists(client, content, monkeypatch):
    everything = set(sitemap(client))
    factories.EventFactory(slug="oldest", start_date=datetime.date(2001, 1, 1))
    monkeypatch.setattr(ChangedPagesSitemap, "limit", 2)  # 10,000 in production
    sections = list(index(client))
    assert [url for url in sections if "events" in url] == [
        "http://testserver/sitemap-events-en.xml", "http://testserver/sitemap-events-en.xml?p=2",
        "http://testserver/sitemap-events-ru.xml", "http://testserver/sitemap-events-ru.xml?p=2",
    ]
    assert len(section(client, "http://testserver/sitemap-events-en.xml")) == 2
    assert set(section(client, "http://testserver/sitemap-events-en.xml?p=2")) == {"/en/events/oldest/"}  # newest first
    assert "http://testserver/sitemap-departments-en.xml?p=2" not in sections  # one department: one page
    assert set(sitemap(client)) == everything | {"/en/events/oldest/", "/ru/events/oldest/"}  # each page once, no draft
    for page in ("3", "0", "x"):
        assert client.get("/sitemap-events-en.xml", {"p": page}).status_code == 404


def test_sitemap_never_lists_drafts_nor_countries_with_only_drafts(client, content):
    paths = set(sitemap(client))
    assert not {"/en/events/hidden/", "/en/events/hidden-2/", "/en/news/hidden-news/"} & paths
    assert not {"/en/countries/mt/", "/en/countries/rs/", "/en/countries/mc/"} & paths


def test_sitemap_gives_when_events_and_news_last_changed(client, content):
    entries = sitemap(client)
    around_now = {(datetime.date.today() + datetime.timedelta(days=d)).isoformat() for d in (-1, 0, 1)}
    assert entries["/en/events/tirana/"] in around_now and entries["/en/news/crypto/"] in around_now


def test_a_published_event_joins_the_sitemap_and_leaves_it_when_unpublished(client, content):
    event = factories.EventFactory(slug="later", status=Status.DRAFT)
    assert "/en/events/later/" not in sitemap(client)
    workflow.publish(event, Operator("tests"))
    assert "/en/events/later/" in sitemap(client)


def test_sitemap_costs_the_same_number_of_queries_whatever_the_content(
    client, content, django_assert_max_num_queries, django_assert_num_queries
):
    """The index: a count and a latest change per section. A section's page: a count and its rows."""
    with django_assert_max_num_queries(42) as captured:
        sections = index(client)
    for url in sections:
        # The countries' section finds which countries have content, from the archive's counts.
        with django_assert_max_num_queries(7 if "-countries-" in url else 3):  # with the content version
            section(client, url)
    for _ in range(10):
        factories.EventFactory(venue_country=Country.objects.get(code="AT"), countries=[Country.objects.get(code="DE")])
        factories.NewsItemFactory(countries=[Country.objects.get(code="FR")])
        factories.ThemeFactory()
    with django_assert_num_queries(len(captured)):
        index(client)
    with django_assert_num_queries(3) as events:
        assert len(section(client, "http://testserver/sitemap-events-ru.xml")) == 12
    assert "summary" not in events[-1]["sql"] and "body" not in events[-1]["sql"]  # only what a URL and its date need


def test_robots_txt_points_at_the_sitemap_index_and_keeps_crawlers_out_of_the_admin(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines == ["User-agent: *", f"Disallow: /{settings.ADMIN_URL}", "Sitemap: http://testserver/sitemap.xml"]


def test_robots_txt_follows_a_moved_admin(client, settings):
    settings.ADMIN_URL = "back-office-7f3a/"
    assert "Disallow: /back-office-7f3a/" in client.get("/robots.txt").text
