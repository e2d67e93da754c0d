"""The data rules of the models: what the database refuses, what full_clean() (and so the admin)
reports, how event dates are stored and shown, and which records each queryset returns."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from activities.models import DatePrecision, Event, format_period, last_day_of_period
from editorial.models import PendingChange
from news.models import NewsItem
from organisation import models as org
from publishing.models import Status, publishing_writes
from tests import factories

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
D = datetime.date

pytestmark = pytest.mark.django_db


def saved_in_database(instance):
    """Save without full_clean(), as a bulk import or a bug would: only the database stands guard
    (an import may write any status: publishing.models.publishing_writes)."""
    with transaction.atomic(), publishing_writes():
        instance.save()


def full_clean_messages(instance):
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.messages


def full_clean_errors(instance):
    """{field: [ValidationError]} of what full_clean() refuses."""
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.error_dict


def full_clean_codes(instance):
    """{field: [the code of each error]}: what Django's own messages mean, whatever their wording."""
    return {field: [error.code for error in errors] for field, errors in full_clean_errors(instance).items()}


class Code(str):
    """A case's error given by its code, where the message is Django's own, not the project's."""


# --- Constraints: each one refused by the database and reported by full_clean() ----------------
#
# name: (a function returning an unsaved record that breaks only that constraint, its message)


def duplicate_budget():
    budget = factories.BudgetFactory(year=2017)
    return factories.BudgetFactory.build(department=budget.department, year=2017)


CONSTRAINT_CASES = {
    "country_code_two_capitals": (
        lambda: org.Country(code="al", name="Lower case"),
        "The ISO code is two capital letters, such as AL.",
    ),
    "country_partner_group_only_for_partners": (
        lambda: org.Country(code="ZZ", name="Partner without group", osce_status="partner", partner_group=""),
        "A Partner for Co-operation needs its group; other countries have none.",
    ),
    "budget_one_per_department_and_year": (
        duplicate_budget,
        "This department already has a budget for that year.",
    ),
    "budget_year_plausible": (
        lambda: factories.BudgetFactory.build(department=factories.DepartmentFactory(), year=1989),
        "The year must be between 1990 and 2100.",
    ),
    "budget_amounts_not_negative": (
        lambda: factories.BudgetFactory.build(department=factories.DepartmentFactory(), unified_budget=Decimal("-1")),
        "Amounts cannot be negative.",
    ),
    "budget_extrabudgetary_staff_within_total": (
        lambda: factories.BudgetFactory.build(
            department=factories.DepartmentFactory(), staff_total=33, staff_extrabudgetary=34
        ),
        "Staff under extrabudgetary projects cannot exceed the total staff.",
    ),
    "event_ends_after_start": (
        lambda: factories.EventFactory.build(start_date=D(2024, 12, 12), end_date=D(2024, 12, 9)),
        "The end date cannot be before the start date.",
    ),
    "event_women_within_total": (
        lambda: factories.EventFactory.build(participants_total=27, participants_women=28),
        "Women cannot outnumber all participants.",
    ),
    "event_men_within_total": (
        lambda: factories.EventFactory.build(participants_total=27, participants_men=28),
        "Men cannot outnumber all participants.",
    ),
    "event_women_and_men_within_total": (
        lambda: factories.EventFactory.build(participants_total=27, participants_women=18, participants_men=10),
        "Women and men together cannot be more than all participants.",
    ),
    "one_change_per_record": (
        lambda: PendingChange.objects.create(content_type=ContentType.objects.get_for_model(Event), object_id=1)
        and PendingChange(content_type=ContentType.objects.get_for_model(Event), object_id=1),
        Code("unique_together"),  # Django's message: the workflow keeps this rule, staff never type it
    ),
}


def test_every_constraint_of_the_models_has_a_case():
    """A constraint added to a model without a case here fails this test."""
    declared = {
        constraint.name
        for app_label in ("tntd", "editorial", "activities", "news")
        for model in apps.get_app_config(app_label).get_models()
        for constraint in model._meta.constraints
    }
    assert declared == set(CONSTRAINT_CASES)


