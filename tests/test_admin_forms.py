"""Dates, forms and lists as staff expect them (issue 23, items 1 and 3): one publishing control for
news, the browser's own date inputs in the site's format, one year filter for events that knows how
precisely their dates are known, searchable long filters, amounts with their thousands separators
and currency, and the department filled in on a new budget.

The same in a browser, at 1,024 px: tests/browser/test_admin_forms.py.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from activities.admin import YearFilter
from activities.models import DatePrecision, Event
from backoffice.widgets import parse_amount, time_zone_label
from editorial.models import Action, TimelineEntry
from news.models import NewsItem
from organisation.models import Budget, Country, Department
from publishing.models import Status
from tests import factories
from tests.form_errors import assert_refused
from tests.markup import beside, by_id, changelist_rows, classes, field, fields, parse, text_of, with_class
from tests.test_admin import (
    admin_url,
    changelist_titles,
    event_form_data,
    filter_choices,
    news_form_data,
    post_change,
    user_in_group,
)

pytestmark = pytest.mark.django_db

# A winter's day in Vienna (CET), so that times read the same in every test.
NOW = timezone.make_aware(datetime.datetime(2026, 1, 15, 10, 30))
VIENNA = timezone.get_default_timezone()


def vienna(*args):
    return timezone.make_aware(datetime.datetime(*args), VIENNA)


@pytest.fixture
def at_noon():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def publisher(client):
    user = user_in_group("Publishers")
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    user = user_in_group("Editors")
    client.force_login(user)
    return user


# --- One publishing control for news ------------------------------------------------------------


def news_post(**publication):
    """A news item's form as posted, its publication given by the control's two inputs."""
    data = news_form_data(**publication)
    if "published_on" not in publication:
        data.pop("published_on")
    return data


def test_the_news_form_has_one_publication_control_and_no_public_from_field(client, publisher, at_noon):
    document = parse(client.get(admin_url(NewsItem, "add")))
    choices = [(choice.get("type"), choice.get("value"), choice.get("checked") is not None)
               for choice in fields(document, "published_on_when")]
    assert choices == [("radio", "now", True), ("radio", "at", False)]  # "Now", today by default, and "At"
    (now,) = with_class(document, "publication-now", "label")
    assert "15 January 2026" in text_of(now)  # the day "Now" dates it, in the site's format
    moment = field(document, "published_on")
    assert moment.get("type") == "datetime-local"  # a Publisher sets the time too
    assert moment.get("value") == "2026-01-15T11:00"  # "At": today, at the next full hour
    assert not fields(document, "publish_at")
    assert time_zone_label() in text_of(by_id(document, "id_published_on_helptext"))  # Vienna time (CET)


def test_publish_now_dates_the_item_today_with_no_embargo(client, publisher, at_noon):
    response = client.post(admin_url(NewsItem, "add"), news_post(published_on_when="now", published_on="2026-03-01T09:00"))
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert (item.published_on, item.publish_at, item.status) == (datetime.date(2026, 1, 15), None, Status.DRAFT)


def test_publish_at_a_time_to_come_dates_the_item_that_day_and_schedules_it(client, publisher, at_noon):
    data = news_post(published_on_when="at", published_on="2026-03-01T09:00")
    response = client.post(admin_url(NewsItem, "add"), {**data, "_step_publish": "1"})
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert (item.published_on, item.publish_at) == (datetime.date(2026, 3, 1), vienna(2026, 3, 1, 9, 0))
    assert item.status == Status.PUBLISHED and item.window() == "scheduled"
    assert not NewsItem.objects.published().exists()
    (row,) = changelist_rows(client.get(admin_url(NewsItem, "changelist")))
    assert row["publication"] == item.publication and "1 Mar 2026, 09:00" in row["publication"]  # when it goes public


def test_publish_at_a_past_time_only_dates_the_item(client, publisher, at_noon):
    client.post(admin_url(NewsItem, "add"), news_post(published_on_when="at", published_on="2024-12-16T14:00"))
    item = NewsItem.objects.get()
    assert (item.published_on, item.publish_at) == (datetime.date(2024, 12, 16), None)


def test_a_date_posted_without_the_choice_is_the_day_to_publish_on(client, publisher, at_noon):
    client.post(admin_url(NewsItem, "add"), news_form_data(published_on="2024-12-16"))
    assert NewsItem.objects.values_list("published_on", "publish_at").get() == (datetime.date(2024, 12, 16), None)


@pytest.mark.parametrize("data, code, message", [
    ({"published_on_when": "at", "published_on": ""}, "no_moment", "Enter when to publish it, or choose “Now”."),
    ({"published_on_when": "at", "published_on": "2026-02-30T09:00"}, "invalid", None),  # Django's message
    ({"published_on_when": "soon", "published_on": ""}, "invalid_choice", "Choose “Now” or a date."),
])
def test_an_incomplete_publication_is_an_error_on_the_control(client, publisher, at_noon, data, code, message):
    response = client.post(admin_url(NewsItem, "add"), news_post(**data))
    (error,) = response.context["adminform"].form.errors.as_data()["published_on"]
    assert error.code == code
    if message:  # the control's own messages, in staff's words (issue 23, item 4)
        assert error.messages == [message]
    assert_refused(response, "published_on", code=code)  # and shown beside the control
    assert not NewsItem.objects.exists()


def test_saving_a_news_item_as_it_was_opened_changes_none_of_its_dates(client, publisher, at_noon):
    scheduled = factories.NewsItemFactory(published_on=datetime.date(2026, 3, 1), publish_at=vienna(2026, 3, 1, 9, 0))
    dated = factories.NewsItemFactory(published_on=datetime.date(2017, 5, 10))
    for item, shown in ((scheduled, "2026-03-01T09:00"), (dated, "2017-05-10T00:00")):
        form = client.get(admin_url(NewsItem, "change", item.pk)).context["adminform"].form
        assert form["published_on"].value().at.strftime("%Y-%m-%dT%H:%M") == shown
        data = news_form_data(title=item.title, slug=item.slug, published_on_when="at", published_on=shown)
        assert post_change(client, item, data).status_code == 302
        stored = NewsItem.objects.get(pk=item.pk)
        assert (stored.published_on, stored.publish_at) == (item.published_on, item.publish_at)
    assert not TimelineEntry.objects.filter(action=Action.SCHEDULE).exists()


def test_a_publisher_moves_a_scheduled_item_to_now(client, publisher, at_noon):
    item = factories.NewsItemFactory(published_on=datetime.date(2026, 3, 1), publish_at=vienna(2026, 3, 1, 9, 0))
    data = news_form_data(title=item.title, slug=item.slug, published_on_when="now", published_on="2026-03-01T09:00")
    assert post_change(client, item, data).status_code == 302
    item.refresh_from_db()
    assert (item.published_on, item.publish_at, item.window()) == (datetime.date(2026, 1, 15), None, "public")
    assert NewsItem.objects.published().get() == item


def test_an_editor_chooses_the_day_and_a_publisher_the_time(client, editor, at_noon):
    response = client.get(admin_url(NewsItem, "add"))
    document = parse(response)
    assert field(document, "published_on").get("type") == "date"
    assert not [box for box in document.iter("input") if box.get("type") == "datetime-local"]
    publication = response.context["adminform"].form.fields["published_on"]
    assert not publication.with_time
    # The help shown is the one for a day without a time (no time zone to name).
    assert text_of(by_id(document, "id_published_on_helptext")) == publication.help_text
    assert time_zone_label() not in publication.help_text
    client.post(admin_url(NewsItem, "add"), news_post(published_on_when="at", published_on="2026-03-01"))
    item = NewsItem.objects.get()
    assert (item.published_on, item.publish_at) == (datetime.date(2026, 3, 1), None)

    # A time a Publisher set stays theirs when an Editor moves the day of a draft.
    NewsItem.objects.filter(pk=item.pk).update(publish_at=vienna(2026, 3, 1, 9, 0))
    data = news_form_data(title=item.title, slug=item.slug, published_on_when="at", published_on="2026-03-02")
    assert post_change(client, item, data).status_code == 302
    item.refresh_from_db()
    assert (item.published_on, item.publish_at) == (datetime.date(2026, 3, 2), vienna(2026, 3, 1, 9, 0))


# --- One date widget ------------------------------------------------------------------------------


def test_dates_are_the_browsers_inputs_in_iso_with_the_date_in_the_sites_words(admin_client):
    event = factories.EventFactory(start_date=datetime.date(2025, 3, 12), publish_at=vienna(2026, 12, 1, 9, 0))
    response = admin_client.get(admin_url(Event, "change", event.pk))
    document = parse(response)
    start = field(document, "start_date")
    assert (start.get("type"), start.get("value")) == ("date", "2025-03-12")
    assert beside(document, start, "date-shown") == ["12 March 2025"]
    publish_at = field(document, "publish_at")
    assert (publish_at.get("type"), publish_at.get("value")) == ("datetime-local", "2026-12-01T09:00")
    # Not the admin's calendar, its "Today" shortcuts nor its note about the server's time.
    media = str(response.context["media"])
    assert "calendar.js" not in media and "DateTimeShortcuts.js" not in media
    assert not [box for box in document.iter("input") if {"vDateField", "vTimeField"} & set(classes(box))]
    assert not with_class(document, "timezonewarning")


def test_a_date_and_time_typed_is_vienna_time(admin_client):
    event = factories.EventFactory(status=Status.DRAFT, start_date=datetime.date(2027, 3, 1))
    data = event_form_data(title=event.title, slug=event.slug, publish_at="2026-07-01T09:00", unpublish_at="")
    assert post_change(admin_client, event, data).status_code == 302
    event.refresh_from_db()
    assert event.publish_at == vienna(2026, 7, 1, 9, 0)  # summer: 07:00 UTC
    assert event.publish_at.astimezone(datetime.UTC).hour == 7


def test_the_time_zone_is_named_as_people_name_it():
    with time_machine.travel(NOW, tick=False):
        assert time_zone_label() == "Vienna time (CET)"
        with translation.override("ru"):
            assert time_zone_label() == "Венское время (CET)"
    with time_machine.travel(vienna(2026, 7, 1, 12, 0), tick=False):
        assert time_zone_label() == "Vienna time (CEST)"


def test_lists_show_dates_in_the_sites_format(admin_client):
    factories.NewsItemFactory(title="Cadets trained", published_on=datetime.date(2025, 3, 12))
    (row,) = changelist_rows(admin_client.get(admin_url(NewsItem, "changelist")))
    assert "12 March 2025" in row.values()


# --- Forms and lists that fit -----------------------------------------------------------------


def test_the_public_column_comes_right_after_the_title(admin_client):
    for model in (Event, NewsItem):
        response = admin_client.get(admin_url(model, "changelist"))
        assert response.context["cl"].list_display[1:3] == ["title", "publication"]  # after the checkbox


def collapsed_sections(client, url):
    return {str(fieldset.name) for fieldset in client.get(url).context["adminform"] if fieldset.is_collapsible}


def test_rarely_used_sections_are_collapsed_while_they_are_empty(admin_client):
    assert collapsed_sections(admin_client, admin_url(Event, "add")) == {"Participants", "Photo"}
    assert collapsed_sections(admin_client, admin_url(NewsItem, "add")) == {"Photo"}
    empty = factories.EventFactory()
    assert collapsed_sections(admin_client, admin_url(Event, "change", empty.pk)) == {
        "Participants", "Photo", "Record history"}
    counted = factories.EventFactory(participants_total=25, participants_women=10)
    assert collapsed_sections(admin_client, admin_url(Event, "change", counted.pk)) == {"Photo", "Record history"}


@pytest.fixture
def events_by_precision():
    """Events known to the day, the month and the year, two of them across a new year."""
    make = factories.EventFactory
    make(title="Known to the year", start_date=datetime.date(2017, 1, 1), date_precision=DatePrecision.YEAR)
    make(title="December to January", start_date=datetime.date(2018, 12, 1), end_date=datetime.date(2019, 1, 1),
         date_precision=DatePrecision.MONTH)
    make(title="Over the new year", start_date=datetime.date(2020, 12, 30), end_date=datetime.date(2021, 1, 2))
    make(title="Three years", start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2024, 1, 1),
         date_precision=DatePrecision.YEAR)
    make(title="A day", start_date=datetime.date(2017, 12, 31))


def test_one_year_filter_offers_the_years_events_cover_newest_first(admin_client, events_by_precision):
    assert filter_choices(admin_client, Event, "year") == [
        "All", "2024", "2023", "2022", "2021", "2020", "2019", "2018", "2017",
    ]
    response = admin_client.get(admin_url(Event, "changelist"))
    assert response.context["cl"].date_hierarchy is None  # no drill-down offering "January 2017"
    assert [spec.title for spec in response.context["cl"].filter_specs].count("year") == 1


@pytest.mark.parametrize("year, expected", [
    ("2017", {"Known to the year", "A day"}),
    ("2018", {"December to January"}),
    ("2019", {"December to January"}),
    ("2020", {"Over the new year"}),
    ("2021", {"Over the new year"}),
    ("2023", {"Three years"}),
    ("2016", set()),
])
def test_the_year_filter_finds_every_event_whose_dates_overlap_the_year(admin_client, events_by_precision, year,
                                                                          expected):
    assert changelist_titles(admin_client, Event, year=year) == expected


def test_the_year_filters_choices_are_one_query(rf, admin_user, events_by_precision):
    request = rf.get("/")
    request.user = admin_user
    model_admin = admin.site._registry[Event]
    year_filter = YearFilter(request, {}, Event, model_admin)
    with CaptureQueriesContext(connection) as queries:
        choices = year_filter.lookups(request, model_admin)
    assert len(choices) == 8 and len(queries) == 1
    assert "ORDER BY" in queries[0]["sql"] and "generate_series" in queries[0]["sql"]


def test_the_country_and_theme_filters_can_be_searched(admin_client):
    countries = ["AL", "AT", "BA", "BY", "KG", "KZ", "RS", "UZ"]
    themes = [factories.ThemeFactory(name=f"Theme {n}") for n in range(7)]
    for code in countries:
        factories.EventFactory(countries=[Country.objects.get(code=code)], themes=themes)
    document = parse(admin_client.get(admin_url(Event, "changelist")))
    for title in ("country", "themes"):
        (details,) = document.findall(f".//details[@data-filter-title='{title}']")
        (search,) = with_class(details, "filter-search", "p")
        assert search.get("hidden") is not None, title  # until the script shows it
        (box,) = search.iter("input")
        assert box.get("type") == "search"
        assert f"“{title}”" in box.get("aria-label")  # named for a screen reader, by the filter it searches
    assert any(script.get("src", "").endswith("js/back_office.js") for script in document.iter("script"))


# --- Money ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language, typed, amount", [
    ("en", "2,955,500", "2955500.0"),
    ("en", "2955500", "2955500.0"),
    ("en", "2,955,500.50", "2955500.50"),
    ("en", "2 955 500", "2955500.0"),
    ("en", "2,95,5500", "2,95,5500"),  # not grouped by threes: refused by the field
    ("ru", "2 955 500,50", "2955500.50"),
    ("ru", "2\u00a0955\u00a0500,00", "2955500.00"),
    ("ru", "2955500.5", "2955500.5"),
])
def test_amounts_are_read_with_or_without_their_separators(language, typed, amount):
    with translation.override(language):
        assert parse_amount(typed) == amount


@pytest.fixture
def budget():
    department = factories.DepartmentFactory(name="Transnational Threats Department", acronym="TNTD")
    return Budget.objects.create(department=department, year=2017, unified_budget=Decimal("2955500.00"),
                                 extrabudgetary_pledges=Decimal("2221361.00"), staff_total=33, staff_extrabudgetary=6)


def budget_form(budget, **changes):
    return {"department": budget.department.pk, "year": budget.year, "unified_budget": "2,955,500.00",
            "extrabudgetary_pledges": "2221361", "staff_total": "33", "staff_extrabudgetary": "6", **changes}


def test_a_budget_is_shown_and_typed_with_thousands_separators_and_its_currency(client, budget):
    client.force_login(user_in_group("Finance"))
    document = parse(client.get(admin_url(Budget, "change", budget.pk)))
    amount = field(document, "unified_budget")
    assert (amount.get("type"), amount.get("value")) == ("text", "2,955,500.00")
    assert beside(document, amount, "currency") == ["EUR"]
    assert "EUR 2,955,500.00" in changelist_rows(client.get(admin_url(Budget, "changelist")))[0].values()

    assert post_change(client, budget, budget_form(budget, unified_budget="2,965,500")).status_code == 302
    budget.refresh_from_db()
    assert (budget.unified_budget, budget.extrabudgetary_pledges) == (Decimal("2965500.00"), Decimal("2221361.00"))

    response = post_change(client, budget, budget_form(budget, unified_budget="2,96,5500"))
    assert response.status_code == 200 and "unified_budget" in response.context["adminform"].form.errors


def test_a_budget_in_russian_reads_as_russian_writes_money(client, budget):
    client.force_login(user_in_group("Finance"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"  # the browser's language, the profile naming none
    document = parse(client.get(admin_url(Budget, "change", budget.pk)))
    amount = field(document, "unified_budget")
    assert amount.get("value") == "2\u00a0955\u00a0500,00"
    assert beside(document, amount, "currency") == ["евро"]
    assert "2\u00a0955\u00a0500,00 евро" in changelist_rows(client.get(admin_url(Budget, "changelist")))[0].values()
    response = post_change(client, budget, budget_form(budget, unified_budget="2 965 500,50"))
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.unified_budget == Decimal("2965500.50")


def test_a_new_budget_is_the_only_departments(admin_client):
    assert not Department.objects.exists()
    department = factories.DepartmentFactory(name="Transnational Threats Department")
    form = admin_client.get(admin_url(Budget, "add")).context["adminform"].form
    assert form["department"].value() == department.pk
    assert "Transnational Threats Department" in str(form["department"])
    factories.DepartmentFactory()
    assert admin_client.get(admin_url(Budget, "add")).context["adminform"].form["department"].value() is None
