"""The organisation's public pages, the budget, the sitemap, robots.txt and error pages."""

import csv
import datetime
import io
from decimal import Decimal

import html5lib
import pytest
from defusedxml import ElementTree
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext

from tests import factories
from tntd.models import Country
from tntd.publishing import Status

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def department():
    department = factories.DepartmentFactory(
        name="Transnational Threats Department", acronym="TNTD", slug="tntd", head_name="Rasa Ostrauskaite",
        head_title="Co-ordinator of Activities to Address Transnational Threats", description="TNTD supports the OSCE.",
    )
    factories.BudgetFactory(department=department, year=2017, unified_budget=Decimal("2955500.00"),
                            extrabudgetary_pledges=Decimal("2221361.00"), staff_total=33, staff_extrabudgetary=6)
    factories.BudgetFactory(department=department, year=2016, unified_budget=Decimal("2500000.00"),
                            extrabudgetary_pledges=Decimal("1000000.00"), staff_total=30, staff_extrabudgetary=4)
    factories.DepartmentLinkFactory(department=department, label="Policing", url="https://www.osce.org/secretariat/policing")
    return department


@pytest.fixture
def content(department):
    policing = factories.ThemeFactory(name="Policing", slug="policing", description="Police development and reform.")
    unit = factories.UnitFactory(department=department, name="Strategic Police Matters Unit", slug="spmu", themes=[policing])
    albania = Country.objects.get(code="AL")
    presence = factories.OsceStructureFactory(name="OSCE Presence in Albania", slug="presence-in-albania", country=albania)
    past = factories.EventFactory(title="Peer exchange in Tirana", slug="tirana", venue_country=albania, themes=[policing],
                                  units=[unit], structures=[presence], start_date=datetime.date(2024, 12, 16))
    factories.EventFactory(title="Seminar with Albania taking part", slug="seminar", countries=[albania],
                           start_date=datetime.date(2017, 9, 1))
    factories.EventFactory(title="Next month's training", slug="upcoming", themes=[policing],
                           start_date=datetime.date.today() + datetime.timedelta(days=20))
    factories.EventFactory(title="Hidden draft event", slug="hidden", status=Status.DRAFT, venue_country=albania,
                           themes=[policing], units=[unit], structures=[presence])
    factories.NewsItemFactory(title="Cryptocurrency peer exchange", slug="crypto", countries=[albania],
                              structures=[presence], themes=[policing], related_events=[past])
    factories.NewsItemFactory(title="Hidden draft news", slug="hidden-news", status=Status.DRAFT, countries=[albania],
                              themes=[policing], structures=[presence], related_events=[past])
    return {"unit": unit, "theme": policing, "presence": presence}


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "Hidden draft" not in response.text, url
    return response.text


def test_home_shows_the_department_key_figures_events_news_and_themes(client, content):
    html = page(client, "/")
    for text in ("Transnational Threats Department", "Key figures, 2017", "€2,955,500", "€2,221,361",
                 "33", "including 6 under extrabudgetary projects", "Next month&#x27;s training",
                 "Peer exchange in Tirana", "Cryptocurrency peer exchange", 'href="/themes/policing/"'):
        assert text in html, text


def test_department_page(client, content):
    html = page(client, "/departments/tntd/")
    for text in ("Rasa Ostrauskaite", "Co-ordinator of Activities to Address Transnational Threats",
                 'href="/units/spmu/"', 'href="https://www.osce.org/secretariat/policing"', "€2,955,500", "2016"):
        assert text in html, text


def test_unit_page_lists_its_events_and_their_news(client, content):
    html = page(client, "/units/spmu/")
    assert "Peer exchange in Tirana" in html and "Cryptocurrency peer exchange" in html
    assert 'href="/events/?unit=spmu"' in html and 'href="/themes/policing/"' in html


def test_theme_page_lists_everything_published_on_the_theme(client, content):
    html = page(client, "/themes/policing/")
    assert "Police development and reform." in html
    assert "Peer exchange in Tirana" in html and "Next month&#x27;s training" in html
    assert "Cryptocurrency peer exchange" in html
    assert 'href="/events/?theme=policing">All 2 events' in html


def test_country_page_matches_venue_and_participation_and_is_canonical_in_lower_case(client, content):
    html = page(client, "/countries/al/")
    assert "Peer exchange in Tirana" in html and "Seminar with Albania taking part" in html
    assert "Cryptocurrency peer exchange" in html and "OSCE Presence in Albania" in html
    redirect = client.get("/countries/AL/")
    assert redirect.status_code == 301 and redirect["Location"] == "/countries/al/"
    assert client.get("/countries/zz/").status_code == 404