@pytest.mark.parametrize("name", CONSTRAINT_CASES)
def test_the_database_refuses_what_breaks_a_constraint(name):
    make_bad_record, _ = CONSTRAINT_CASES[name]
    with pytest.raises(IntegrityError) as excinfo:
        saved_in_database(make_bad_record())
    assert name in str(excinfo.value)  # the database names the constraint it enforced


@pytest.mark.parametrize("name", CONSTRAINT_CASES)
def test_full_clean_reports_the_constraints_message(name):
    make_bad_record, message = CONSTRAINT_CASES[name]
    if isinstance(message, Code):
        assert message in [code for codes in full_clean_codes(make_bad_record()).values() for code in codes]
    else:
        assert message in full_clean_messages(make_bad_record())


@pytest.mark.parametrize(
    "record",
    [
        lambda: org.Country(code="ZZ", name="Partner", osce_status="partner", partner_group="asian"),
        lambda: org.Country(code="ZZ", name="State", osce_status="participating", partner_group=""),
        lambda: factories.BudgetFactory.build(department=factories.DepartmentFactory(), year=1990),
        lambda: factories.BudgetFactory.build(department=factories.DepartmentFactory(), year=2100),
        lambda: factories.BudgetFactory.build(
            department=factories.DepartmentFactory(), staff_total=33, staff_extrabudgetary=33
        ),
        lambda: factories.EventFactory.build(start_date=D(2024, 12, 9), end_date=D(2024, 12, 9)),
        lambda: factories.EventFactory.build(participants_total=27, participants_women=18, participants_men=9),
        lambda: factories.EventFactory.build(participants_women=18, participants_men=9),
    ],
    ids=[
        "partner-with-group",
        "participating-without-group",
        "year-1990",
        "year-2100",
        "all-staff-extrabudgetary",
        "one-day-end-equals-start",
        "women-and-men-add-up",
        "no-total",
    ],
)
def test_records_on_the_edge_of_a_constraint_are_accepted(record):
    instance = record()
    instance.full_clean()
    saved_in_database(instance)
    assert instance.pk


def test_a_code_with_a_digit_is_refused_too():
    country = org.Country(code="A1", name="Digit")
    assert "The ISO code is two capital letters, such as AL." in full_clean_messages(country)
    with pytest.raises(IntegrityError):
        saved_in_database(country)


def test_a_participating_state_with_a_partner_group_is_refused():
    country = org.Country(code="ZZ", name="State", osce_status="participating", partner_group="asian")
    assert "A Partner for Co-operation needs its group; other countries have none." in full_clean_messages(country)
    with pytest.raises(IntegrityError):
        saved_in_database(country)


def test_negative_extrabudgetary_pledges_are_refused():
    budget = factories.BudgetFactory.build(
        department=factories.DepartmentFactory(), extrabudgetary_pledges=Decimal("-0.01")
    )
    assert "Amounts cannot be negative." in full_clean_messages(budget)
    with pytest.raises(IntegrityError):
        saved_in_database(budget)


def test_a_second_department_may_have_a_budget_for_the_same_year():
    factories.BudgetFactory(year=2017)
    other = factories.BudgetFactory.build(department=factories.DepartmentFactory(), year=2017)
    other.full_clean()
    saved_in_database(other)


# --- Unique fields ----------------------------------------------------------------------------

# In staff's words (publishing.validation.PlainUniqueErrors): "Another theme already has this name".
UNIQUE_FIELDS = [
    (factories.ThemeFactory, "name", "Another theme already has this name: choose another."),
    (factories.ThemeFactory, "slug", "Another theme already has this web address (slug): choose another."),
    (factories.DepartmentFactory, "name", "Another department already has this name: choose another."),
    (factories.DepartmentFactory, "slug", "Another department already has this web address (slug): choose another."),
    (factories.UnitFactory, "name", "Another unit already has this name: choose another."),
    (factories.UnitFactory, "slug", "Another unit already has this web address (slug): choose another."),
    (factories.OsceStructureFactory, "name", "Another OSCE structure already has this name: choose another."),
    (factories.OsceStructureFactory, "slug", "Another OSCE structure already has this web address (slug): choose another."),
    (factories.PartnerOrganisationFactory, "name", "Another partner organisation already has this name: choose another."),
    (factories.PartnerOrganisationFactory, "slug",
     "Another partner organisation already has this web address (slug): choose another."),
    (factories.EventFactory, "slug", "Another event already has this web address (slug): choose another."),
    (factories.NewsItemFactory, "slug", "Another news item already has this web address (slug): choose another."),
]


