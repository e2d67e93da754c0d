"""/<lang>/departments/ and /<lang>/units/: the indexes of the department and its units, each
row with its published events and news counted, the units filterable by theme as the finders
are (bad input left out and said, never a 500), in the sitemap, reached from the department's
page and the footer, and costing the same number of queries whatever the content. (Served
again from the page cache: tests/test_caching.py.)"""

import datetime
from urllib.parse import parse_qsl, urlsplit

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisation.models import Country
from publishing.models import Status
from tests import factories
from tests.markup import text_of as text

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def organisation():
    """A department with a co-ordination cell and two thematic units on three themes; events and
    news of each kind the public must not see (draft, embargoed, ended) beside the public ones."""
    department = factories.DepartmentFactory(name="Transnational Threats Department", acronym="TNTD", slug="tntd",
                                             head_name="Rasa Ostrauskaite", head_title="Co-ordinator")
    policing = factories.ThemeFactory(name="Policing", slug="policing")
    borders = factories.ThemeFactory(name="Border security", slug="borders")
    cyber = factories.ThemeFactory(name="Cyber/ICT security", slug="cyber")
    factories.ThemeFactory(name="Economic activities", slug="economic")  # no unit works on it
    cell = factories.UnitFactory(department=department, name="Co-ordination Cell", slug="cell", display_order=1,
                                 kind="coordination_cell", themes=[cyber])
    spmu = factories.UnitFactory(department=department, name="Strategic Police Matters Unit", slug="spmu",
                                 display_order=2, themes=[policing, cyber])
    bsmu = factories.UnitFactory(department=department, name="Border Security and Management Unit", slug="bsmu",
                                 display_order=3, themes=[borders])
    now, day = timezone.now(), datetime.timedelta(days=1)
    tirana = factories.EventFactory(title="Peer exchange in Tirana", units=[spmu], start_date=datetime.date(2024, 12, 16))
    course = factories.EventFactory(title="Course", units=[spmu, bsmu], start_date=TODAY + 20 * day)
    factories.EventFactory(title="Organised by the department itself")  # no unit
    hidden = [
        factories.EventFactory(title="Hidden draft", status=Status.DRAFT, units=[spmu, cell]),
        factories.EventFactory(title="Hidden embargoed", publish_at=now + 3 * day, units=[spmu]),
        factories.EventFactory(title="Hidden ended", unpublish_at=now - day, units=[bsmu]),
    ]
    # News about the units' events: one about two of SPMU's events counts once for it.
    factories.NewsItemFactory(title="Tirana and the course", related_events=[tirana, course])
    factories.NewsItemFactory(title="About the course", related_events=[course])
    factories.NewsItemFactory(title="Hidden draft news", status=Status.DRAFT, related_events=[tirana])
    factories.NewsItemFactory(title="Hidden ended news", unpublish_at=now - day, related_events=[course])
    factories.NewsItemFactory(title="About a draft event", related_events=hidden[:1])  # public: counts for the cell
    factories.NewsItemFactory(title="News about nothing in particular")
    return {"department": department, "cell": cell, "spmu": spmu, "bsmu": bsmu}


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response


