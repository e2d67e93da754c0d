"""/en/events/ as a visitor uses it: every filter alone and combined, facet counts, sorting,
chips, headlines, pagination, bad input, drafts, and the cost in queries."""

import datetime
import re

import html5lib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.templatetags.static import static
from django.urls import reverse

from activities.models import DatePrecision, Event
from finders.filtersets import is_control
from organisation.models import Country, Theme
from publishing.models import Status
from tests import factories
from tests.markup import by_id, canonical, classes, fields, headings, hrefs, main, meta, parse, text_of, with_class

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def country(code):
    return Country.objects.get(code=code)


@pytest.fixture
def world():
    """Six published events and one draft, spread over the filters."""
    policing = factories.ThemeFactory(name="Policing", slug="policing")
    terrorism = factories.ThemeFactory(name="Countering terrorism", slug="countering-terrorism")
    spmu = factories.UnitFactory(name="Strategic Police Matters Unit", slug="spmu")
    atu = factories.UnitFactory(name="Action against Terrorism Unit", slug="atu")
    presence = factories.OsceStructureFactory(name="OSCE Presence in Albania", slug="presence-in-albania")
    unodc = factories.PartnerOrganisationFactory(name="UNODC", acronym="", slug="unodc")
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
        "new-year": factories.EventFactory(
            title="Training over the new year", slug="new-year", event_type=Event.Type.TRAINING_COURSE,
            venue_city="Dushanbe", venue_country=country("TJ"), start_date=datetime.date(2024, 12, 30),
            end_date=datetime.date(2025, 1, 3),
        ),
        "future": factories.EventFactory(
            title="Upcoming training for border guards", slug="future", event_type=Event.Type.TRAINING_COURSE,
            venue_country=country("UZ"), start_date=TODAY + datetime.timedelta(days=30), summary="Vienna course.",
        ),
    }
    factories.EventFactory(
        title="Draft exercise in Tirana", slug="draft", status=Status.DRAFT, event_type=Event.Type.CONFERENCE,
        venue_country=country("MT"), countries=[country("AL")], themes=[terrorism, policing], units=[atu],
        start_date=datetime.date(2017, 5, 1), summary="Secret terrorist financing plans",
    )
    return events


ALL = {"tirana", "tashkent", "financing", "albanian-experts", "new-year", "future"}


def slugs(response):
    return [event.slug for event in response.context["results"]]


def alerts(response):
    """The texts of the notes in the page's alerts."""
    return [text_of(item) for alert in parse(response).iter() if alert.get("role") == "alert" for item in alert.iter("li")]


def pages(response):
    """{"prev", "next", "current": the address of each} of the page's pagination."""
    (nav,) = with_class(parse(response), "pagination", "nav")
    links = {link.get("rel") or ("current" if link.get("aria-current") == "page" else None): link.get("href")
             for link in nav.iter("a")}
    return {key: href for key, href in links.items() if key}


def get(client, **params):
    response = client.get("/en/events/", params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ALL),
        ({"country": "al"}, {"tirana", "albanian-experts"}),  # venue or taking part
        ({"country": "AL"}, {"tirana", "albanian-experts"}),
        ({"country": ["kg", "tj"]}, {"tashkent", "financing", "new-year"}),
        ({"country": ["al", "al"]}, {"tirana", "albanian-experts"}),
        ({"theme": "policing"}, {"tashkent", "financing"}),
        ({"theme": ["policing", "countering-terrorism"]}, {"tirana", "tashkent", "financing", "albanian-experts"}),
        ({"unit": "atu"}, {"tirana", "financing"}),
        ({"type": "training_course"}, {"financing", "new-year", "future"}),
        ({"type": ["exercise", "seminar"]}, {"tirana", "albanian-experts"}),
        ({"structure": "presence-in-albania"}, {"tirana"}),
        ({"partner": "unodc"}, {"financing"}),
        ({"year": "2017"}, {"tirana", "financing", "albanian-experts"}),
        ({"year": "2025"}, {"new-year"}),  # began in December 2024, still going on in January
        ({"from": "2017-09-15", "to": "2017-10-01"}, {"tirana", "financing", "albanian-experts"}),  # 2017, Sept. 2017
        ({"from": "2024-12-06", "to": "2024-12-06"}, {"tashkent"}),
        ({"from": "2025-01-02", "to": "2025-01-31"}, {"new-year"}),
        ({"to": "2016-12-31"}, set()),
        ({"when": "upcoming"}, {"future"}),
        ({"when": "past"}, ALL - {"future"}),
        ({"q": "Tashkent"}, {"tashkent"}),  # venue city
        ({"q": "prosecutors"}, {"tashkent"}),  # body
        ({"q": "Vienna"}, {"future"}),  # summary
        ({"q": "financing"}, {"financing"}),  # title; the draft also says it, and stays hidden
        ({"country": "kz", "theme": "countering-terrorism"}, {"financing"}),
        ({"country": "al", "type": "exercise", "year": "2017"}, {"tirana"}),
        ({"theme": "policing", "when": "upcoming"}, set()),
        ({"type": "training_course", "country": "uz", "when": "upcoming", "q": "border"}, {"future"}),
    ],
)
def test_each_filter_alone_and_combined(client, world, params, expected):
    response = get(client, **params)
    assert set(slugs(response)) == expected
    assert response.context["page_obj"].paginator.count == len(expected)
    document = parse(response)
    count = by_id(document, "result-count")
    if expected:
        assert [text_of(number) for number in count.iter("strong")] == [str(len(expected))]
    else:  # said once, with no map and no downloads
        assert "result-count--none" in classes(count) and text_of(count)
        assert not with_class(document, "event-map")
        assert not [href for href in hrefs(document) if reverse("event_export_csv") in href]


