"""The back office as staff use it: every page opens, filters and search work, roles hold,
bad input is re-shown with a message, and changelists cost the same whatever their length."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Event
from news.models import NewsItem
from tests import factories
from tntd.models import Budget, Country, Department, Unit
from tntd.publishing import Status

pytestmark = pytest.mark.django_db

FACTORY_FOR = {
    "theme": factories.ThemeFactory,
    "country": lambda: Country.objects.get(code="AL"),
    "department": factories.DepartmentFactory,
    "departmentlink": factories.DepartmentLinkFactory,
    "unit": factories.UnitFactory,
    "oscestructure": factories.OsceStructureFactory,
    "partnerorganisation": factories.PartnerOrganisationFactory,
    "budget": factories.BudgetFactory,
    "event": factories.EventFactory,
    "newsitem": factories.NewsItemFactory,
}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def user_in_group(name):
    user = factories.UserFactory(username=name.lower())
    user.groups.add(Group.objects.get(name=name))
    return user


def event_form_data(**overrides):
    data = {
        "title": "Workshop on border checks",
        "slug": "workshop-on-border-checks",
        "event_type": Event.Type.WORKSHOP,
        "status": Status.PUBLISHED,
        "start_date": "2026-03-01",
        "end_date": "",
        "date_precision": "month",
        "venue_city": "Vienna",
        "venue_country": Country.objects.get(code="AT").pk,
        "summary": "A workshop.",
        "body": "",
        "photo_caption": "",
        "photo_credit": "",
        "participants_total": "",
        "participants_women": "",
        "participants_men": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_admin_page_opens_for_a_superuser(admin_client, model):
    obj = FACTORY_FOR[model._meta.model_name]() if model._meta.model_name in FACTORY_FOR else None
    if obj is None:  # Django's own (users, groups)
        obj = model.objects.first() or model.objects.create(**({"name": "G"} if model is Group else {"username": "x"}))
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_admin_is_titled_for_the_department(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert "Transnational Threats Department" in response.text


def changelist_titles(client, model, **params):
    response = client.get(admin_url(model, "changelist"), params)
    assert response.status_code == 200
    return {str(obj) for obj in response.context["cl"].result_list}


def test_event_search_and_filters(admin_client):
    albania, serbia = Country.objects.get(code="AL"), Country.objects.get(code="RS")
    theme = factories.ThemeFactory(name="Policing")
    unit = factories.UnitFactory(name="Strategic Police Matters Unit")
    factories.EventFactory(
        title="Exercise in Tirana", event_type=Event.Type.EXERCISE, venue_city="Tirana", venue_country=albania,
        start_date=datetime.date(2017, 6, 1), themes=[theme], units=[unit],
    )
    factories.EventFactory(
        title="Seminar with Albanian experts", event_type=Event.Type.SEMINAR, venue_country=serbia,
        countries=[albania], start_date=datetime.date(2024, 12, 4), status=Status.DRAFT,
    )
    factories.EventFactory(title="Conference in Belgrade", event_type=Event.Type.CONFERENCE, venue_country=serbia,
                           start_date=datetime.date(2024, 5, 2))

    assert changelist_titles(admin_client, Event, q="Tirana") == {"Exercise in Tirana"}
    assert changelist_titles(admin_client, Event, country="AL") == {"Exercise in Tirana", "Seminar with Albanian experts"}
    assert changelist_titles(admin_client, Event, status="draft") == {"Seminar with Albanian experts"}
    assert changelist_titles(admin_client, Event, event_type="conference") == {"Conference in Belgrade"}
    assert changelist_titles(admin_client, Event, year="2024") == {"Seminar with Albanian experts", "Conference in Belgrade"}
    assert changelist_titles(admin_client, Event, themes__id__exact=theme.pk) == {"Exercise in Tirana"}
    assert changelist_titles(admin_client, Event, units__id__exact=unit.pk) == {"Exercise in Tirana"}
    assert changelist_titles(admin_client, Event, year="nonsense") == {
        "Exercise in Tirana", "Seminar with Albanian experts", "Conference in Belgrade"
    }


def test_news_search_and_filters(admin_client):
    theme = factories.ThemeFactory(name="Policing")
    structure = factories.OsceStructureFactory(name="OSCE Presence in Albania")
    factories.NewsItemFactory(title="Cryptocurrency peer exchange", structures=[structure],
                              countries=[Country.objects.get(code="AL")])
    factories.NewsItemFactory(title="Police cadets trained", themes=[theme], content_type="", status=Status.DRAFT)

    assert changelist_titles(admin_client, NewsItem, q="cryptocurrency") == {"Cryptocurrency peer exchange"}
    assert changelist_titles(admin_client, NewsItem, themes__id__exact=theme.pk) == {"Police cadets trained"}
    assert changelist_titles(admin_client, NewsItem, structures__id__exact=structure.pk) == {"Cryptocurrency peer exchange"}
    assert changelist_titles(admin_client, NewsItem, status="draft") == {"Police cadets trained"}
    assert changelist_titles(admin_client, NewsItem, content_type="news") == {"Cryptocurrency peer exchange"}
    albania = Country.objects.get(code="AL")
    assert changelist_titles(admin_client, NewsItem, countries__id__exact=albania.pk) == {"Cryptocurrency peer exchange"}


def test_organisation_search_and_filters(admin_client):
    department = factories.DepartmentFactory(name="Transnational Threats Department", acronym="TNTD")
    factories.BudgetFactory(department=department, year=2017)
    factories.BudgetFactory(year=2018)
    factories.UnitFactory(department=department, name="Border Security and Management Unit")
    factories.UnitFactory(name="Other unit")

    assert changelist_titles(admin_client, Budget, department__id__exact=department.pk) == {"TNTD 2017"}
    assert changelist_titles(admin_client, Budget, year=2018) == {f"{Budget.objects.get(year=2018).department.acronym} 2018"}
    assert changelist_titles(admin_client, Unit, q="border") == {"Border Security and Management Unit"}
    assert changelist_titles(admin_client, Country, osce_status="partner", partner_group="asian") == {
        "Afghanistan", "Australia", "Japan", "Republic of Korea", "Thailand"
    }
    assert changelist_titles(admin_client, Country, q="XK") == {"Kosovo"}


# --- Roles -----------------------------------------------------------------------------------


def test_an_editor_saves_drafts_even_when_the_post_says_published(client):
    client.force_login(user_in_group("Editors"))
    response = client.post(admin_url(Event, "add"), event_form_data(status=Status.PUBLISHED))
    assert response.status_code == 302
    event = Event.objects.get(slug="workshop-on-border-checks")
    assert event.status == Status.DRAFT

    response = client.post(admin_url(Event, "change", event.pk), event_form_data(status=Status.PUBLISHED, title="Edited"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.status) == ("Edited", Status.DRAFT)


def test_an_editor_cannot_publish_unpublish_or_delete(client):
    client.force_login(user_in_group("Editors"))
    draft = factories.EventFactory(status=Status.DRAFT)
    published = factories.EventFactory(status=Status.PUBLISHED)
    changelist = client.get(admin_url(Event, "changelist"))
    action_form = changelist.context["action_form"]
    actions = dict(action_form.fields["action"].choices) if action_form else {}
    assert "publish" not in actions and "unpublish" not in actions and "delete_selected" not in actions

    for action, target in (("publish", draft), ("unpublish", published)):
        client.post(admin_url(Event, "changelist"), {"action": action, "_selected_action": [target.pk]})
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (Status.DRAFT, Status.PUBLISHED)
    assert client.post(admin_url(Event, "delete", draft.pk), {"post": "yes"}).status_code == 403
    assert Event.objects.filter(pk=draft.pk).exists()


def test_a_publisher_publishes_and_unpublishes(client):
    publisher = user_in_group("Publishers")
    client.force_login(publisher)
    drafts = [factories.NewsItemFactory(status=Status.DRAFT) for _ in range(2)]
    response = client.post(
        admin_url(NewsItem, "changelist"), {"action": "publish", "_selected_action": [d.pk for d in drafts]}, follow=True
    )
    assert "2 news items published." in response.text
    assert set(NewsItem.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert set(NewsItem.objects.values_list("updated_by", flat=True)) == {publisher.pk}

    client.post(admin_url(NewsItem, "changelist"), {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    assert NewsItem.objects.get(pk=drafts[0].pk).status == Status.DRAFT

    response = client.post(admin_url(Event, "add"), event_form_data(status=Status.PUBLISHED))
    assert response.status_code == 302
    assert Event.objects.get().status == Status.PUBLISHED


# --- Audit ---------------------------------------------------------------------------------


def test_audit_fields_record_who_created_and_changed_records_and_inline_rows(client, superuser):
    other = factories.UserFactory(username="second", is_superuser=True)
    client.force_login(superuser)
    data = {
        "name": "Transnational Threats Department", "acronym": "TNTD", "slug": "tntd",
        "head_name": "Rasa Ostrauskaite", "head_title": "", "description": "",
        "units-TOTAL_FORMS": 0, "units-INITIAL_FORMS": 0,
        "links-TOTAL_FORMS": 1, "links-INITIAL_FORMS": 0,
        "links-0-label": "Policing", "links-0-url": "https://www.osce.org/secretariat/policing", "links-0-display_order": 0,
        "budgets-TOTAL_FORMS": 1, "budgets-INITIAL_FORMS": 0,
        "budgets-0-year": 2017, "budgets-0-unified_budget": "2955500", "budgets-0-extrabudgetary_pledges": "2221361",
        "budgets-0-staff_total": 33, "budgets-0-staff_extrabudgetary": 6,
    }
    assert client.post(admin_url(Department, "add"), data).status_code == 302
    department = Department.objects.get()
    budget = department.budgets.get()
    assert (department.created_by, department.updated_by) == (superuser, superuser)
    assert (budget.created_by, budget.updated_by) == (superuser, superuser)
    assert department.links.get().created_by == superuser

    client.force_login(other)
    response = client.post(admin_url(Department, "change", department.pk), {
        **data, "head_title": "Co-ordinator", "links-TOTAL_FORMS": 0, "budgets-TOTAL_FORMS": 1, "budgets-INITIAL_FORMS": 1,
        "budgets-0-id": budget.pk, "budgets-0-department": department.pk, "budgets-0-staff_total": 34,
    })
    assert response.status_code == 302
    department.refresh_from_db()
    budget.refresh_from_db()
    assert (department.created_by, department.updated_by) == (superuser, other)
    assert (budget.created_by, budget.updated_by, budget.staff_total) == (superuser, other, 34)


# --- Bad input ------------------------------------------------------------------------------


def budget_data(department, **overrides):
    return {
        "department": department.pk, "year": 2017, "unified_budget": "2955500.00",
        "extrabudgetary_pledges": "2221361.00", "staff_total": 33, "staff_extrabudgetary": 6, **overrides,
    }


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"staff_extrabudgetary": 34}, "Staff under extrabudgetary projects cannot exceed the total staff."),
        ({"unified_budget": "-1"}, "Amounts cannot be negative."),
        ({"year": 1800}, "The year must be between 1990 and 2100."),
        ({"year": 2017, "_duplicate": True}, "This department already has a budget for that year."),
        ({"unified_budget": "a lot"}, "Enter a number."),
    ],
)
def test_invalid_budgets_are_shown_again_with_the_reason(admin_client, overrides, message):
    department = factories.DepartmentFactory()
    if overrides.pop("_duplicate", False):
        factories.BudgetFactory(department=department, year=2017)
    before = Budget.objects.count()
    response = admin_client.post(admin_url(Budget, "add"), budget_data(department, **overrides))
    assert response.status_code == 200
    assert message in response.text
    assert Budget.objects.count() == before


def test_a_duplicate_budget_year_in_the_department_inline_is_a_form_error(admin_client):
    department = factories.DepartmentFactory()
    data = {
        "name": department.name, "acronym": department.acronym, "slug": department.slug,
        "head_name": "", "head_title": "", "description": "",
        "units-TOTAL_FORMS": 0, "units-INITIAL_FORMS": 0, "links-TOTAL_FORMS": 0, "links-INITIAL_FORMS": 0,
        "budgets-TOTAL_FORMS": 2, "budgets-INITIAL_FORMS": 0,
    }
    for i in (0, 1):
        data.update({f"budgets-{i}-year": 2017, f"budgets-{i}-unified_budget": "1", f"budgets-{i}-extrabudgetary_pledges": "1",
                     f"budgets-{i}-staff_total": 3, f"budgets-{i}-staff_extrabudgetary": 1})
    response = admin_client.post(admin_url(Department, "change", department.pk), data)
    assert response.status_code == 200
    assert "Please correct the duplicate data for year" in response.text
    assert not Budget.objects.exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"start_date": "2026-03-05"}, "For a date known to the month, enter the first day of that month."),
        ({"date_precision": "day", "start_date": "2026-03-05", "end_date": "2026-03-04"},
         "The end date cannot be before the start date."),
        ({"participants_total": 10, "participants_women": 6, "participants_men": 5},
         "Women and men together cannot be more than all participants."),
        ({"participants_total": 10, "participants_women": 11}, "Women cannot outnumber all participants."),
        ({"start_date": "2026-02-30"}, "Enter a valid date."),
        ({"venue_country": 999999}, "Select a valid choice."),
    ],
)
def test_invalid_events_are_shown_again_with_the_reason(admin_client, overrides, message):
    response = admin_client.post(admin_url(Event, "add"), event_form_data(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert not Event.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_as_a_photo(admin_client):
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = admin_client.post(admin_url(Event, "add"), {**event_form_data(), "photo": fake})
    assert response.status_code == 200
    assert "Upload a valid image" in response.text
    assert not Event.objects.exists()


def test_a_country_code_must_be_two_capitals(admin_client):
    response = admin_client.post(admin_url(Country, "add"), {"code": "a1", "name": "Nowhere", "osce_status": "other",
                                                             "partner_group": ""})
    assert response.status_code == 200
    assert "The ISO code is two capital letters, such as AL." in response.text
    assert not Country.objects.filter(name="Nowhere").exists()


# --- Query counts ---------------------------------------------------------------------------


def make_rows(model_name, count):
    countries = list(Country.objects.order_by("code")[:4])
    themes = [factories.ThemeFactory() for _ in range(3)]
    for _ in range(count):
        if model_name == "event":
            factories.EventFactory(venue_country=countries[0], countries=countries, themes=themes,
                                   units=[factories.UnitFactory()])
        elif model_name == "newsitem":
            factories.NewsItemFactory(countries=countries, themes=themes, structures=[factories.OsceStructureFactory()])
        elif model_name == "budget":
            factories.BudgetFactory()
        elif model_name == "unit":
            factories.UnitFactory(themes=themes)
        elif model_name == "oscestructure":
            factories.OsceStructureFactory(country=countries[1])


def changelist_queries(client, model):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(admin_url(model, "changelist")).status_code == 200
    return len(queries)


@pytest.mark.parametrize("model_name", ["event", "newsitem", "budget", "unit", "oscestructure"])
def test_changelists_cost_the_same_for_3_and_30_rows(admin_client, model_name):
    model = next(m for m in admin.site._registry if m._meta.model_name == model_name)
    make_rows(model_name, 3)
    small = changelist_queries(admin_client, model)
    make_rows(model_name, 27)
    assert changelist_queries(admin_client, model) == small