def test_country_index_lists_only_countries_with_published_content(client, content):
    html = page(client, "/countries/")
    assert 'href="/countries/al/"' in html
    assert 'href="/countries/mt/"' not in html


def test_structure_page(client, content):
    html = page(client, "/structures/presence-in-albania/")
    assert "Peer exchange in Tirana" in html and "Cryptocurrency peer exchange" in html


@pytest.mark.parametrize("url", ["/departments/nope/", "/units/nope/", "/themes/nope/", "/structures/nope/"])
def test_unknown_pages_are_404_in_the_site_design(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.text and 'class="site-header"' in response.text


def test_budget_table_chart_and_csv_agree(client, department):
    html = page(client, "/budget/")
    assert html.index("<th scope=\"row\">2016</th>") < html.index("<th scope=\"row\">2017</th>")
    assert "€2,955,500" in html and "€2,221,361" in html
    svg = ElementTree.fromstring(html[html.index("<svg"): html.index("</svg>") + 6])
    assert svg.get("role") == "img"
    bars = {(rect.get("data-year"), rect.get("class").split("--")[1]): Decimal(rect.get("data-amount"))
            for rect in svg.iter(f"{SVG}rect")}
    assert bars == {
        ("2016", "unified_budget"): Decimal("2500000.00"), ("2016", "extrabudgetary_pledges"): Decimal("1000000.00"),
        ("2017", "unified_budget"): Decimal("2955500.00"), ("2017", "extrabudgetary_pledges"): Decimal("2221361.00"),
    }
    heights = {key: float(rect.get("height")) for key, rect in
               (((r.get("data-year"), r.get("class").split("--")[1]), r) for r in svg.iter(f"{SVG}rect"))}
    assert heights[("2017", "unified_budget")] > heights[("2016", "unified_budget")] > heights[("2016", "extrabudgetary_pledges")]

    response = client.get("/budget/budget.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["year"], r["unified_budget_eur"], r["staff"], r["staff_extrabudgetary"]) for r in rows] == [
        ("2016", "2500000.00", "30", "4"), ("2017", "2955500.00", "33", "6"),
    ]


def test_sitemap_lists_published_pages_and_no_drafts(client, content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = {loc.text for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")}
    paths = {url.split("testserver", 1)[1] for url in urls}
    assert {"/", "/events/", "/news/", "/budget/", "/events/tirana/", "/news/crypto/", "/countries/al/",
            "/themes/policing/", "/units/spmu/", "/departments/tntd/", "/structures/presence-in-albania/"} <= paths
    assert "/events/hidden/" not in paths and "/news/hidden-news/" not in paths
    assert "/countries/mt/" not in paths


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert f"Disallow: /{settings.ADMIN_URL}" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_the_500_page_renders_without_context_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = get_template("500.html").render({})
    assert "Something went wrong" in html and 'lang="en"' in html


def test_every_page_has_one_h1_a_language_and_a_skip_link_target_and_parses_cleanly(client, content):
    for url in ("/", "/events/", "/news/", "/budget/", "/themes/", "/countries/", "/countries/al/", "/themes/policing/",
                "/units/spmu/", "/departments/tntd/", "/events/tirana/", "/news/crypto/"):
        html = page(client, url)
        assert html.count("<h1") == 1, url
        assert '<html lang="en">' in html and 'href="#main"' in html and 'id="main"' in html, url
        assert "style=" not in html and "<script>" not in html, url  # the CSP forbids inline style and script
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(html)
        assert parser.errors == [], (url, parser.errors[:3])


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/", "/countries/al/", "/themes/policing/", "/units/spmu/", "/structures/presence-in-albania/"])
def test_pages_cost_the_same_number_of_queries_whatever_the_content(client, content, url):
    def more(count):
        albania = Country.objects.get(code="AL")
        for _ in range(count):
            event = factories.EventFactory(venue_country=albania, countries=[albania], themes=[content["theme"]],
                                           units=[content["unit"]], structures=[content["presence"]])
            factories.NewsItemFactory(countries=[albania], themes=[content["theme"]], structures=[content["presence"]],
                                      related_events=[event])

    more(2)
    small = count_queries(client, url)
    more(20)
    assert count_queries(client, url) == small


def test_an_uploaded_photo_is_shown_and_served(client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
        "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
    event = factories.EventFactory(slug="with-photo", photo=SimpleUploadedFile("p.png", png, content_type="image/png"),
                                   photo_caption="Border officers at work", photo_credit="OSCE/Daler Khamidov")
    html = page(client, "/events/with-photo/")
    assert f'src="{event.photo.url}" alt="Border officers at work"' in html
    assert "(OSCE/Daler Khamidov)" in html
    response = client.get(event.photo.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == png