@pytest.mark.parametrize(
    "factory, field, message", UNIQUE_FIELDS, ids=[f"{f._meta.model.__name__}.{name}" for f, name, _ in UNIQUE_FIELDS]
)
def test_unique_fields_are_unique(factory, field, message):
    original = factory()
    overrides = {field: getattr(original, field)}
    if hasattr(original, "department"):
        overrides["department"] = original.department
    duplicate = factory.build(**overrides)

    # A translated name is unique in every language: its English column says so too
    # (translations/fields.py); the admin's form shows that one, beside the field.
    in_english = [message.replace("this name", "this name [en]")] if field == "name" else []
    assert full_clean_messages(duplicate) == [message, *in_english]
    with pytest.raises(IntegrityError):
        saved_in_database(duplicate)


def test_country_codes_are_unique():
    duplicate = org.Country(code="AL", name="Second Albania")  # AL comes from the countries migration
    assert full_clean_messages(duplicate) == ["Another country already has this ISO code: choose another."]
    with pytest.raises(IntegrityError):
        saved_in_database(duplicate)


# --- Other validation rules -------------------------------------------------------------------


@pytest.mark.parametrize("field", ["participants_total", "participants_women", "participants_men"])
def test_participant_counts_cannot_be_negative(field):
    event = factories.EventFactory.build(**{field: -1})
    assert full_clean_codes(event) == {field: ["min_value"]}
    assert full_clean_errors(event)[field][0].params["limit_value"] == 0
    with pytest.raises(IntegrityError):
        saved_in_database(event)


def test_budget_staff_cannot_be_negative():
    budget = factories.BudgetFactory.build(
        department=factories.DepartmentFactory(), staff_total=-1, staff_extrabudgetary=0
    )
    assert "min_value" in full_clean_codes(budget)["staff_total"]
    with pytest.raises(IntegrityError):
        saved_in_database(budget)


def test_choices_are_enforced_by_full_clean():
    event = factories.EventFactory.build(event_type="party")
    item = factories.NewsItemFactory.build(kind="rumour")
    country = org.Country(code="ZZ", name="Z", osce_status="member")
    assert full_clean_codes(event) == {"event_type": ["invalid_choice"]}
    assert full_clean_codes(item) == {"kind": ["invalid_choice"]}
    assert full_clean_codes(country)["osce_status"] == ["invalid_choice"]


def test_a_news_item_may_leave_its_kind_blank():
    factories.NewsItemFactory.build(kind="").full_clean()


def test_department_links_need_a_valid_url():
    link = factories.DepartmentLinkFactory.build(department=factories.DepartmentFactory(), url="polis.osce.org")
    assert full_clean_codes(link) == {"url": ["invalid"]}


def test_photos_are_images_by_extension():
    event = factories.EventFactory.build(photo="photos/2017/07/gissar.gif", photo_alt="Cadets in Gissar")
    (error,) = full_clean_errors(event)["photo"]
    assert full_clean_codes(event) == {"photo": ["invalid_extension"]}
    assert (error.params["extension"], error.params["allowed_extensions"]) == ("gif", "jpg, jpeg, png, webp")


def test_a_photo_needs_alt_text():
    event = factories.EventFactory.build(photo="photos/2017/07/gissar.jpg")
    assert full_clean_messages(event) == ["Describe the photo for people who cannot see it."]