def parse(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def cards(response):
    """{link of each card's heading: the card}."""
    document = parse(response)
    return {card.find(".//h2/a").get("href"): card for card in document.findall(".//ul[@class='cards cards--wide']/li")}


# --- /units/ --------------------------------------------------------------------------------


def test_the_units_are_listed_in_their_order_with_their_public_events_and_news_counted(client, organisation):
    response = get(client, "/en/units/")
    units = response.context["units"]
    assert [unit.slug for unit in units] == ["cell", "spmu", "bsmu"]  # display order
    assert {unit.slug: (unit.event_count, unit.news_count) for unit in units} == {
        "cell": (0, 1),  # its only event is a draft; the news about it is public, as on the unit's page
        "spmu": (2, 3),  # Tirana and the course; the news about both counted once, and about the draft
        "bsmu": (1, 2),  # the course, and the two news items about it
    }
    assert list(cards(response)) == ["/en/units/cell/", "/en/units/spmu/", "/en/units/bsmu/"]
    for hidden in ("Hidden", "Organised by the department itself"):
        assert hidden not in response.text


def test_a_units_counts_are_those_of_its_own_page(client, organisation):
    listed = {unit.slug: unit for unit in get(client, "/en/units/").context["units"]}
    for slug in ("cell", "spmu", "bsmu"):
        page = get(client, f"/en/units/{slug}/").context
        assert listed[slug].event_count == page["event_count"] == len(page["events"])
        assert listed[slug].news_count == len(page["news_items"])


def test_each_unit_links_its_events_in_the_finder_and_its_themes(client, organisation):
    spmu = cards(get(client, "/en/units/"))["/en/units/spmu/"]
    links = [a.get("href") for a in spmu.iter("a")]
    assert "/en/events/?unit=spmu" in links
    assert {"/en/themes/policing/", "/en/themes/cyber/"} <= set(links)
    finder = get(client, "/en/events/?unit=spmu").context
    assert finder["page_obj"].paginator.count == 2  # the finder finds what the index counted


def test_the_coordination_cell_is_not_presented_as_one_of_the_units(client, organisation):
    listed = cards(get(client, "/en/units/"))
    kickers = {href: text(card.find(".//p[@class='detail__kicker']")) for href, card in listed.items()}
    assert kickers["/en/units/spmu/"] == kickers["/en/units/bsmu/"]
    assert kickers["/en/units/cell/"] != kickers["/en/units/spmu/"]
    assert "thematic" not in kickers["/en/units/cell/"].lower()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?theme=policing", ["spmu"]),
        ("?theme=cyber", ["cell", "spmu"]),
        ("?theme=cyber&theme=borders", ["cell", "spmu", "bsmu"]),  # any of them, each unit once
        ("?theme=cyber&theme=policing", ["cell", "spmu"]),
        ("?theme=economic", []),  # a theme no unit works on: none, said as such
    ],
)
def test_units_filtered_by_theme(client, organisation, query, expected):
    response = get(client, "/en/units/" + query)
    assert [unit.slug for unit in response.context["units"]] == expected
    assert response.context["notes"] == []
    document = parse(response)
    chosen = {box.get("value") for box in document.iter("input") if box.get("checked") is not None}
    assert chosen == set(query.removeprefix("?").replace("theme=", "").split("&")) - {"economic"}
    status = document.find(".//p[@id='result-count']")
    assert status is not None and status.get("role") == "status" and str(len(expected)) in text(status)
    # The language switcher keeps the filter.
    switcher = document.find(".//nav[@class='language-switcher']")
    russian = [a.get("href") for a in switcher.iter("a") if a.get("hreflang") == "ru"][0]
    assert russian.startswith("/ru/units/") and sorted(parse_qsl(urlsplit(russian).query)) == sorted(parse_qsl(query[1:]))


def test_the_theme_filter_offers_the_themes_some_unit_works_on_with_a_label_each(client, organisation):
    response = get(client, "/en/units/")
    options = response.context["theme_options"]
    assert {theme.slug: theme.unit_count for theme in options} == {"policing": 1, "borders": 1, "cyber": 2}
    document = parse(response)
    form = document.find(".//form[@method='get']")
    assert form.get("action") == "/en/units/" and form.find(".//fieldset/legend") is not None
    boxes = form.findall(".//input[@type='checkbox']")
    assert len(boxes) == 3
    labels = {label.get("for") for label in form.iter("label")}
    assert all(box.get("name") == "theme" and box.get("id") in labels for box in boxes)
    assert form.find(".//button[@type='submit']") is not None


