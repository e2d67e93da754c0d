"""What the back office says to staff, in their words (issue 23, item 4): every value another
record has already (each unique field of each model staff edit), every rule of the database
(each constraint) and the bounds of numbers and texts, each posted in a form and read on the
field to fix; an empty value as "—"; the third-party apps named for staff on the admin's home.

The wording is what these tests are about: they assert it."""

import html5lib
import pytest
from django.contrib import admin
from django.urls import reverse

from activities.models import Event
from news.models import NewsItem
from organisation.models import (
    Budget,
    Country,
    Department,
    OsceStructure,
    PartnerOrganisation,
    Region,
    Theme,
    Unit,
)
from tests import factories
from tests.test_admin import admin_url, event_form_data, news_form_data
from tests.test_admin_languages import speaking
from tests.test_admin_validation import budget_data
from translations.fields import DEFAULT, column, translation_columns
from website.models import MovedPage

pytestmark = pytest.mark.django_db


def add_form_data(client, model):
    """What the add form posts when nothing is typed: its initial values, and its inlines'
    management forms."""
    response = client.get(admin_url(model, "add"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False):
            continue
        data[name] = [str(item) for item in value] if isinstance(value, (list, tuple)) else value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
    return data


# A valid new record of each model, as typed in its add form; each test changes one field.
def valid_data(client, model):
    if model is Event:
        return event_form_data(title="A new workshop", slug="a-new-workshop")
    if model is NewsItem:
        return news_form_data(title="A new story", slug="a-new-story")
    typed = {
        Theme: lambda: {"name_en": "A new theme", "slug": "a-new-theme"},
        Country: lambda: {"code": "ZZ", "name_en": "Nowhere", "osce_status": "other"},
        Region: lambda: {"name_en": "A new region", "slug": "a-new-region"},
        Department: lambda: {"name_en": "A new department", "slug": "a-new-department"},
        Unit: lambda: {"name_en": "A new unit", "slug": "a-new-unit", "department": factories.DepartmentFactory().pk},
        OsceStructure: lambda: {"name_en": "A new structure", "slug": "a-new-structure", "kind": "field_operation"},
        PartnerOrganisation: lambda: {"name_en": "A new partner", "slug": "a-new-partner"},
        MovedPage: lambda: {"old_path": "/events/a-new-old-address/", "new_path": "/events/new/"},
    }[model]()
    return {**add_form_data(client, model), **typed}


def errors_of(client, model, data):
    response = client.post(admin_url(model, "add"), data)
    assert response.status_code == 200, "the form should come back"
    return response.context["adminform"].form.errors


# (model, the field posted, what a stored record has there, the message on that field)
TAKEN = [
    (Theme, "name_en", lambda: factories.ThemeFactory(name="Policing"), "Policing",
     "Another theme already has this name [en]: choose another."),
    (Theme, "name_ru", lambda: factories.ThemeFactory(name_ru="Полиция"), "Полиция",
     "Another theme already has this name [ru]: choose another."),
    (Theme, "slug", lambda: factories.ThemeFactory(slug="policing"), "policing",
     "Another theme already has this web address (slug): choose another."),
    (Country, "code", lambda: None, "AL", "Another country already has this ISO code: choose another."),
    (Region, "name_en", lambda: None, "Central Asia", "Another region already has this name [en]: choose another."),
    (Region, "slug", lambda: None, "central-asia", "Another region already has this web address (slug): choose another."),
    (Department, "name_en", lambda: factories.DepartmentFactory(name="Transnational Threats Department"),
     "Transnational Threats Department", "Another department already has this name [en]: choose another."),
    (Department, "slug", lambda: factories.DepartmentFactory(slug="tntd"), "tntd",
     "Another department already has this web address (slug): choose another."),
    (Unit, "name_en", lambda: factories.UnitFactory(name="Strategic Police Matters Unit"), "Strategic Police Matters Unit",
     "Another unit already has this name [en]: choose another."),
    (Unit, "slug", lambda: factories.UnitFactory(slug="spmu"), "spmu",
     "Another unit already has this web address (slug): choose another."),
    (OsceStructure, "name_en", lambda: factories.OsceStructureFactory(name="OSCE Secretariat"), "OSCE Secretariat",
     "Another OSCE structure already has this name [en]: choose another."),
    (OsceStructure, "slug", lambda: factories.OsceStructureFactory(slug="secretariat"), "secretariat",
     "Another OSCE structure already has this web address (slug): choose another."),
    (PartnerOrganisation, "name_en", lambda: factories.PartnerOrganisationFactory(name="INTERPOL"), "INTERPOL",
     "Another partner organisation already has this name [en]: choose another."),
    (PartnerOrganisation, "slug", lambda: factories.PartnerOrganisationFactory(slug="interpol"), "interpol",
     "Another partner organisation already has this web address (slug): choose another."),
    (Event, "slug", lambda: factories.EventFactory(slug="border-workshop"), "border-workshop",
     "Another event already has this web address (slug): choose another."),
    (NewsItem, "slug", lambda: factories.NewsItemFactory(slug="cadets-trained"), "cadets-trained",
     "Another news item already has this web address (slug): choose another."),
    (MovedPage, "old_path", lambda: factories.MovedPageFactory(old_path="/events/old/"), "/events/old/",
     "Another moved page already has this old address: choose another."),
]


@pytest.mark.parametrize("model, field, stored, value, message", TAKEN,
                         ids=[f"{case[0]._meta.model_name}-{case[1]}" for case in TAKEN])
def test_a_value_another_record_has_is_said_on_its_field_in_plain_words(admin_client, model, field, stored, value,
                                                                        message):
    stored()
    before = model._default_manager.count()
    errors = errors_of(admin_client, model, {**valid_data(admin_client, model), field: value})
    assert errors[field] == [message]
    assert model._default_manager.count() == before


# (constraint, model, what is posted, the field it is shown on (None: the form's top), its message)
RULES = {
    "event_ends_after_start": (Event, {"date_precision": "day", "start_date": "2026-03-05", "end_date": "2026-03-04"},
                               "end_date", "The end date cannot be before the start date."),
    "event_women_within_total": (Event, {"participants_total": 10, "participants_women": 11},
                                 "participants_women", "Women cannot outnumber all participants."),
    "event_men_within_total": (Event, {"participants_total": 10, "participants_men": 11},
                               "participants_men", "Men cannot outnumber all participants."),
    "event_women_and_men_within_total": (Event, {"participants_total": 10, "participants_women": 6, "participants_men": 5},
                                         "participants_total", "Women and men together cannot be more than all participants."),
    "country_code_two_capitals": (Country, {"code": "a1"}, "code", "The ISO code is two capital letters, such as AL."),
    "country_partner_group_only_for_partners": (
        Country, {"osce_status": "partner", "partner_group": ""}, "partner_group",
        "A Partner for Co-operation needs its group; other countries have none."),
    "budget_one_per_department_and_year": (Budget, {"year": 2017}, "year",
                                           "This department already has a budget for that year."),
    "budget_year_plausible": (Budget, {"year": 1800}, "year", "The year must be between 1990 and 2100."),
    "budget_amounts_not_negative": (Budget, {"unified_budget": "-1"}, None, "Amounts cannot be negative."),
    "budget_extrabudgetary_staff_within_total": (Budget, {"staff_extrabudgetary": 34}, "staff_extrabudgetary",
                                                 "Staff under extrabudgetary projects cannot exceed the total staff."),
}


@pytest.mark.parametrize("constraint", RULES)
def test_each_rule_of_the_database_is_said_in_plain_words_on_the_field_to_fix(admin_client, constraint):
    model, posted, field, message = RULES[constraint]
    if model is Budget:
        stored = factories.BudgetFactory(year=2017)
        data = budget_data(stored.department, **{"year": 2018, **posted})
    else:
        data = {**valid_data(admin_client, model), **posted}
    before = model._default_manager.count()
    form_errors = errors_of(admin_client, model, data)
    assert form_errors.get(field or "__all__") == [message]
    assert model._default_manager.count() == before


def staff_edited_models():
    """The project's models that staff add and change in the back office."""
    return [model for model in admin.site._registry if model._meta.app_label in {"tntd", "activities", "news"}]


def test_every_unique_field_and_rule_of_the_database_has_its_plain_words_tested():
    """A unique field or a constraint added later needs its case above: a translated one in
    English at least (its other languages' columns are unique the same way: Theme's both)."""
    tested = {(model, field) for model, field, *_ in TAKEN}
    for model in staff_edited_models():
        columns = translation_columns(model)
        for field in model._meta.concrete_fields:
            if not field.unique or field.primary_key or not field.editable:
                continue
            if field.name in columns and not field.name.endswith(f"_{DEFAULT}"):
                continue  # a translation's column: unique as the English one
            name = column(field.name, DEFAULT) if column(field.name, DEFAULT) in columns else field.name
            assert (model, name) in tested, f"{model._meta.label}.{name}"
        for constraint in model._meta.constraints:
            assert constraint.name in RULES, f"{model._meta.label}: {constraint.name}"


@pytest.mark.parametrize(
    "model, posted, field, message",
    [
        (Event, {"participants_total": -1}, "participants_total", "Enter 0 or more."),
        (Event, {"title": "x" * 301}, "title_en", "This is too long: at most 300 characters (it has 301)."),
        (Budget, {"unified_budget": "1" * 13}, "unified_budget", "This is too large: at most 12 digits before the decimal point."),
        (Budget, {"staff_total": -3}, "staff_total", "Enter 0 or more."),
    ],
)
def test_numbers_and_texts_out_of_bounds_are_said_in_plain_words(admin_client, model, posted, field, message):
    data = budget_data(factories.DepartmentFactory(), **posted) if model is Budget else event_form_data(**posted)
    assert errors_of(admin_client, model, data)[field] == [message]


def test_an_event_tells_the_precision_of_its_dates_in_words(admin_client):
    form = admin_client.get(admin_url(Event, "add")).context["adminform"].form
    field = form.fields["date_precision"]
    assert str(field.label) == "Precision of the dates"
    assert "the day, only the month, or only the year" in str(field.help_text)


def parse(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def text_of(element):
    return "".join(element.itertext()).strip()


def with_class(element, tag, name):
    """The first `tag` under `element` with the class `name` among its classes."""
    return next(found for found in element.iterfind(f".//{tag}[@class]") if name in found.get("class").split())


def test_an_empty_value_is_a_dash_in_lists_and_read_only_fields(admin_client):
    structure = factories.OsceStructureFactory(name="Secretariat", country=None)
    listed = parse(admin_client.get(admin_url(OsceStructure, "changelist")))
    assert text_of(with_class(listed.find(".//table[@id='result_list']"), "td", "field-country")) == "—"
    form = parse(admin_client.get(admin_url(OsceStructure, "change", structure.pk)))
    assert text_of(with_class(with_class(form, "div", "field-created_by"), "div", "readonly")) == "—"


SECURITY_APPS = {
    "axes": "Security: sign-in attempts and lockouts",
    "otp_totp": "Security: authenticator apps (second factor)",
    "otp_static": "Security: single-use sign-in codes",
}


def app_captions(response):
    """{app label: its heading} of the admin home's list of apps."""
    return {
        module.get("class").split()[0].removeprefix("app-"): text_of(module.find(".//caption"))
        for module in parse(response).iterfind(".//div[@id='content-main']//div[@class]")
        if module.get("class").startswith("app-")
    }


def test_third_party_apps_are_named_for_staff_on_the_admin_home(admin_client):
    captions = app_captions(admin_client.get(reverse("admin:index")))
    assert {label: captions[label] for label in SECURITY_APPS} == SECURITY_APPS


def test_third_party_apps_are_named_in_russian_too(client):
    client.force_login(speaking(factories.UserFactory(username="ivan", is_superuser=True), "ru"))
    captions = app_captions(client.get(reverse("admin:index")))
    assert captions["axes"] == "Безопасность: попытки входа и блокировки"
    assert captions["otp_totp"] == "Безопасность: приложения для кодов (второй фактор)"
    assert captions["otp_static"] == "Безопасность: одноразовые коды для входа"
