"""/events/ as a visitor uses it: every filter alone and combined, facet counts, sorting,
pagination, bad input, drafts, and the cost in queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import DatePrecision, Event
from tests import factories
from tntd.models import Country
from tntd.publishing import Status

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def country(code):
    return Country.objects.get(code=code)


@pytest.fixture
def world():
    """Five published events and one draft, spread over the filters."""
    policing = factories.ThemeFactory(name="Policing", slug="policing")
    terrorism = factories.ThemeFactory(name="Countering terrorism", slug="countering-terrorism")
    spmu = factories.UnitFactory(name="Strategic Police Matters Unit", slug="spmu")
    atu = factories.UnitFactory(name="Action against Terrorism Unit", slug="atu")
    presence = factories.OsceStructureFactory(name="OSCE Presence in Albania", slug="presence-in-albania")
    unodc = factories.PartnerOrganisationFactory(name="UNODC", slug="unodc")
    events = {
        "tirana": factories.EventFactory(
            title="Crisis management exercise in Tirana", slug="tirana", event_type=Event.Type.EXERCISE,
            venue_city="Tirana", venue_country=country("AL"), themes=[terrorism], units=[atu],
            start_date=datetime.date(2017, 1, 1), date_precision=DatePrecision.YEAR, structures=[presence],
        ),
        "tashkent": factories.EventFactory(
            title="Workshop on electronic evidence", slug="tashkent", event_type=Event.Type.WORKSHOP,
            venue_city="Tashkent", venue_country=country("UZ"), countries=[country("KZ"), country("KG")],
            themes=[policing], units=[spmu], start_date=datetime.date(2024, 12, 5), end_date=datetime.date(2024, 12, 6),
            body="Police officers and prosecutors working on cybercrime.",
        ),
        "financing": factories.EventFactory(
            title="Courses on countering terrorist financing", slug="financing", event_type=Event.Type.TRAINING_COURSE,
            countries=[country("KG"), country("KZ")], themes=[terrorism, policing], units=[atu], partners=[unodc],
            start_date=datetime.date(2017, 1, 1), date_precision=DatePrecision.YEAR,
        ),
        "albanian-experts": factories.EventFactory(
            title="Seminar with Albanian experts", slug="albanian-experts", event_type=Event.Type.SEMINAR,
            venue_country=country("RS"), countries=[country("AL")], themes=[terrorism],
            start_date=datetime.date(2017, 9, 1), date_precision=DatePrecision.MONTH,
        ),
        "future": factories.EventFactory(
            title="Upcoming training for border guards", slug="future", event_type=Event.Type.TRAINING_COURSE,
            venue_country=country("AT"), start_date=TODAY + datetime.timedelta(days=30), summary="Vienna course.",
        ),
    }
    factories.EventFactory(
        title="Draft exercise in Tirana", slug="draft", status=Status.DRAFT, event_type=Event.Type.EXERCISE,
        venue_country=country("AL"), themes=[terrorism, policing], units=[atu], start_date=datetime.date(2017, 5, 1),
        summary="Secret terrorist financing plans",
    )
    return events


def slugs(response):
    return [event.slug for event in response.context["events"]]


def get(client, **params):
    response = client.get("/events/", params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, {"tirana", "tashkent", "financing", "albanian-experts", "future"}),
        ({"country": "al"}, {"tirana", "albanian-experts"}),  # venue or taking part
        ({"country": "AL"}, {"tirana", "albanian-experts"}),
        ({"country": ["kg", "uz"]}, {"tashkent", "financing"}),
        ({"theme": "policing"}, {"tashkent", "financing"}),
        ({"unit": "atu"}, {"tirana", "financing"}),
        ({"type": "training_course"}, {"financing", "future"}),
        ({"type": ["exercise", "seminar"]}, {"tirana", "albanian-experts"}),
        ({"structure": "presence-in-albania"}, {"tirana"}),
        ({"partner": "unodc"}, {"financing"}),
        ({"year": "2017"}, {"tirana", "financing", "albanian-experts"}),
        ({"date_from": "2017-09-15", "date_to": "2017-10-01"}, {"tirana", "financing", "albanian-experts"}),
        ({"date_from": "2024-12-06", "date_to": "2024-12-31"}, {"tashkent"}),
        ({"date_to": "2016-12-31"}, set()),
        ({"when": "upcoming"}, {"future"}),
        ({"when": "past"}, {"tirana", "tashkent", "financing", "albanian-experts"}),
        ({"q": "Tashkent"}, {"tashkent"}),  # venue city
        ({"q": "prosecutors"}, {"tashkent"}),  # body
        ({"q": "Vienna"}, {"future"}),  # summary
        ({"q": "financing"}, {"financing"}),  # title; the draft also says it, and stays hidden
        ({"country": "kz", "theme": "countering-terrorism"}, {"financing"}),
        ({"country": "al", "type": "exercise", "year": "2017"}, {"tirana"}),
        ({"theme": "policing", "when": "upcoming"}, set()),
    ],
)
def test_each_filter_alone_and_combined(client, world, params, expected):
    response = get(client, **params)
    assert set(slugs(response)) == expected
    assert response.context["page_obj"].paginator.count == len(expected)


def test_full_text_search_stems_words_on_postgresql(client, world):
    if connection.vendor != "postgresql":
        pytest.skip("stemming is a PostgreSQL full-text feature")
    assert slugs(get(client, q="exercises")) == ["tirana"]


def facet_counts(response, name):
    facet = next(f for f in response.context["facets"] if f.name == name)
    return {option.value: option.count for option in facet.options}


def test_facet_counts_combine_with_the_other_filters(client, world):
    response = get(client, theme="countering-terrorism")
    # Countries: each event counted once per country it is held in or involves.
    assert facet_counts(response, "country") == {"AL": 2, "KG": 1, "KZ": 1, "RS": 1}
    assert facet_counts(response, "type") == {"exercise": 1, "training_course": 1, "seminar": 1}
    assert facet_counts(response, "unit") == {"atu": 2}
    # The theme facet ignores the theme filter itself: what each theme would give.
    assert facet_counts(response, "theme") == {"countering-terrorism": 3, "policing": 2}


def test_facet_counts_with_no_filters_match_the_published_events(client, world):
    response = get(client)
    published = Event.objects.published()
    assert facet_counts(response, "type") == {
        t: published.filter(event_type=t).count() for t in published.values_list("event_type", flat=True)
    }
    assert facet_counts(response, "country")["AL"] == 2
    assert facet_counts(response, "country")["KZ"] == 2
    assert facet_counts(response, "theme") == {"countering-terrorism": 3, "policing": 2}


def test_a_selected_choice_stays_listed_even_with_no_results(client, world):
    response = get(client, country="mt")
    assert facet_counts(response, "country")["MT"] == 0
    assert 'value="MT" id="f-country-' in response.text and "checked" in response.text


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("-date", ["future", "tashkent", "albanian-experts", "financing", "tirana"]),
        ("date", ["financing", "tirana", "albanian-experts", "tashkent", "future"]),
        ("title", ["financing", "tirana", "albanian-experts", "future", "tashkent"]),
    ],
)
def test_sorting(client, world, sort, expected):
    assert slugs(get(client, sort=sort)) == expected


def test_default_order_is_newest_first(client, world):
    assert slugs(get(client))[0] == "future"


def test_chips_remove_one_filter_and_clear_all(client, world):
    response = get(client, country="al", theme="countering-terrorism")
    chips = {chip.label: chip.remove_url for chip in response.context["chips"]}
    assert chips == {"Country: Albania": "?theme=countering-terrorism", "Theme: Countering terrorism": "?country=al"}
    assert 'aria-label="Remove filter Country: Albania"' in response.text
    assert 'href="?">Clear all</a>' in response.text
    assert "<title>Events: Albania · Countering terrorism" in response.text


def test_pagination_keeps_the_filters(client):
    albania = country("AL")
    for n in range(25):
        factories.EventFactory(venue_country=albania, start_date=datetime.date(2017, 1, 1) + datetime.timedelta(days=n))
    factories.EventFactory(venue_country=country("RS"))
    first = get(client, country="al")
    assert len(first.context["events"]) == 20
    assert 'href="?country=al&amp;page=2" rel="next"' in first.text
    second = get(client, country="al", page=2)
    assert len(second.context["events"]) == 5
    assert 'href="?country=al&amp;page=1" rel="prev"' in second.text


def test_a_page_past_the_end_is_a_404_in_the_site_design(client, world):
    response = client.get("/events/", {"page": 9999})
    assert response.status_code == 404
    assert "results end on page 1" in response.text
    assert "Find an event" in response.text


@pytest.mark.parametrize(
    "params, message",
    [
        ({"country": "zz"}, "Country: “zz” was ignored"),
        ({"date_from": "2017-13-45"}, "From: “2017-13-45” was ignored (Enter a valid date)"),
        ({"year": "twenty"}, "Year: “twenty” was ignored"),
        ({"type": "party"}, "Type: “party” was ignored"),
        ({"q": "x" * 500}, "Keywords: “" + "x" * 40 + "” was ignored"),
        ({"q": "null\x00byte"}, "Keywords: “null\x00byte” was ignored"),
        ({"page": "abc"}, "“abc” is not a page number; showing page 1."),
        ({"colour": "blue"}, "Unknown filter “colour” ignored."),
        ({"sort": "price"}, "Sort by: “price” was ignored"),
        ({"when": "tomorrow"}, "When: “tomorrow” was ignored"),
    ],
)
def test_bad_input_is_ignored_with_a_clear_message(client, world, params, message):
    response = client.get("/events/", params)
    assert response.status_code == 200
    notes = " ".join(response.context["notes"])
    assert message.replace("\x00", "") in notes.replace("\x00", "")
    # Valid filters still apply; invalid ones are dropped from the links.
    assert response.context["page_obj"].paginator.count == 5


def test_valid_filters_apply_beside_an_invalid_one(client, world):
    response = get(client, country="zz", theme="policing")
    assert set(slugs(response)) == {"tashkent", "financing"}
    assert response.context["query"] == "?theme=policing"


def test_an_absurdly_long_query_string_is_ignored_not_an_error(client, world):
    response = client.get("/events/?" + "&".join(f"country=al{n}" for n in range(1000)))
    assert response.status_code == 200
    assert "too long to be a search" in " ".join(response.context["notes"])


def test_odd_query_strings_never_break_the_page(client, world):
    for query in ["country=%00", "theme=%C3%A9%E2%82%AC", "country=al&country=al", "q=%22unclosed", "q=a%20-b%20OR",
                  "page=-1", "page=0", "year=99999", "date_from=0000-00-00", "sort=", "q=" + "é" * 199]:
        assert client.get("/events/?" + query).status_code == 200, query


def test_drafts_are_never_counted_listed_or_searchable(client, world):
    response = get(client, country="al", theme="policing")
    assert slugs(response) == []
    assert facet_counts(response, "type") == {}
    assert "Draft exercise" not in get(client).text
    assert slugs(get(client, q="Secret")) == []


def test_draft_detail_is_a_404_for_the_public_and_a_preview_for_staff(client, superuser, world):
    assert client.get("/events/draft/").status_code == 404
    assert client.get("/events/draft/calendar.ics").status_code == 404
    client.force_login(superuser)
    preview = client.get("/events/draft/")
    assert preview.status_code == 200
    assert "Only staff can see this page until it is published." in preview.text


def test_event_detail_shows_dates_at_their_precision_and_related_news(client, world):
    published = factories.NewsItemFactory(title="Experts met in Belgrade", related_events=[world["albanian-experts"]])
    factories.NewsItemFactory(title="Unpublished story", status=Status.DRAFT, related_events=[world["albanian-experts"]])
    response = client.get("/events/albanian-experts/")
    assert response.status_code == 200
    assert "September 2017" in response.text
    assert "1 September" not in response.text  # no made-up day
    assert published.title in response.text and "Unpublished story" not in response.text
    assert 'href="/events/albanian-experts/calendar.ics"' in response.text
    assert '<meta property="og:type" content="article">' in response.text


def test_event_detail_shows_participants_with_women_and_men(client):
    factories.EventFactory(slug="pool", participants_total=27, participants_women=18, participants_men=9)
    assert "27 (18 women, 9 men)" in client.get("/events/pool/").text


def test_content_is_escaped(client):
    factories.EventFactory(slug="xss", title="<script>alert(1)</script>", summary="<b>bold</b>")
    response = client.get("/events/xss/")
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_list_page_advertises_feeds_with_the_current_filters(client, world):
    response = get(client, country="uz", type="training_course")
    assert 'type="application/atom+xml"' in response.text
    assert 'href="/events/feed/?country=uz&amp;type=training_course"' in response.text
    assert 'href="/events/calendar.ics?country=uz&amp;type=training_course"' in response.text
    assert 'href="/events/export.csv?country=uz&amp;type=training_course"' in response.text


def list_queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/events/", params).status_code == 200
    return len(queries)


def make_events(count):
    countries = list(Country.objects.order_by("code")[:3])
    themes = [factories.ThemeFactory() for _ in range(2)]
    unit = factories.UnitFactory()
    for _ in range(count):
        factories.EventFactory(venue_country=countries[0], countries=countries, themes=themes, units=[unit],
                               partners=[factories.PartnerOrganisationFactory()],
                               structures=[factories.OsceStructureFactory()])


@pytest.mark.parametrize("params", [{}, {"country": "ad", "theme": "theme-0", "q": "Event", "when": "past"}])
def test_the_list_costs_the_same_number_of_queries_for_5_and_60_events(client, params):
    make_events(5)
    small = list_queries(client, **params)
    make_events(55)
    assert list_queries(client, **params) == small