def test_records_in_use_cannot_be_deleted():
    """PROTECT: a department with units or budgets, a country an event is held in, stays."""
    unit = factories.UnitFactory()
    budget = factories.BudgetFactory()
    albania = org.Country.objects.get(code="AL")
    factories.EventFactory(venue_country=albania)
    with pytest.raises(ProtectedError):
        unit.department.delete()
    with pytest.raises(ProtectedError):
        budget.department.delete()
    with pytest.raises(ProtectedError):
        albania.delete()


# --- Event dates: precision rules, ends_on, display -------------------------------------------

FIRST_OF_MONTH = "For a date known to the month, enter the first day of that month."
FIRST_OF_JANUARY = "For a date known to the year, enter 1 January of that year."


@pytest.mark.parametrize(
    "precision, start, end, errors",
    [
        (MONTH, D(2017, 3, 15), None, {"start_date": [FIRST_OF_MONTH]}),
        (MONTH, D(2017, 3, 1), D(2017, 4, 30), {"end_date": [FIRST_OF_MONTH]}),
        (YEAR, D(2017, 3, 1), None, {"start_date": [FIRST_OF_JANUARY]}),
        (YEAR, D(2017, 1, 2), D(2018, 12, 31), {"start_date": [FIRST_OF_JANUARY], "end_date": [FIRST_OF_JANUARY]}),
    ],
)
def test_dates_must_match_their_precision(precision, start, end, errors):
    event = factories.EventFactory.build(date_precision=precision, start_date=start, end_date=end)
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert excinfo.value.message_dict == errors


@pytest.mark.parametrize(
    "precision, start, end",
    [
        (DAY, D(2017, 7, 26), None),
        (DAY, D(2024, 12, 9), D(2024, 12, 12)),
        (MONTH, D(2017, 3, 1), None),
        (MONTH, D(2017, 3, 1), D(2017, 4, 1)),
        (YEAR, D(2017, 1, 1), None),
        (YEAR, D(2017, 1, 1), D(2018, 1, 1)),
    ],
)
def test_dates_matching_their_precision_are_accepted(precision, start, end):
    factories.EventFactory.build(date_precision=precision, start_date=start, end_date=end).full_clean()


@pytest.mark.parametrize(
    "precision, start, end, ends_on",
    [
        (DAY, D(2017, 7, 26), None, D(2017, 7, 26)),
        (DAY, D(2024, 12, 9), D(2024, 12, 12), D(2024, 12, 12)),
        (MONTH, D(2017, 3, 1), None, D(2017, 3, 31)),
        (MONTH, D(2017, 4, 1), None, D(2017, 4, 30)),
        (MONTH, D(2024, 2, 1), None, D(2024, 2, 29)),  # leap year
        (MONTH, D(2023, 2, 1), None, D(2023, 2, 28)),
        (MONTH, D(2000, 2, 1), None, D(2000, 2, 29)),  # divisible by 400: leap
        (MONTH, D(2100, 2, 1), None, D(2100, 2, 28)),  # divisible by 100 only: not leap
        (MONTH, D(2024, 1, 1), D(2024, 2, 1), D(2024, 2, 29)),  # the end date's month counts
        (YEAR, D(2017, 1, 1), None, D(2017, 12, 31)),
        (YEAR, D(2017, 1, 1), D(2018, 1, 1), D(2018, 12, 31)),
    ],
)
def test_ends_on_is_the_last_day_the_event_may_cover(precision, start, end, ends_on):
    event = factories.EventFactory(date_precision=precision, start_date=start, end_date=end)
    event.refresh_from_db()
    assert event.ends_on == ends_on
    assert last_day_of_period(end or start, precision) == ends_on


def test_ends_on_follows_a_date_change_saved_with_update_fields():
    event = factories.EventFactory(start_date=D(2024, 12, 9))
    event.end_date = D(2024, 12, 12)
    event.save(update_fields=["end_date"])
    event.refresh_from_db()
    assert event.ends_on == D(2024, 12, 12)

    event.date_precision, event.start_date, event.end_date = MONTH, D(2024, 12, 1), None
    event.save(update_fields=["date_precision", "start_date", "end_date"])
    event.refresh_from_db()
    assert event.ends_on == D(2024, 12, 31)