def test_full_text_search_stems_words(client, world):
    assert slugs(get(client, q="exercises")) == ["tirana"]
    assert set(slugs(get(client, q="training -border"))) == {"new-year"}  # web-search syntax


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


@pytest.mark.parametrize(
    "params", [{}, {"theme": "policing"}, {"country": "uz", "when": "past"}, {"type": "training_course", "year": "2017"}]
)
def test_each_facet_count_is_what_ticking_that_choice_alone_gives(client, world, params):
    """A facet's count for a choice is the number of results with that choice (and only it)
    in its facet, and the page's other filters."""
    response = get(client, **params)
    for name in ("country", "theme", "unit", "type", "structure", "partner"):
        for value, count in facet_counts(response, name).items():
            assert get(client, **{**params, name: value}).context["page_obj"].paginator.count == count, (name, value)


def test_choices_that_would_give_nothing_are_hidden_unless_selected(client, world):
    response = get(client, country="mt")
    assert facet_counts(response, "country")["MT"] == 0  # the draft is there, and does not count
    document = parse(response)
    assert [box.get("checked") is not None for box in fields(document, "country") if box.get("value") == "MT"] == [True]
    assert facet_counts(response, "theme") == {}
    assert not fields(document, "theme")  # a facet with nothing to choose is not shown


def test_a_facet_of_one_choice_is_shown_only_when_that_choice_is_ticked(client, world):
    facets = {facet.name: facet for facet in get(client, country="uz").context["facets"]}
    single = [name for name, facet in facets.items() if len(facet.options) == 1 and not facet.options[0].selected]
    assert single  # the fixture gives at least one
    document = parse(get(client, country="uz"))
    for name in single:
        assert not fields(document, name), name
    ticked = get(client, country="uz", **{single[0]: facets[single[0]].options[0].value})
    assert fields(parse(ticked), single[0])
    assert "conference" not in [box.get("value") for box in fields(parse(get(client)), "type")]  # only the draft is one


def test_facet_choices_show_their_counts_in_their_labels(client, world):
    document = parse(get(client))
    (albania,) = [box for box in fields(document, "country") if box.get("value") == "AL"]
    (label,) = [label for label in document.iter("label") if label.get("for") == albania.get("id")]
    (count,) = with_class(label, "count")
    assert text_of(label).startswith("Albania") and re.findall(r"\d+", text_of(count)) == ["2"]
    (spoken,) = with_class(count, "visually-hidden")  # what is counted, for a screen reader
    assert text_of(spoken) and text_of(count) == f"(2{spoken.text})"


def test_chosen_choices_come_first_in_their_facet(client, world):
    facets = get(client, country="uz").context["facets"]
    countries = [option.value for option in next(f for f in facets if f.name == "country").options]
    assert countries == ["UZ", "AL", "KZ", "KG", "RS", "TJ"]  # then by name: Albania, Kazakhstan...


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("-date", ["future", "new-year", "tashkent", "albanian-experts", "financing", "tirana"]),
        ("date", ["financing", "tirana", "albanian-experts", "tashkent", "new-year", "future"]),
        ("title", ["financing", "tirana", "albanian-experts", "new-year", "future", "tashkent"]),
    ],
)
def test_sorting(client, world, sort, expected):
    assert slugs(get(client, sort=sort)) == expected


