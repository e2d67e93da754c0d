"""The organisation's public pages as a visitor sees them: home, about, department, unit,
theme, country and OSCE structure pages and their indexes; drafts never shown; unknown
addresses 404; and the cost in queries whatever the amount of content."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisation.models import Budget, Country
from portal.views import COUNTRY_GROUPS
from publishing.models import Status
from tests import factories
from tests.markup import by_id, classes, headings, hrefs, main, parse, sections, text_of, with_class

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


def content_of(client, url):
    """The main content of the page at `url`, parsed."""
    return main(parse(page(client, url)))


def item_titles(element):
    return [text_of(title) for title in with_class(element, "item__title")]


def test_home_says_what_tntd_is_with_its_key_figures_events_news_and_themes(client, content):
    html = page(client, "/en/")
    home = main(parse(html))
    parts = sections(home)
    assert headings(home, "h1") == ["Transnational Threats Department"]
    about = parts["about-the-department"]
    assert "TNTD supports the OSCE." in text_of(about) and "/en/departments/tntd/" in hrefs(about)
    assert "2017" in text_of(by_id(about, "key-figures"))  # the latest year's
    (figures,) = with_class(about, "figures", "dl")
    unified, pledges, staff = [text_of(figure) for figure in figures.iter("dd")]
    assert (unified, pledges) == ("EUR 2,955,500", "EUR 2,221,361")
    assert re.findall(r"\d+", staff) == ["33", "6"]  # the staff, and those under extrabudgetary projects
    assert item_titles(parts["upcoming-events"]) == ["Next month's training"]
    assert item_titles(parts["latest-news"]) == ["Cryptocurrency peer exchange"]
    assert "/en/themes/policing/" in hrefs(parts["what-we-do"])
    # The older year's figures are not the key figures.
    assert "EUR 2,500,000" not in html


def test_home_counts_and_lists_only_published_content(client, content):
    home = content_of(client, "/en/")
    (hero,) = with_class(home, "hero", "section")
    counted = {link.get("href"): re.findall(r"\d+", text_of(link)) for link in hero.iter("a")}
    assert counted == {reverse("event_list"): ["3"], reverse("news_list"): ["1"]}
    assert item_titles(sections(home)["upcoming-events"]) == ["Next month's training"]  # not the past exchange
    assert "recent-events" not in sections(home)  # past events only when none is coming (tests/test_first_screen.py)


def test_home_without_any_content_yet(client):
    home = content_of(client, "/en/")
    parts = sections(home)
    for section in ("upcoming-events", "latest-news"):  # each says it has nothing yet, rather than list nothing
        empty = with_class(parts[section], "empty")
        assert not item_titles(parts[section]) and empty and all(text_of(said) for said in empty)
    assert by_id(home, "key-figures") is None and not with_class(home, "figures")


def test_about_leads_to_the_department_page(client, department):
    response = client.get("/en/about/")
    assert response.status_code == 302 and response["Location"] == "/en/departments/tntd/"


def test_about_without_a_department_is_a_404_not_an_error(client):
    assert client.get("/en/about/").status_code == 404


def test_department_page_shows_its_head_units_in_order_links_and_budgets(client, content):
    content = content_of(client, "/en/departments/tntd/")
    for text in ("Rasa Ostrauskaite", "Co-ordinator of Activities to Address Transnational Threats", "EUR 2,955,500",
                 "EUR 2,500,000"):
        assert text in text_of(content), text
    links = hrefs(content)
    assert "https://www.osce.org/secretariat/policing" in links
    assert links.index("/en/units/cell/") < links.index("/en/units/spmu/")  # display order, not name


def test_unit_page_lists_its_events_and_the_news_about_them(client, content):
    document = parse(page(client, "/en/units/spmu/"))
    parts = sections(main(document))
    assert item_titles(parts["unit-events"]) == ["Peer exchange in Tirana"]  # not the seminar, organised by no unit
    assert item_titles(parts["unit-news"]) == ["Cryptocurrency peer exchange"]
    assert {"/en/events/?unit=spmu", "/en/themes/policing/"} <= set(hrefs(main(document)))
    (breadcrumbs,) = [nav for nav in document.iter("nav") if "breadcrumbs" in " ".join(classes(nav))]
    assert "/en/departments/tntd/" in hrefs(breadcrumbs)


def test_unit_page_shows_the_latest_six_and_links_to_all_of_them(client, content):
    for n in range(7):
        factories.EventFactory(title=f"Unit course {n}", units=[content["unit"]], start_date=datetime.date(2010, 1, n + 1))
    events = sections(content_of(client, "/en/units/spmu/"))["unit-events"]
    assert len(with_class(events, "item--event", "article")) == 6
    (everything,) = with_class(events, "more", "a")
    assert everything.get("href") == "/en/events/?unit=spmu" and re.findall(r"\d+", text_of(everything)) == ["8"]


def test_theme_index_counts_only_published_events_and_news(client, content):
    content = content_of(client, "/en/themes/")
    (card,) = [card for card in content.iter("li") if "/en/themes/policing/" in hrefs(card)]
    (counts,) = with_class(card, "cards__meta")
    assert re.findall(r"\d+", text_of(counts)) == ["2", "1"]  # events, then news items


def test_theme_page_lists_everything_published_on_the_theme(client, content):
    content = content_of(client, "/en/themes/policing/")
    assert [text_of(body) for body in with_class(content, "body", "div")] == ["Police development and reform."]
    parts = sections(content)
    assert set(item_titles(parts["topic-events"])) == {"Peer exchange in Tirana", "Next month's training"}
    assert item_titles(parts["topic-news"]) == ["Cryptocurrency peer exchange"]
    links = hrefs(content)
    assert "/en/units/spmu/" in links  # the unit working on it
    assert {"/en/events/?theme=policing", "/en/news/?theme=policing"} <= set(links)


def test_country_page_matches_the_venue_and_the_countries_taking_part(client, content):
    content = content_of(client, "/en/countries/al/")
    parts = sections(content)
    assert set(item_titles(parts["topic-events"])) == {"Peer exchange in Tirana", "Seminar with Albania taking part"}
    assert item_titles(parts["topic-news"]) == ["Cryptocurrency peer exchange"]
    links = hrefs(content)
    assert {"/en/structures/presence-in-albania/", "/en/events/?country=al", "/en/news/?country=al"} <= set(links)


def test_an_event_both_held_in_and_attended_by_a_country_is_listed_once(client, content):
    factories.EventFactory(title="Held and attended", venue_country=country("RS"), countries=[country("RS")])
    assert item_titles(sections(content_of(client, "/en/countries/rs/"))["topic-events"]).count("Held and attended") == 1


def test_country_address_is_lower_case_and_anything_else_is_a_404(client, content):
    redirect = client.get("/en/countries/AL/")
    assert redirect.status_code == 301 and redirect["Location"] == "/en/countries/al/"
    for url in ("/en/countries/zz/", "/en/countries/ZZ/", "/en/countries/alb/", "/en/countries/a1/", "/en/countries/%00%00/",
                "/en/countries/%C3%A9a/"):
        assert client.get(url).status_code == 404, url


def test_country_index_groups_countries_with_published_content(client, content):
    factories.EventFactory(venue_country=country("AF"))
    factories.EventFactory(status=Status.DRAFT, venue_country=country("MT"))
    content = content_of(client, "/en/countries/")
    groups, heading = {}, None  # {heading: the countries listed under it}, in the page's order
    for element in content:
        if element.tag == "h2":
            heading = text_of(element)
        elif element.tag == "ul" and "tags" in classes(element):
            groups[heading] = hrefs(element)
    headings_of = dict(COUNTRY_GROUPS)
    states, partners = str(headings_of[country("AL").osce_status]), str(headings_of[country("AF").osce_status])
    assert "/en/countries/al/" in groups[states] and "/en/countries/af/" in groups[partners]
    assert list(groups).index(states) < list(groups).index(partners)
    assert "/en/countries/mt/" not in hrefs(content)  # only a draft


def test_structure_page(client, content):
    content = content_of(client, "/en/structures/presence-in-albania/")
    parts = sections(content)
    assert item_titles(parts["topic-events"]) == ["Peer exchange in Tirana"]
    assert item_titles(parts["topic-news"]) == ["Cryptocurrency peer exchange"]
    assert {"/en/countries/al/", "/en/events/?structure=presence-in-albania"} <= set(hrefs(content))


@pytest.mark.parametrize("url", ["/en/departments/nope/", "/en/units/nope/", "/en/themes/nope/", "/en/structures/nope/"])
def test_unknown_slugs_are_404_in_the_site_design(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert with_class(parse(response), "site-header", "header")


@pytest.mark.parametrize(
    "url, current, section",
    [
        ("/en/", "home", None),
        ("/en/budget/", "budget", None),
        ("/en/themes/", "theme_list", None),
        ("/en/themes/policing/", None, "theme_list"),
        ("/en/countries/al/", None, "country_list"),
        ("/en/structures/presence-in-albania/", None, "country_list"),
        ("/en/departments/", None, "about"),
        ("/en/departments/tntd/", None, "about"),
        ("/en/units/", None, "about"),
        ("/en/units/spmu/", None, "about"),
        ("/en/events/tirana/", None, "event_list"),
    ],
)
def test_the_main_navigation_marks_the_current_page_or_section(client, content, url, current, section):
    (nav,) = with_class(parse(page(client, url)), "main-nav", "nav")
    marked = {link.get("aria-current"): link.get("href") for link in nav.iter("a") if link.get("aria-current")}
    expected = {"page": current and reverse(current), "true": section and reverse(section)}
    assert marked == {mark: href for mark, href in expected.items() if href}


def test_an_uploaded_photo_is_shown_and_left_to_the_proxy_to_serve(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    png = factories.png_bytes()
    event = factories.EventFactory(slug="with-photo", photo=SimpleUploadedFile("p.png", png, content_type="image/png"),
                                   photo_alt="Border officers at work", photo_credit="OSCE/Daler Khamidov")
    article = content_of(client, "/en/events/with-photo/").find(".//article")
    (photo,) = article.iter("img")
    assert (photo.get("src"), photo.get("alt")) == (event.photo_src, "Border officers at work")
    assert "OSCE/Daler Khamidov" in text_of(article.find(".//figure"))  # the credit, with the photo
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
