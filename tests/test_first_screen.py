"""A first screen that is current (issue 22, item 5): the home page leads with the latest news
and the next events (the latest past ones when none is coming), the department and its key
figures further down; an event page says when the event is over and offers no calendar entry
then; the budget page shows a single year as figures, charts from two years on; no photo
caption or credit without its photo."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities.models import DatePrecision, EventStatus
from organisation.models import Budget
from publishing.models import Status
from tests import factories
from tests.markup import parse

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}svg"

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def headings(document):
    """[(tag, id)] of the main content's section headings, in document order (not the items' titles)."""
    return [(el.tag, el.get("id")) for el in document.find(".//main").iter() if el.tag in ("h1", "h2", "h3") and el.get("id")]


def section_titles(document, heading_id):
    """The titles of the items listed in the section `heading_id` labels."""
    section = document.find(f".//section[@aria-labelledby='{heading_id}']")
    return [a.text for a in section.findall(".//h3[@class='item__title']/a")]


@pytest.fixture
def department():
    department = factories.DepartmentFactory(name="Transnational Threats Department", acronym="TNTD", slug="tntd",
                                             description="Throughout 2017, TNTD supported the participating States.")
    Budget.objects.create(department=department, year=2017, unified_budget=Decimal("2955500.00"),
                          extrabudgetary_pledges=Decimal("2221361.00"), staff_total=33, staff_extrabudgetary=6)
    factories.ThemeFactory(name="Policing", slug="policing")
    return department


@pytest.fixture
def archive(department):
    """Only past events (the seed content's case) and news, with drafts and embargoed records."""
    for n, year in enumerate((2015, 2016, 2017, 2018, 2019, 2020)):
        factories.EventFactory(title=f"Past event {year}", start_date=datetime.date(year, 3, 1 + n))
    factories.EventFactory(title="Hidden draft", status=Status.DRAFT, start_date=datetime.date(2021, 1, 1))
    factories.EventFactory(title="Hidden coming draft", status=Status.DRAFT, start_date=TODAY + 5 * DAY)
    factories.EventFactory(title="Hidden embargoed", publish_at=timezone.now() + DAY, start_date=TODAY + 6 * DAY)
    for day in range(1, 7):
        factories.NewsItemFactory(title=f"News of {day} December", published_on=datetime.date(2024, 12, day))
    factories.NewsItemFactory(title="Hidden draft news", status=Status.DRAFT, published_on=datetime.date(2024, 12, 31))


# --- the home page ------------------------------------------------------------------------


def test_home_leads_with_the_news_and_events_and_keeps_the_report_and_figures_further_down(client, archive):
    document = parse(get(client, "/en/"))
    assert headings(document) == [
        ("h1", "page-title"), ("h2", "latest-news"), ("h2", "recent-events"), ("h2", "what-we-do"),
        ("h2", "about-the-department"), ("h3", "key-figures"),
    ]
    report = document.find(".//section[@aria-labelledby='about-the-department']")
    assert report.find(".//dl[@class='figures']") is not None  # the key figures belong to that section
    hero = document.find(".//section[@class='hero']")
    assert "Throughout 2017" not in "".join(hero.itertext())


def test_with_nothing_coming_home_shows_the_latest_past_events_newest_first(client, archive):
    response = get(client, "/en/")
    assert list(response.context["upcoming_events"]) == []
    assert section_titles(parse(response), "recent-events") == [
        "Past event 2020", "Past event 2019", "Past event 2018", "Past event 2017",
    ]
    assert section_titles(parse(response), "latest-news") == [
        "News of 6 December", "News of 5 December", "News of 4 December", "News of 3 December",
    ]
    links = [a.get("href") for a in parse(response).find(".//section[@aria-labelledby='recent-events']").iter("a")]
    assert "/en/events/?when=past" in links


def test_with_events_coming_home_shows_the_next_ones_in_date_order_and_no_past_ones(client, archive):
    factories.EventFactory(title="In a month", start_date=TODAY + 30 * DAY)
    factories.EventFactory(title="Ending today", start_date=TODAY - DAY, end_date=TODAY)
    factories.EventFactory(title="This month", start_date=TODAY.replace(day=1), date_precision=DatePrecision.MONTH)
    factories.EventFactory(title="Cancelled", start_date=TODAY + 2 * DAY, event_status=EventStatus.CANCELLED)
    response = get(client, "/en/")
    document = parse(response)
    titles = section_titles(document, "upcoming-events")
    assert set(titles) == {"In a month", "Ending today", "This month"}
    assert titles.index("In a month") == 2  # the soonest first
    assert document.find(".//section[@aria-labelledby='recent-events']") is None
    assert response.context["recent_events"] == []  # not even read
    assert "Hidden" not in response.text


def test_home_costs_the_same_whether_events_are_coming_or_not(client, archive):
    """Past events are read only when none is coming: one query more, then, never one per row."""

    def cost():
        with CaptureQueriesContext(connection) as captured:
            get(client, "/en/")
        return len(captured)

    without_upcoming = cost()
    for n in range(10):
        factories.EventFactory(start_date=datetime.date(2010, 1, n + 1))
        factories.NewsItemFactory()
    assert cost() == without_upcoming
    factories.EventFactory(title="Coming", start_date=TODAY + 3 * DAY)
    with_upcoming = cost()
    assert with_upcoming == without_upcoming - 1
    for n in range(10):
        factories.EventFactory(start_date=TODAY + (n + 4) * DAY)
    assert cost() == with_upcoming


# --- an event's page ----------------------------------------------------------------------


def event_page(client, **fields):
    event = factories.EventFactory(slug="the-event", **fields)
    document = parse(get(client, event.get_absolute_url()))
    article = document.find(".//article")
    return {
        "past notice": article.find(".//p[@class='notice notice--past']") is not None,
        "calendar link": any(a.get("href") == "/en/events/the-event/calendar.ics" for a in article.iter("a")),
    }


@pytest.mark.parametrize(
    "fields, past",
    [
        ({"start_date": TODAY - 10 * DAY}, True),
        ({"start_date": TODAY - 10 * DAY, "end_date": TODAY - DAY}, True),
        ({"start_date": TODAY - 10 * DAY, "end_date": TODAY}, False),  # its last day is today
        ({"start_date": TODAY}, False),
        ({"start_date": TODAY + 3 * DAY}, False),
        ({"start_date": TODAY.replace(day=1), "date_precision": DatePrecision.MONTH}, False),  # this month: not over
        ({"start_date": datetime.date(2017, 1, 1), "date_precision": DatePrecision.YEAR}, True),
        ({"start_date": TODAY - 10 * DAY, "event_status": EventStatus.MOVED_ONLINE}, True),
    ],
)
def test_an_event_page_says_when_the_event_is_over_and_offers_a_calendar_entry_only_before(client, fields, past):
    assert event_page(client, **fields) == {"past notice": past, "calendar link": not past}


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.POSTPONED])
def test_a_past_cancelled_or_postponed_event_is_not_said_to_be_over(client, status):
    # Its own status says more: cancelled, it never took place; postponed, its dates are to come.
    assert event_page(client, start_date=TODAY - 10 * DAY, event_status=status) == {
        "past notice": False, "calendar link": False,
    }