def test_default_order_is_newest_first_and_an_invalid_sort_keeps_it(client, world):
    newest_first = slugs(get(client, sort="-date"))
    assert slugs(get(client)) == newest_first
    assert slugs(get(client, sort="price")) == newest_first


def test_chips_remove_one_value_and_clear_all(client, world):
    response = get(client, country="al", theme=["countering-terrorism", "policing"], sort="title")
    chips = {chip.label: chip.remove_url for chip in response.context["chips"]}
    assert chips == {
        "Country: Albania": "?theme=countering-terrorism&theme=policing&sort=title",
        "Theme: Countering terrorism": "?country=AL&theme=policing&sort=title",
        "Theme: Policing": "?country=AL&theme=countering-terrorism&sort=title",
    }
    document = parse(response)
    chip_links = {link.get("href"): link for link in with_class(document, "chip", "a")}
    assert set(chip_links) == set(chips.values())
    remove_albania = chip_links[chips["Country: Albania"]]
    assert "Country: Albania" in remove_albania.get("aria-label")  # each named for a screen reader by its filter
    assert len({link.get("aria-label") for link in chip_links.values()}) == 3
    assert [link.get("href") for link in with_class(document, "chips__clear", "a")] == [reverse("event_list")]
    # Following a chip's link removes that value only.
    assert set(slugs(client.get("/en/events/" + chips["Country: Albania"]))) == {
        "tirana", "tashkent", "financing", "albanian-experts",
    }


def test_the_last_chip_links_to_the_bare_list(client, world):
    (chip,) = get(client, year="2017").context["chips"]
    assert chip.remove_url == "/en/events/"


@pytest.mark.parametrize(
    "params, headline",
    [
        ({}, "Events"),
        ({"type": "training_course", "country": "uz"}, "Training courses in Uzbekistan"),
        ({"type": ["training_course", "workshop"], "when": "upcoming"}, "Upcoming training courses and workshops"),
        ({"theme": "policing", "country": ["kz", "kg"]}, "Events on Policing in Kazakhstan or Kyrgyzstan"),
        ({"unit": "atu", "year": "2017"}, "Events by Action against Terrorism Unit in 2017"),
        ({"partner": "unodc", "structure": "presence-in-albania"}, "Events with OSCE Presence in Albania with UNODC"),
        ({"from": "2017-03-01", "to": "2017-03-31"}, "Events from 1 March 2017 to 31 March 2017"),
        ({"to": "2017-03-31"}, "Events until 31 March 2017"),
        ({"q": "evidence", "when": "past"}, "Past events matching “evidence”"),
    ],
)
def test_title_and_heading_say_what_is_shown(client, world, params, headline):
    response = get(client, **params)
    assert response.context["headline"] == headline
    document = parse(response)
    assert headings(document, "h1") == [headline]
    title = headline if headline.startswith("Events") else f"{headline} — Events"
    assert text_of(document.find(".//title")) == f"{title} · OSCE Transnational Threats Department"


def test_title_headline_and_links_are_escaped(client, world):
    response = get(client, q='<script>"x"</script>')
    assert "<script>&quot;x&quot;" not in response.text and '<script>"x"' not in response.text
    document = parse(response)
    assert '<script>"x"</script>' in headings(document, "h1")[0]  # shown as text
    assert not [script for script in document.iter("script") if "x" in (script.text or "") and not script.get("type")]


@pytest.fixture
def albania_events():
    albania = country("AL")
    for n in range(45):
        factories.EventFactory(venue_country=albania, start_date=datetime.date(2017, 1, 1) + datetime.timedelta(days=n))
    factories.EventFactory(venue_country=country("RS"))


def test_pagination_keeps_the_filters(client, albania_events):
    first = get(client, country="al", sort="date")
    assert len(first.context["results"]) == 20
    assert pages(first) == {"next": "?country=AL&sort=date&page=2", "current": "?country=AL&sort=date&page=1"}
    (nav,) = with_class(parse(first), "pagination", "nav")
    assert nav.get("aria-label")  # a landmark of its own, named for screen readers
    second = get(client, country="al", sort="date", page=2)
    assert second.context["results"][0].start_date == datetime.date(2017, 1, 21)
    assert pages(second) == {"prev": "?country=AL&sort=date&page=1", "next": "?country=AL&sort=date&page=3",
                             "current": "?country=AL&sort=date&page=2"}
    assert (second.context["page_obj"].number, second.context["page_obj"].paginator.num_pages) == (2, 3)
    assert re.findall(r"\d+", text_of(by_id(parse(second), "result-count"))) == ["45", "2", "3"]  # the count, page 2 of 3
    assert canonical(parse(second)) == "http://testserver/en/events/?country=AL&sort=date&page=2"
    third = get(client, country="al", sort="date", page=3)
    assert len(third.context["results"]) == 5