@pytest.mark.parametrize(
    "start, end, precision, shown",
    [
        (D(2017, 7, 26), None, DAY, "26 July 2017"),
        (D(2017, 7, 26), D(2017, 7, 26), DAY, "26 July 2017"),
        (D(2024, 12, 9), D(2024, 12, 12), DAY, "9–12 December 2024"),
        (D(2024, 11, 28), D(2024, 12, 2), DAY, "28 November – 2 December 2024"),
        (D(2024, 12, 30), D(2025, 1, 2), DAY, "30 December 2024 – 2 January 2025"),
        (D(2017, 3, 1), None, MONTH, "March 2017"),
        (D(2017, 3, 1), D(2017, 3, 1), MONTH, "March 2017"),
        (D(2017, 3, 1), D(2017, 4, 1), MONTH, "March–April 2017"),
        (D(2024, 12, 1), D(2025, 1, 1), MONTH, "December 2024 – January 2025"),
        (D(2017, 1, 1), None, YEAR, "2017"),
        (D(2017, 1, 1), D(2017, 1, 1), YEAR, "2017"),
        (D(2017, 1, 1), D(2018, 1, 1), YEAR, "2017–2018"),
    ],
)
def test_format_period(start, end, precision, shown):
    assert format_period(start, end, precision) == shown


def test_an_event_shows_its_dates_and_venue():
    tajikistan = org.Country.objects.get(code="TJ")
    course = factories.EventFactory.build(
        start_date=D(2017, 7, 1), date_precision=MONTH, venue_city="Gissar", venue_country=tajikistan
    )
    campaign = factories.EventFactory.build(start_date=D(2017, 1, 1), date_precision=YEAR, is_online=True)
    meeting = factories.EventFactory.build(venue_country=org.Country.objects.get(code="AT"))
    unknown = factories.EventFactory.build()
    assert (course.dates_display, course.venue_display) == ("July 2017", "Gissar, Tajikistan")
    assert (campaign.dates_display, campaign.venue_display) == ("2017", "Online")
    assert meeting.venue_display == "Austria"
    assert unknown.venue_display == ""


# --- Querysets ---------------------------------------------------------------------------------


def test_published_leaves_drafts_out():
    event = factories.EventFactory()
    factories.EventFactory(status=Status.DRAFT)
    item = factories.NewsItemFactory()
    factories.NewsItemFactory(status=Status.DRAFT)
    assert list(Event.objects.published()) == [event]
    assert list(NewsItem.objects.published()) == [item]
    assert Event.objects.drafts().count() == NewsItem.objects.drafts().count() == 1


def test_upcoming_and_past_split_on_the_given_day():
    today = D(2024, 12, 16)
    ends_today = factories.EventFactory(start_date=D(2024, 12, 9), end_date=today)
    ended_yesterday = factories.EventFactory(start_date=D(2024, 12, 15))
    this_month = factories.EventFactory(start_date=D(2024, 12, 1), date_precision=MONTH)
    last_month = factories.EventFactory(start_date=D(2024, 11, 1), date_precision=MONTH)
    this_year = factories.EventFactory(start_date=D(2024, 1, 1), date_precision=YEAR)
    tomorrow = factories.EventFactory(start_date=D(2024, 12, 17))

    assert set(Event.objects.upcoming(today=today)) == {ends_today, this_month, this_year, tomorrow}
    assert set(Event.objects.past(today=today)) == {ended_yesterday, last_month}
    # On the last day of December a December event is still upcoming; the next day it is past.
    assert this_month in Event.objects.upcoming(today=D(2024, 12, 31))
    assert set(Event.objects.past(today=D(2025, 1, 1))) == set(Event.objects.all())


def test_upcoming_and_past_default_to_today_in_the_sites_time_zone():
    today = timezone.localdate()
    ends_today = factories.EventFactory(start_date=today)
    ended_yesterday = factories.EventFactory(start_date=today - datetime.timedelta(days=1))
    this_month = factories.EventFactory(start_date=today.replace(day=1), date_precision=MONTH)
    assert set(Event.objects.upcoming()) == {ends_today, this_month}
    assert list(Event.objects.past()) == [ended_yesterday]


