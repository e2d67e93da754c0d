"""The organisation's public pages as a visitor sees them: home, about, department, unit,
theme, country and OSCE structure pages and their indexes; drafts never shown; unknown
addresses 404; and the cost in queries whatever the amount of content."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.models import Budget, Country
from publishing.models import Status
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def country(code):
    return Country.objects.get(code=code)


@pytest.fixture
def department():
    department = factories.DepartmentFactory(
        name="Transnational Threats Department", acronym="TNTD", slug="tntd", head_name="Rasa Ostrauskaite",
        head_title="Co-ordinator of Activities to Address Transnational Threats", description="TNTD supports the OSCE.",
    )
    # Budget rows made directly: BudgetFactory's year sequence is shared by the whole test session
    # and must stay within the years the database accepts.
    Budget.objects.create(department=department, year=2017, unified_budget=Decimal("2955500.00"),
                          extrabudgetary_pledges=Decimal("2221361.00"), staff_total=33, staff_extrabudgetary=6)
    Budget.objects.create(department=department, year=2016, unified_budget=Decimal("2500000.00"),
                          extrabudgetary_pledges=Decimal("1000000.00"), staff_total=30, staff_extrabudgetary=4)
    factories.DepartmentLinkFactory(department=department, label="Policing", url="https://www.osce.org/secretariat/policing")
    return department


@pytest.fixture
def content(department):
    """Published events and news on one theme, unit, country and structure, and a draft of
    each tied to all of them (its title starts with "Hidden draft")."""
    policing = factories.ThemeFactory(name="Policing", slug="policing", description="Police development and reform.")
    unit = factories.UnitFactory(department=department, name="Strategic Police Matters Unit", slug="spmu",
                                 themes=[policing], display_order=2)
    factories.UnitFactory(department=department, name="Co-ordination Cell", slug="cell", display_order=1)
    albania = country("AL")
    presence = factories.OsceStructureFactory(name="OSCE Presence in Albania", slug="presence-in-albania", country=albania)
    past = factories.EventFactory(title="Peer exchange in Tirana", slug="tirana", venue_country=albania, themes=[policing],
                                  units=[unit], structures=[presence], start_date=datetime.date(2024, 12, 16))
    factories.EventFactory(title="Seminar with Albania taking part", slug="seminar", countries=[albania],
                           start_date=datetime.date(2017, 9, 1))
    factories.EventFactory(title="Next month's training", slug="upcoming", themes=[policing],
                           start_date=TODAY + datetime.timedelta(days=20))
    draft_event = factories.EventFactory(
        title="Hidden draft event", slug="hidden", status=Status.DRAFT, venue_country=albania, countries=[albania],
        themes=[policing], units=[unit], structures=[presence], start_date=TODAY + datetime.timedelta(days=5),
    )
    factories.NewsItemFactory(title="Cryptocurrency peer exchange", slug="crypto", countries=[albania],
                              structures=[presence], themes=[policing], related_events=[past])
    factories.NewsItemFactory(title="Hidden draft news", slug="hidden-news", status=Status.DRAFT, countries=[albania],
                              themes=[policing], structures=[presence], related_events=[past, draft_event])
    return {"unit": unit, "theme": policing, "presence": presence}


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "Hidden draft" not in response.text, url
    return response.text


def test_home_says_what_tntd_is_with_its_key_figures_events_news_and_themes(client, content):
    html = page(client, "/en/")
    for text in ("<h1", "Transnational Threats Department", "TNTD supports the OSCE.", 'href="/en/departments/tntd/"',
                 "Key figures, 2017", "EUR 2,955,500", "EUR 2,221,361", "<dd>33 <small>including 6 under extrabudgetary",
                 "Next month&#x27;s training", "Cryptocurrency peer exchange",
                 'href="/en/themes/policing/"'):
        assert text in html, text
    # The older year's figures are not the key figures.
    assert "EUR 2,500,000" not in html


def test_home_counts_and_lists_only_published_content(client, content):
    html = page(client, "/en/")
    assert ">3 events</a>" in html and ">1 news item</a>" in html
    upcoming = html[html.index('id="upcoming-events"'):html.index("</section>", html.index('id="upcoming-events"'))]
    assert "Next month&#x27;s training" in upcoming and "Peer exchange in Tirana" not in upcoming
    assert 'id="recent-events"' not in html  # past events only when none is coming (tests/test_first_screen.py)


def test_home_without_any_content_yet(client):
    html = page(client, "/en/")
    assert "No upcoming events are published at the moment." in html and "No news yet." in html
    assert "Key figures" not in html


def test_about_leads_to_the_department_page(client, department):
    response = client.get("/en/about/")
    assert response.status_code == 302 and response["Location"] == "/en/departments/tntd/"


def test_about_without_a_department_is_a_404_not_an_error(client):
    assert client.get("/en/about/").status_code == 404


def test_department_page_shows_its_head_units_in_order_links_and_budgets(client, content):
    html = page(client, "/en/departments/tntd/")
    for text in ("Rasa Ostrauskaite", "Co-ordinator of Activities to Address Transnational Threats",
                 'href="https://www.osce.org/secretariat/policing"', "EUR 2,955,500", "EUR 2,500,000"):
        assert text in html, text
    assert html.index('href="/en/units/cell/"') < html.index('href="/en/units/spmu/"')  # display order, not name


def test_unit_page_lists_its_events_and_the_news_about_them(client, content):
    html = page(client, "/en/units/spmu/")
    assert "Peer exchange in Tirana" in html and "Cryptocurrency peer exchange" in html
    assert "Seminar with Albania taking part" not in html  # organised by no unit
    assert 'href="/en/events/?unit=spmu"' in html and 'href="/en/themes/policing/"' in html
    assert 'href="/en/departments/tntd/"' in html  # breadcrumb


def test_unit_page_shows_the_latest_six_and_links_to_all_of_them(client, content):
    for n in range(7):
        factories.EventFactory(title=f"Unit course {n}", units=[content["unit"]], start_date=datetime.date(2010, 1, n + 1))
    html = page(client, "/en/units/spmu/")
    assert html.count('class="item item--event"') == 6
    assert "All 8 events of this unit" in html


def test_theme_index_counts_only_published_events_and_news(client, content):
    html = page(client, "/en/themes/")
    assert 'href="/en/themes/policing/"' in html
    assert "2 events · 1 news item" in html


def test_theme_page_lists_everything_published_on_the_theme(client, content):
    html = page(client, "/en/themes/policing/")
    assert "Police development and reform." in html
    assert "Peer exchange in Tirana" in html and "Next month&#x27;s training" in html
    assert "Cryptocurrency peer exchange" in html
    assert 'href="/en/units/spmu/"' in html  # the unit working on it
    assert 'href="/en/events/?theme=policing"' in html and 'href="/en/news/?theme=policing"' in html


def test_country_page_matches_the_venue_and_the_countries_taking_part(client, content):
    html = page(client, "/en/countries/al/")
    assert "Peer exchange in Tirana" in html and "Seminar with Albania taking part" in html
    assert "Cryptocurrency peer exchange" in html and 'href="/en/structures/presence-in-albania/"' in html
    assert 'href="/en/events/?country=al"' in html and 'href="/en/news/?country=al"' in html
    assert "Next month&#x27;s training" not in html


def test_an_event_both_held_in_and_attended_by_a_country_is_listed_once(client, content):
    factories.EventFactory(title="Held and attended", venue_country=country("RS"), countries=[country("RS")])
    html = page(client, "/en/countries/rs/")
    assert html.count("Held and attended</a>") == 1


def test_country_address_is_lower_case_and_anything_else_is_a_404(client, content):
    redirect = client.get("/en/countries/AL/")
    assert redirect.status_code == 301 and redirect["Location"] == "/en/countries/al/"
    for url in ("/en/countries/zz/", "/en/countries/ZZ/", "/en/countries/alb/", "/en/countries/a1/", "/en/countries/%00%00/",
                "/en/countries/%C3%A9a/"):
        assert client.get(url).status_code == 404, url


def test_country_index_groups_countries_with_published_content(client, content):
    factories.EventFactory(venue_country=country("AF"))
    factories.EventFactory(status=Status.DRAFT, venue_country=country("MT"))
    html = page(client, "/en/countries/")
    assert 'href="/en/countries/al/"' in html and 'href="/en/countries/af/"' in html
    assert 'href="/en/countries/mt/"' not in html  # only a draft
    states, partners = html.index("<h2>Participating States</h2>"), html.index("<h2>Partners for Co-operation</h2>")
    assert states < html.index('href="/en/countries/al/"', states) < partners < html.index('href="/en/countries/af/"', partners)


def test_structure_page(client, content):
    html = page(client, "/en/structures/presence-in-albania/")
    assert "Peer exchange in Tirana" in html and "Cryptocurrency peer exchange" in html
    assert 'href="/en/countries/al/"' in html and 'href="/en/events/?structure=presence-in-albania"' in html


@pytest.mark.parametrize("url", ["/en/departments/nope/", "/en/units/nope/", "/en/themes/nope/", "/en/structures/nope/"])
def test_unknown_slugs_are_404_in_the_site_design(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.text and 'class="site-header"' in response.text


@pytest.mark.parametrize(
    "url, current, section",
    [
        ("/en/", "Home", None),
        ("/en/budget/", "Budget", None),
        ("/en/themes/", "What we do", None),
        ("/en/themes/policing/", None, "What we do"),
        ("/en/countries/al/", None, "Countries"),
        ("/en/structures/presence-in-albania/", None, "Countries"),
        ("/en/departments/", None, "About"),
        ("/en/departments/tntd/", None, "About"),
        ("/en/units/", None, "About"),
        ("/en/units/spmu/", None, "About"),
        ("/en/events/tirana/", None, "Events"),
    ],
)
def test_the_main_navigation_marks_the_current_page_or_section(client, content, url, current, section):
    nav = page(client, url).split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'aria-current="page">([^<]+)<', nav) == ([current] if current else [])
    assert re.findall(r'aria-current="true">([^<]+)<', nav) == ([section] if section else [])


def test_an_uploaded_photo_is_shown_and_left_to_the_proxy_to_serve(client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    png = factories.png_bytes()
    event = factories.EventFactory(slug="with-photo", photo=SimpleUploadedFile("p.png", png, content_type="image/png"),
                                   photo_alt="Border officers at work", photo_credit="OSCE/Daler Khamidov")
    html = page(client, "/en/events/with-photo/")
    assert f'src="{event.photo_src}"' in html and 'alt="Border officers at work"' in html
    assert "(OSCE/Daler Khamidov)" in html
    # A rendition is written to the media volume, where the proxy serves it (docker/nginx.conf);
    # Django itself serves uploads only with DEBUG on (tntd/urls.py).
    rendition = tmp_path / event.photo_src.removeprefix(settings.MEDIA_URL)
    assert rendition.read_bytes().startswith(b"\xff\xd8")  # a JPEG
    assert client.get(event.photo_src).status_code == 404


# --- Queries ---------------------------------------------------------------------------------

# The most each page may cost, as measured on this fixture. A list of events costs one query
# (with its venue countries joined) and a list of news one, whatever its length: lists show no
# links. Each count over the archive reads the counts the database keeps (search.counts), one
# query per finder; a facet's options are named in one more (the themes, the countries). The
# first query of every public page reads the content version (website.caching).
QUERY_BUDGETS = {
    "/en/": 9,
    "/en/countries/al/": 8,  # with its regions
    "/en/themes/policing/": 7,
    "/en/units/spmu/": 6,
    "/en/structures/presence-in-albania/": 6,
    "/en/departments/tntd/": 5,
    "/en/themes/": 6,  # the themes, then their events and news counts, each named
    "/en/countries/": 7,  # the countries with events or news counted, then those countries, the regions
}


def add_content(content, count):
    albania = country("AL")
    for _ in range(count):
        event = factories.EventFactory(venue_country=albania, countries=[albania], themes=[content["theme"]],
                                       units=[content["unit"]], structures=[content["presence"]])
        factories.NewsItemFactory(countries=[albania], themes=[content["theme"]], structures=[content["presence"]],
                                  related_events=[event])
        factories.EventFactory(status=Status.DRAFT, venue_country=albania, themes=[content["theme"]])


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", QUERY_BUDGETS)
def test_pages_cost_the_same_number_of_queries_whatever_the_content(client, content, url,
                                                                     django_assert_max_num_queries):
    add_content(content, 2)
    small = queries(client, url)
    assert small <= QUERY_BUDGETS[url]
    add_content(content, 20)
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200
    assert queries(client, url) == small