def test_pages_never_repeat_or_skip_events_with_equal_dates(client):
    for _ in range(25):
        factories.EventFactory(title="Same title", start_date=datetime.date(2017, 1, 1))
    seen = [event.pk for page in (1, 2) for event in get(client, page=page).context["results"]]
    assert len(seen) == len(set(seen)) == 25


def test_a_page_past_the_end_is_a_404_in_the_site_design(client, world):
    response = client.get("/en/events/", {"page": 9999})
    assert response.status_code == 404
    content = main(parse(response))
    (lead,) = with_class(content, "lead", "p")
    assert re.findall(r"\d+", text_of(lead)) == ["9999", "1"]  # the page asked for, and the last there is
    assert reverse("event_list") in hrefs(content)  # a way back to the events


# (the filters' errors by code, the choices left out, what the note quotes back)
BAD_INPUT = [
    ({"country": "zz"}, {}, {"country": ["zz"]}, "“zz”"),
    ({"theme": "no-such-theme"}, {}, {"theme": ["no-such-theme"]}, "“no-such-theme”"),
    ({"from": "2017-13-45"}, {"from": ["invalid"]}, {}, "“2017-13-45”"),
    ({"to": "yesterday"}, {"to": ["invalid"]}, {}, "“yesterday”"),
    ({"year": "twenty"}, {"year": ["invalid"]}, {}, "“twenty”"),
    ({"year": "99999"}, {"year": ["max_value"]}, {}, "“99999”"),
    ({"type": "party"}, {}, {"type": ["party"]}, "“party”"),
    ({"q": "x" * 500}, {"q": ["max_length"]}, {}, "“" + "x" * 39 + "…”"),  # shortened
    ({"q": "null\x00byte"}, {}, {}, None),  # the control character replaced by a space
    ({"page": "abc"}, {}, {}, "“abc”"),
    ({"page": "0"}, {}, {}, "“0”"),
    ({"colour": "blue"}, {}, {}, "“colour”"),
    ({"sort": "price"}, {"sort": ["invalid_choice"]}, {}, "“price”"),
    ({"when": "tomorrow"}, {"when": ["invalid_choice"]}, {}, "“tomorrow”"),
    ({"from": "2018-01-01", "to": "2017-01-01"}, {}, {}, "1 January 2018"),  # after the "To" date
]


def assert_noted(response, errors, left_out, quoted):
    """The page came, the input it could not use set aside (as the filters' errors say, by code,
    and the choices left out), with one note for it, quoting it, in an alert."""
    assert response.status_code == 200
    filterset = response.context["filterset"]
    assert {name: [error.code for error in found] for name, found in filterset.form.errors.as_data().items()} == errors
    assert filterset.unknown_choices == left_out
    assert not [value for value in filterset.data.values() if any(is_control(char) for char in value)]
    assert response.context["page_obj"].number == 1
    (note,) = response.context["notes"]
    if quoted:
        assert quoted in note
    assert note in alerts(response)  # said where a screen reader announces it


@pytest.mark.parametrize("params, errors, left_out, quoted", BAD_INPUT)
def test_bad_input_is_ignored_with_a_clear_message(client, world, params, errors, left_out, quoted):
    assert_noted(client.get("/en/events/", params), errors, left_out, quoted)


def test_valid_filters_apply_beside_an_invalid_one_which_links_drop(client, world):
    response = get(client, country="zz", theme="policing", utm_source="mail")
    assert set(slugs(response)) == {"tashkent", "financing"}
    assert response.context["query"] == "?theme=policing"
    document = parse(response)
    links = [element.get("href") for element in (*document.iter("a"), *document.iter("link")) if element.get("href")]
    assert any("theme=policing" in link for link in links)
    assert not any("utm_source" in link or "zz" in link for link in links)


def test_an_absurdly_long_query_string_is_ignored_not_an_error(client, world):
    response = client.get("/en/events/?q=" + "a" * 5000)
    assert response.status_code == 200
    assert "too long to be a search" in " ".join(response.context["notes"])
    assert set(slugs(response)) == ALL


