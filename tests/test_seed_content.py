"""The seed content: `load_seed_content` loads the facts of the two seed documents, published,
and running it again changes nothing."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from activities.models import DatePrecision, Event
from news.models import NewsItem
from organisation.models import Budget, Country, Department, DepartmentLink, OsceStructure, PartnerOrganisation, Theme, Unit
from publishing.models import Status, publishing_writes

SEEDED_MODELS = [Theme, Department, DepartmentLink, Budget, Unit, OsceStructure, PartnerOrganisation, Event, NewsItem]
M2M_FIELDS = [
    (Unit, "themes"),
    (Event, "countries"),
    (Event, "themes"),
    (Event, "units"),
    (Event, "structures"),
    (Event, "partners"),
    (NewsItem, "structures"),
    (NewsItem, "themes"),
    (NewsItem, "countries"),
    (NewsItem, "related_events"),
]


def load_seed_content():
    out = StringIO()
    call_command("load_seed_content", stdout=out)
    return out.getvalue()


def database_state():
    """Every seeded row with its last change, and every many-to-many link."""
    rows = {model.__name__: sorted(model.objects.values_list("pk", "updated_at")) for model in SEEDED_MODELS}
    links = {
        f"{model.__name__}.{name}": sorted(getattr(model, name).through.objects.values_list())
        for model, name in M2M_FIELDS
    }
    return rows, links


@pytest.fixture
def seeded(db):
    return load_seed_content()


def test_first_run_creates_everything_published(seeded):
    assert "Events: 36 created, 0 updated, 0 unchanged" in seeded
    assert "News items: 7 created, 0 updated, 0 unchanged" in seeded
    assert not Event.objects.drafts().exists()
    assert not NewsItem.objects.drafts().exists()
    assert Event.objects.published().count() == 36
    assert NewsItem.objects.published().count() == 7


def test_second_run_changes_nothing(seeded):
    before = database_state()

    output = load_seed_content()

    assert database_state() == before
    assert " 0 created, 0 updated" in output
    assert "Events: 0 created, 0 updated, 36 unchanged" in output


def test_second_run_puts_back_what_was_changed(seeded):
    event = Event.objects.get(slug="bsm-national-focal-point-network-annual-meeting-2017")
    with publishing_writes():  # as a careless fix in the database might
        Event.objects.filter(pk=event.pk).update(title="Edited", status=Status.DRAFT)
    event.themes.clear()

    output = load_seed_content()

    event.refresh_from_db()
    assert event.title == "Annual Meeting of the OSCE Border Security and Management National Focal Point Network"
    assert event.is_published
    assert list(event.themes.values_list("slug", flat=True)) == ["border-security-and-management"]
    assert "Events: 0 created, 1 updated, 35 unchanged" in output


def test_countries_are_looked_up_never_created(db):
    countries_before = Country.objects.count()
    load_seed_content()
    assert Country.objects.count() == countries_before == 69
    pristina = Event.objects.get(venue_city="Prishtinë/Priština")
    assert pristina.venue_country.code == "XK"


def test_a_missing_country_stops_the_load_and_loads_nothing(db):
    Country.objects.filter(code="TJ").delete()

    with pytest.raises(CommandError, match=r"Unknown country codes \['TJ'\]"):
        load_seed_content()

    assert not Theme.objects.exists()
    assert not Event.objects.exists()


def test_budget_2017_as_the_report_states_it(seeded):
    budget = Budget.objects.get(department__acronym="TNTD", year=2017)
    assert budget.unified_budget == Decimal("2955500.00")
    assert budget.extrabudgetary_pledges == Decimal("2221361.00")
    assert isinstance(budget.unified_budget, Decimal)
    assert budget.staff_total == 33
    assert budget.staff_extrabudgetary == 6


def test_department_head_and_links(seeded):
    department = Department.objects.get(slug="transnational-threats-department")
    assert department.acronym == "TNTD"
    assert department.head_name == "Rasa Ostrauskaite"
    assert department.head_title == "Co-ordinator of Activities to Address Transnational Threats"
    assert list(department.links.values_list("url", flat=True)) == [
        "https://www.osce.org/secretariat/cyber-ict-security",
        "https://www.osce.org/secretariat/terrorism",
        "https://www.osce.org/secretariat/policing",
        "https://www.osce.org/secretariat/borders",
        "https://polis.osce.org",
    ]


def test_four_units_in_the_reports_order_without_acronyms(seeded):
    units = Unit.objects.filter(department__acronym="TNTD")
    assert [unit.name for unit in units] == [
        "Co-ordination Cell",
        "Action against Terrorism Unit",
        "Border Security and Management Unit",
        "Strategic Police Matters Unit",
    ]
    assert set(units.values_list("acronym", flat=True)) == {""}
    assert list(units[0].themes.values_list("name", flat=True)) == ["Cyber/ICT security"]


def test_the_co_ordination_cell_is_the_departments_cell_and_the_other_three_its_thematic_units(seeded):
    kinds = dict(Unit.objects.values_list("slug", "kind"))
    assert kinds.pop("co-ordination-cell") == Unit.Kind.COORDINATION_CELL
    assert set(kinds.values()) == {Unit.Kind.THEMATIC_UNIT} and len(kinds) == 3


def test_no_event_is_said_to_be_organised_by_a_unit_the_sources_do_not_name(seeded):
    # The report names TNTD as the actor, under topic headings; it never says which unit ran what.
    assert Event.objects.exists() and not Event.units.through.objects.exists()


def test_the_khoja_obigarm_course_is_known_to_the_year_and_its_photo_to_the_day(seeded):
    event = Event.objects.get(venue_city="Khoja Obigarm")
    assert (event.start_date, event.date_precision) == (datetime.date(2017, 1, 1), DatePrecision.YEAR)
    assert event.dates_display == "2017"
    assert event.photo_caption.endswith("Khoja Obigarm, 17 April 2017.")
    assert "the technique of belaying in a bundle" in event.summary and "such as" not in event.summary


def test_the_cyber_theme_tells_of_the_support_for_confidence_building_measures(seeded):
    description = Theme.objects.get(slug="cyber-ict-security").description
    assert (
        "TNTD continued to support the participating States, upon their request, in implementing the OSCE "
        "cyber/ICT security confidence-building measures (CBMs)."
    ) in description
    assert "the facilitation of the development of a work plan to tackle these challenges." in description


def test_cryptocurrency_news_is_tied_to_the_presence_in_albania(seeded):
    item = NewsItem.objects.get(published_on=datetime.date(2024, 12, 16), title__contains="cryptocurrency")
    assert item.is_published
    assert item.kind == NewsItem.Kind.NEWS
    presence = OsceStructure.objects.get(name="OSCE Presence in Albania")
    assert presence.country.code == "AL"
    assert presence in item.structures.all()
    event = item.related_events.get()
    assert event.dates_display == "16 December 2024"
    assert event.venue_display == "Tirana, Albania"
    assert list(event.structures.all()) == [presence]


def test_bsm_annual_meeting_is_known_to_the_month(seeded):
    event = Event.objects.get(title__startswith="Annual Meeting of the OSCE Border Security")
    assert event.date_precision == DatePrecision.MONTH
    assert event.start_date == datetime.date(2017, 3, 1)
    assert event.ends_on == datetime.date(2017, 3, 31)
    assert event.dates_display == "March 2017"
    assert event.venue_display == "Austria"


def test_pool_of_young_experts_counts(seeded):
    event = Event.objects.get(title__contains="Pool of Young Experts")
    assert (event.participants_total, event.participants_women, event.participants_men) == (27, 18, 9)
    assert event.dates_display == "11–13 December 2024"


def test_approximate_counts_stay_in_the_text(seeded):
    conference = Event.objects.get(slug="osce-wide-counter-terrorism-conference-verlt-2017")
    kyiv = Event.objects.get(venue_city="Kyiv")
    assert conference.participants_total is None
    assert "more than 500" in conference.summary
    assert kyiv.participants_total is None
    assert "over 100" in kyiv.summary.lower()


def test_photo_caption_and_credit_without_a_file(seeded):
    event = Event.objects.get(venue_city="Gissar")
    assert event.photo_credit == "OSCE/Daler Khamidov"
    assert event.photo_caption.endswith("Gissar, Tajikistan, 26 July 2017.")
    assert not event.photo
    assert event.dates_display == "July 2017"


def test_events_known_only_to_the_year_say_2017(seeded):
    exercises = Event.objects.filter(event_type=Event.Type.EXERCISE).order_by("venue_city")
    assert [(e.venue_city, e.venue_country.code) for e in exercises] == [
        ("Belgrade", "RS"),
        ("Bratislava", "SK"),
        ("Skopje", "MK"),
        ("Tirana", "AL"),
    ]
    assert {e.dates_display for e in exercises} == {"2017"}


def test_news_items_as_the_page_lists_them(seeded):
    items = {item.title: item for item in NewsItem.objects.prefetch_related("structures", "themes", "related_events")}
    young_experts = items["OSCE trains Pool of Young Experts in the peace and security field"]
    assert young_experts.kind == ""
    assert not young_experts.structures.all()
    migration = items["Challenges and opportunities in the field of migration diplomacy in focus at OSCE workshop"]
    assert [theme.name for theme in migration.themes.all()] == ["Economic activities"]
    assert not migration.related_events.all()  # the page gives its workshop no date or place
    e_evidence = items["OSCE builds Uzbekistan’s capacity in requesting electronic evidence across borders"]
    assert {s.name for s in e_evidence.structures.all()} == {"Transnational Threats Department", "OSCE Secretariat"}
    assert [theme.name for theme in e_evidence.themes.all()] == ["Countering terrorism"]
    assert sum(1 for item in items.values() if item.related_events.all()) == 6