def test_today_turns_over_at_midnight_in_vienna(monkeypatch, settings):
    """At 23:30 UTC on 16 December it is already 17 December in Vienna: a one-day event of the
    16th is past, though the date in UTC is still the 16th."""
    settings.TIME_ZONE = "Europe/Vienna"
    late_evening_utc = datetime.datetime(2024, 12, 16, 23, 30, tzinfo=datetime.timezone.utc)
    monkeypatch.setattr(timezone, "now", lambda: late_evening_utc)
    event = factories.EventFactory(start_date=D(2024, 12, 16))
    assert list(Event.objects.past()) == [event]
    assert not Event.objects.upcoming().exists()


def test_published_and_upcoming_combine():
    factories.EventFactory(status=Status.DRAFT, start_date=D(2024, 12, 20))
    published = factories.EventFactory(start_date=D(2024, 12, 20))
    assert list(Event.objects.published().upcoming(today=D(2024, 12, 16))) == [published]


def test_with_related_lists_events_in_a_fixed_number_of_queries(django_assert_num_queries):
    country = org.Country.objects.get(code="UZ")
    theme, unit = factories.ThemeFactory(), factories.UnitFactory()
    structure, partner = factories.OsceStructureFactory(), factories.PartnerOrganisationFactory()
    for _ in range(5):
        factories.EventFactory(
            venue_country=country,
            countries=[country],
            themes=[theme],
            units=[unit],
            structures=[structure],
            partners=[partner],
        )
    with django_assert_num_queries(6):  # the events with their venue country, then one per relation
        for event in Event.objects.with_related():
            assert event.venue_display == "Uzbekistan"
            assert [len(event.countries.all()), len(event.themes.all()), len(event.units.all())] == [1, 1, 1]
            assert [len(event.structures.all()), len(event.partners.all())] == [1, 1]


def test_with_related_lists_news_in_a_fixed_number_of_queries(django_assert_num_queries):
    structure, theme = factories.OsceStructureFactory(), factories.ThemeFactory()
    country = org.Country.objects.get(code="AL")
    for _ in range(5):
        factories.NewsItemFactory(structures=[structure], themes=[theme], countries=[country])
    with django_assert_num_queries(4):
        for item in NewsItem.objects.with_related():
            assert [len(item.structures.all()), len(item.themes.all()), len(item.countries.all())] == [1, 1, 1]


# --- Small model behaviour --------------------------------------------------------------------


def test_budget_total_and_names():
    department = factories.DepartmentFactory(acronym="TNTD")
    budget = factories.BudgetFactory(
        department=department,
        year=2017,
        unified_budget=Decimal("2955500.00"),
        extrabudgetary_pledges=Decimal("2221361.00"),
    )
    assert str(budget) == "TNTD 2017"
    iom = factories.PartnerOrganisationFactory(name="International Organization for Migration", acronym="IOM")
    gctf = factories.PartnerOrganisationFactory(name="Global Counterterrorism Forum", acronym="")
    assert str(iom) == "International Organization for Migration (IOM)"
    assert str(gctf) == "Global Counterterrorism Forum"


def test_an_events_venue_is_its_city_and_country_or_online():
    """The one rule for where an event is: pages link its parts, lists and calendars join them."""
    uzbekistan = org.Country(code="UZ", name="Uzbekistan")
    in_tashkent = Event(venue_city="Tashkent", venue_country=uzbekistan)
    assert in_tashkent.venue_parts == ["Tashkent", uzbekistan] and in_tashkent.venue_display == "Tashkent, Uzbekistan"
    assert Event(venue_country=uzbekistan).venue_display == "Uzbekistan"
    online = Event(is_online=True, venue_city="Vienna", venue_country=uzbekistan)  # organised from there
    assert online.venue_parts == ["Online"] and online.venue_display == "Online"
    assert Event().venue_parts == [] and Event().venue_display == ""