@pytest.mark.parametrize(
    "query",
    [
        "country=%00", "theme=%00", "type=%00", "year=%00", "from=%00", "sort=%00", "q=%00", "%00=1",
        "theme=%C3%A9%E2%82%AC", "country=%FF%FE", "q=%ED%A0%80", "country=al&country=al&country=AL",
        "q=%22unclosed", "q=a%20-b%20OR", "q=%26%7C%21%3A*", "q=()%27", "page=-1", "page=1.5", "page=%00",
        "year=99999", "from=0000-00-00", "to=9999-12-31", "sort=", "sort=-date,title", "q=" + "%C3%A9" * 199,
        "when=past&when=upcoming", "unit=&theme=&country=",
    ],
)
def test_odd_query_strings_never_break_the_page(client, world, query):
    response = client.get("/en/events/?" + query)
    assert response.status_code == 200, query
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(response.text)
    assert parser.errors == [], (query, parser.errors[:3])


def test_drafts_are_never_counted_listed_or_searchable(client, world):
    response = get(client, country="al", theme="policing")
    assert slugs(response) == []
    assert facet_counts(response, "type") == {}
    everything = get(client)
    assert "Draft exercise" not in everything.text
    assert everything.context["page_obj"].paginator.count == len(ALL)
    assert "MT" not in facet_counts(everything, "country")
    assert facet_counts(everything, "unit") == {"atu": 2, "spmu": 1}
    assert slugs(get(client, q="Secret")) == []


def test_drafts_stay_hidden_from_staff_in_the_list(client, superuser, world):
    client.force_login(superuser)
    assert "draft" not in slugs(get(client, q="Tirana"))


def test_every_control_has_a_label_and_the_form_works_without_javascript(client, world):
    response = get(client)
    document = parse(response)
    form = document.find(".//form[@role='search']")
    assert form.get("method") == "get" and form.find(".//button[@type='submit']") is not None
    labelled = {label.get("for") for label in form.iter("label")}
    controls = [*form.iter("input"), *form.iter("select")]
    assert controls and all(control.get("id") in labelled for control in controls)
    facets = response.context["facets"]
    assert [facet.label for facet in facets] == [
        "Region", "Country", "Theme", "Organising unit", "Type", "OSCE structure", "Partner organisation",
    ]
    # Those with a choice to make are shown, then the dates.
    assert [legend.text for legend in form.iter("legend")] == [facet.label for facet in facets if facet.offers_a_choice] + ["Dates"]
    assert [script for script in document.iter("script") if script.get("src")]  # progressive: the form works without it
    assert not [element.tag for element in document.iter() if any(name.startswith("on") for name in element.attrib)]


def test_list_page_advertises_feeds_and_downloads_with_the_current_filters(client, world):
    response = get(client, country="uz", type="training_course")
    query = "?country=UZ&type=training_course"
    headline = response.context["headline"]  # "Training courses in Uzbekistan"
    document = parse(response)
    feeds = {link.get("type"): link for link in document.iter("link") if link.get("rel") == "alternate" and link.get("type")}
    assert {kind: link.get("href") for kind, link in feeds.items()} == {
        "application/atom+xml": reverse("event_feed") + query, "text/calendar": reverse("event_calendar") + query}
    titles = [feeds[kind].get("title") for kind in ("application/atom+xml", "text/calendar")]
    assert all(headline in title for title in titles) and titles[0] != titles[1]  # named by what they hold, and told apart
    downloads = {link.get("href"): link for link in document.iter("a") if link.get("download") is not None}
    for url in (reverse("event_export_csv") + query, reverse("event_export_json") + query):
        assert re.findall(r"\d+", text_of(downloads[url])) == ["1"]  # how many the download holds
    assert static("css/finder.css") in [link.get("href") for link in document.iter("link") if link.get("rel") == "stylesheet"]
    general = meta(parse(get(client)), property="og:description")
    assert meta(document, property="og:description") == f"{general.removesuffix('.')}: {headline}."


def make_events(count):
    countries = list(Country.objects.order_by("code")[:3])
    themes = [factories.ThemeFactory() for _ in range(2)]
    unit = factories.UnitFactory()
    for _ in range(count):
        factories.EventFactory(venue_country=countries[0], countries=countries, themes=themes, units=[unit],
                               partners=[factories.PartnerOrganisationFactory()],
                               structures=[factories.OsceStructureFactory()])