def test_a_past_event_page_turns_over_at_midnight(client, monkeypatch):
    factories.EventFactory(slug="today", start_date=TODAY)
    assert 'class="notice notice--past"' not in get(client, "/en/events/today/").text
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY + DAY)
    assert 'class="notice notice--past"' in get(client, "/en/events/today/").text


# --- photos -------------------------------------------------------------------------------


@pytest.mark.parametrize("factory", [factories.EventFactory, factories.NewsItemFactory])
def test_no_caption_nor_credit_without_the_photo(client, factory):
    record = factory(photo_caption="Participants of the course", photo_credit="OSCE/Daler Khamidov")
    response = get(client, record.get_absolute_url())
    assert "Participants of the course" not in response.text and "OSCE/Daler Khamidov" not in response.text
    assert parse(response).find(".//figure") is None


def test_the_caption_and_credit_come_with_the_photo(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = factories.EventFactory(photo=SimpleUploadedFile("p.png", factories.png_bytes(), content_type="image/png"),
                                   photo_alt="Officers at work", photo_caption="Participants of the course",
                                   photo_credit="OSCE/Daler Khamidov")
    figure = parse(get(client, event.get_absolute_url())).find(".//figure")
    assert figure.find("img").get("alt") == "Officers at work"
    caption = "".join(figure.find("figcaption").itertext())
    assert "Participants of the course" in caption and "OSCE/Daler Khamidov" in caption


# --- the budget page ------------------------------------------------------------------------


def test_a_single_year_is_shown_as_figures_not_as_a_chart(client, department, django_assert_num_queries):
    with django_assert_num_queries(2):  # the content version, the budgets
        response = get(client, "/en/budget/")
    document = parse(response)
    assert document.find(f".//{SVG}") is None and document.find(".//table") is None
    figures = document.find(".//main//dl[@class='figures']")
    assert len(figures.findall("div")) == 3
    assert [el.tag for el in document.find(".//main").iter() if el.tag in ("h1", "h2")] == ["h1", "h2"]
    assert "EUR 2,955,500" in "".join(figures.itertext())
    assert any(a.get("href") == "/en/budget/budget.csv" for a in document.iter("a"))


def test_from_two_years_on_the_budget_page_has_its_charts_and_table(client, department):
    Budget.objects.create(department=department, year=2016, unified_budget=Decimal("2500000.00"),
                          extrabudgetary_pledges=Decimal("1000000.00"), staff_total=30, staff_extrabudgetary=4)
    document = parse(get(client, "/en/budget/"))
    assert len(document.findall(f".//{SVG}")) == 2
    assert len(document.findall(".//table/tbody/tr")) == 2
    assert document.find(".//main//dl[@class='figures']") is None