@pytest.mark.parametrize(
    "query, listed",
    [
        ("?theme=no-such-theme", 3),
        ("?theme=policing&theme=no-such-theme", 1),  # one bad value: left out, the good one kept, and said
        ("?colour=blue", 3),
        ("?theme=%00", 3),
        ("?theme=" + "x" * 3000, 3),
        ("?theme=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 3),
    ],
)
def test_bad_filter_input_is_left_out_and_said_never_an_error(client, organisation, query, listed):
    response = get(client, "/en/units/" + query)
    assert len(response.context["units"]) == listed
    assert response.context["notes"]
    notice = parse(response).find(".//div[@class='notice']")
    assert notice is not None and notice.get("role") == "alert" and notice.findall(".//li")
    assert "<script>alert" not in response.text


def test_the_units_index_in_russian(client, organisation):
    response = get(client, "/ru/units/?theme=cyber")
    assert [unit.slug for unit in response.context["units"]] == ["cell", "spmu"]
    assert parse(response).get("lang") == "ru"
    assert "/ru/units/spmu/" in list(cards(response))


# --- /departments/ --------------------------------------------------------------------------


def test_the_departments_index_lists_the_department_with_its_units_head_and_counts(client, organisation):
    response = get(client, "/en/departments/")
    # Every public event and news item is the department's, with or without a unit.
    assert (response.context["event_count"], response.context["news_count"]) == (3, 4)
    card = cards(response)["/en/departments/tntd/"]
    links = [a.get("href") for a in card.iter("a")]
    assert links[1:4] == ["/en/units/cell/", "/en/units/spmu/", "/en/units/bsmu/"]  # in their order
    assert {"/en/events/", "/en/news/"} <= set(links)
    assert "Rasa Ostrauskaite" in text(card)
    assert "3" in text(card.find(".//p[@class='cards__meta']")) and "4" in text(card.find(".//p[@class='cards__meta']"))
    assert reverse("unit_list") in [a.get("href") for a in parse(response).iter("a")]
    assert "Hidden" not in response.text


def test_without_a_department_the_index_says_so(client):
    response = get(client, "/en/departments/")
    assert list(response.context["departments"]) == []
    assert get(client, "/en/units/").context["units"] == []


# --- where they are linked from ------------------------------------------------------------


def test_the_department_page_leads_to_both_indexes_and_every_page_to_them_from_its_footer(client, organisation):
    document = parse(get(client, "/en/departments/tntd/"))
    breadcrumbs = document.find(".//nav[@class='breadcrumbs']")
    assert [a.get("href") for a in breadcrumbs.iter("a")] == ["/en/departments/"]
    assert "/en/units/" in [a.get("href") for a in document.find(".//main").iter("a")]
    footer = parse(get(client, "/ru/"))
    assert {"/ru/departments/", "/ru/units/"} <= {a.get("href") for a in footer.find(".//footer").iter("a")}


@pytest.mark.parametrize("url", ["/en/departments/", "/en/units/", "/en/units/?theme=policing"])
def test_the_indexes_are_in_the_about_section_of_the_navigation(client, organisation, url):
    nav = parse(get(client, url)).find(".//nav[@class='main-nav']")
    current = [(a.get("href"), a.get("aria-current")) for a in nav.iter("a") if a.get("aria-current")]
    assert current == [("/en/about/", "true")]


def test_both_indexes_are_in_the_sitemap_in_every_language(client, organisation):
    listed = client.get("/sitemap-pages-en.xml").text + client.get("/sitemap-pages-ru.xml").text
    for path in ("/en/departments/", "/en/units/", "/ru/departments/", "/ru/units/"):
        assert f"<loc>http://testserver{path}</loc>" in listed, path


# --- cost ----------------------------------------------------------------------------------


def more_content(organisation, count):
    """`count` more units (each with a theme) and, for each, public and hidden events and news."""
    albania = Country.objects.get(code="AL")
    for _ in range(count):
        theme = factories.ThemeFactory()
        unit = factories.UnitFactory(department=organisation["department"], themes=[theme])
        event = factories.EventFactory(units=[unit, organisation["spmu"]], themes=[theme], venue_country=albania)
        factories.EventFactory(units=[unit], status=Status.DRAFT)
        factories.NewsItemFactory(related_events=[event], themes=[theme])
        factories.DepartmentFactory()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# The content version; the units; their news counts, grouped; the events' counts the database
# keeps; the units' themes; the filter's choices; a chosen theme, validated.
QUERY_BUDGETS = {
    "/en/units/": 6,
    "/en/units/?theme=policing": 7,
    # An unknown choice among others: each value checked alone (2), and the filter made again without it (1).
    "/en/units/?theme=policing&theme=nope": 10,
    "/en/departments/": 5,  # the version, the departments, their units, the events' and the news' counts
}


@pytest.mark.parametrize("url", QUERY_BUDGETS)
def test_the_indexes_cost_the_same_number_of_queries_whatever_the_content(client, organisation, url,
                                                                           django_assert_num_queries):
    small = queries(client, url)
    assert small <= QUERY_BUDGETS[url]
    more_content(organisation, 25)
    with django_assert_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200
    if url == "/en/units/":
        assert len(response.context["units"]) == 28
        assert {u.slug: u.event_count for u in response.context["units"]}["spmu"] == 27