# Measured: 12 queries for the bare list where no published counts are stored (search.counts):
# the look-up of them (1), the count, one per facet and two for countries (hosted, taking
# part) (9), the page's ids, then its events with their venues (2). Choosing countries and
# themes needs no stored counts, and adds one look-up of the chosen codes and slugs each, and
# the map counts the list per country (hosted, taking part): 15.
@pytest.mark.parametrize(
    "params, most",
    [({}, 12), ({"country": "ad", "theme": "theme-0", "q": "Event", "when": "past", "sort": "title"}, 15)],
)
def test_the_list_costs_the_same_number_of_queries_for_5_and_60_events(client, django_assert_max_num_queries, params, most):
    make_events(5)
    if "theme" in params:  # a theme that exists: factories number their slugs across the whole run
        params = {**params, "theme": Theme.objects.earliest("pk").slug}
    with django_assert_max_num_queries(most) as small:
        assert client.get("/en/events/", params).status_code == 200
    make_events(55)
    with django_assert_max_num_queries(most) as large:
        assert client.get("/en/events/", params).status_code == 200
    assert len(large) == len(small)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_map_counts_what_the_list_shows_and_each_country_adds_itself_to_the_filters(client, world):
    event_map = get(client, country="uz").context["event_map"]
    # The list: the workshop held in Tashkent with Kazakhstan and Kyrgyzstan, and the upcoming training.
    assert {country.code: country.count for country in event_map.countries if country.count} == {"UZ": 2, "KZ": 1, "KG": 1}
    kazakhstan = next(country for country in event_map.countries if country.code == "KZ")
    assert kazakhstan.label == "Kazakhstan: 1 event"
    assert set(slugs(client.get(kazakhstan.url))) == {"tashkent", "future", "financing"}  # in Uzbekistan or Kazakhstan
    assert not next(country for country in event_map.countries if country.code == "AL").url  # no events: no link


def test_an_event_with_a_photo_shows_it_on_its_card(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    factories.EventFactory(title="Course with a photo", photo=SimpleUploadedFile("p.png", factories.png_bytes(), content_type="image/png"),
                           photo_alt="Officers in a classroom")
    factories.EventFactory(title="Course without one")
    document = parse(get(client))
    cards = {card.find(".//h3/a").text: card for card in document.iter("article")}
    photo = cards["Course with a photo"].find(".//img")
    assert photo.get("alt") == "Officers in a classroom" and photo.get("src").startswith(settings.MEDIA_URL)
    assert cards["Course without one"].find(".//img") is None


def test_past_events_are_marked_past_in_the_list_and_upcoming_ones_are_not(client, world):
    document = parse(get(client))
    marked = {
        card.find(".//h3/a").get("href").rstrip("/").rsplit("/", 1)[1]: card.find(".//*[@class='item__status item__status--past']") is not None
        for card in document.iter("article")
    }
    assert marked["future"] is False
    assert {slug for slug, past in marked.items() if past} == set(marked) - {"future"}


def test_the_finder_names_its_language_versions_and_its_feeds_once(client, world):
    head = parse(get(client, country="uz")).find("head")
    links = [link for link in head.iter("link") if link.get("rel") == "alternate"]
    assert [link.get("hreflang") for link in links].count("ru") == 1
    assert [link.get("hreflang") for link in links].count("x-default") == 1
    assert [link.get("type") for link in links].count("application/atom+xml") == 1
    assert [link.get("type") for link in links].count("text/calendar") == 1


def test_an_unknown_choice_is_left_out_and_the_others_kept(client, world):
    response = get(client, country=["XX", "al"])
    assert set(slugs(response)) == set(slugs(get(client, country="al"))) != set()
    [note] = response.context["notes"]
    assert "“XX”" in note and "AL" not in note
    assert [chip.value_label for chip in response.context["chips"]] == ["Albania"]


@pytest.mark.parametrize("params", [{"country": ""}, {"type": ""}, {"q": " "}, {"page": ""}, {"sort": ""}])
def test_an_empty_field_is_no_filter_and_no_note(client, world, params):
    response = get(client, **params)
    assert response.context["notes"] == [] and response.context["chips"] == []
    assert response.context["page_obj"].paginator.count == get(client).context["page_obj"].paginator.count


def test_a_download_with_an_unknown_choice_is_still_refused(client, world):
    assert client.get("/en/events/export.csv", {"country": ["XX", "AL"]}).status_code == 400
