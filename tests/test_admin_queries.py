"""Every changelist costs the same number of queries for 3 rows as for 30: no query per row.

Each event and news item links several countries, themes, units and structures, so a column or
filter that touched a relation row by row would show here.
"""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.models import Country, Department
from tests import factories
from tests.test_admin import admin_url

pytestmark = pytest.mark.django_db


def make_rows(model_name, count):
    """`count` rows of the model, each linked to several others (units, structures and
    departments come two per row; countries are loaded by a migration and stay as they are)."""
    countries = list(Country.objects.order_by("code")[:4])
    themes = [factories.ThemeFactory() for _ in range(3)]
    for _ in range(count):
        units = [factories.UnitFactory(themes=themes) for _ in range(2)]
        structures = [factories.OsceStructureFactory(country=country) for country in countries[:2]]
        department = units[0].department
        if model_name == "event":
            factories.EventFactory(
                venue_country=countries[0], countries=countries, themes=themes, units=units, structures=structures,
                partners=[factories.PartnerOrganisationFactory()],
            )
        elif model_name == "newsitem":
            factories.NewsItemFactory(
                countries=countries, themes=themes, structures=structures,
                related_events=[factories.EventFactory(countries=countries)],
            )
        elif model_name == "budget":
            factories.BudgetFactory(department=department)
        elif model_name == "departmentlink":
            factories.DepartmentLinkFactory(department=department)
        elif model_name == "theme":
            factories.ThemeFactory()
        elif model_name == "partnerorganisation":
            factories.PartnerOrganisationFactory()
        elif model_name == "region":
            factories.RegionFactory(countries=countries)
        elif model_name == "movedpage":
            factories.MovedPageFactory()


def changelist_queries(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries), response.context["cl"].result_count


PROJECT_MODELS = [model for model in admin.site._registry if model._meta.app_label in {"tntd", "activities", "news"}]


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m._meta.model_name)
def test_changelists_cost_the_same_for_3_and_30_rows(admin_client, model, django_assert_num_queries):
    make_rows(model._meta.model_name, 3)
    small, small_rows = changelist_queries(admin_client, model)
    make_rows(model._meta.model_name, 27)
    with django_assert_num_queries(small):
        response = admin_client.get(admin_url(model, "changelist"))
    if model is not Country:
        assert response.context["cl"].result_count >= 30 > small_rows >= 3
    print(f"{model._meta.model_name}: {small} queries for {small_rows} and {response.context['cl'].result_count} rows")


@pytest.mark.parametrize("model_name", ["event", "newsitem"])
def test_filtered_changelists_cost_the_same_too(admin_client, model_name, django_assert_num_queries):
    model = next(m for m in PROJECT_MODELS if m._meta.model_name == model_name)
    theme = factories.ThemeFactory()
    params = {"status": "published", "year": "2017" if model_name == "event" else "2024", "q": "e",
              "themes__id__exact": theme.pk}
    factory = factories.EventFactory if model_name == "event" else factories.NewsItemFactory
    countries = list(Country.objects.order_by("code")[:4])

    factory.create_batch(3, themes=[theme], countries=countries)
    with CaptureQueriesContext(connection) as small:
        assert admin_client.get(admin_url(model, "changelist"), params).context["cl"].result_count == 3
    factory.create_batch(27, themes=[theme], countries=countries)
    with django_assert_num_queries(len(small)):
        assert admin_client.get(admin_url(model, "changelist"), params).context["cl"].result_count == 30
    print(f"{model_name} filtered: {len(small)} queries")


def change_page_queries(client, model, pk):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(admin_url(model, "change", pk)).status_code == 200
    return len(queries)


def test_a_department_page_costs_the_same_for_3_and_30_inline_rows(admin_client):
    department = factories.DepartmentFactory()

    def add_rows(count):
        factories.BudgetFactory.create_batch(count, department=department)
        factories.UnitFactory.create_batch(count, department=department)
        factories.DepartmentLinkFactory.create_batch(count, department=department)

    add_rows(3)
    change_page_queries(admin_client, Department, department.pk)  # warm the content-type cache
    small = change_page_queries(admin_client, Department, department.pk)
    add_rows(27)
    assert change_page_queries(admin_client, Department, department.pk) == small
    print(f"department change page: {small} queries for 3 and 30 budgets, units and links")


@pytest.mark.parametrize("model_name", ["event", "newsitem"])
def test_a_change_page_costs_the_same_for_3_and_30_links(admin_client, model_name):
    factory = factories.EventFactory if model_name == "event" else factories.NewsItemFactory
    model = factory._meta.model

    def links(count):
        return {
            "countries": list(Country.objects.order_by("code")[:count]),
            "themes": factories.ThemeFactory.create_batch(count),
            "structures": factories.OsceStructureFactory.create_batch(count),
            **({"units": factories.UnitFactory.create_batch(count)} if model_name == "event" else
               {"related_events": factories.EventFactory.create_batch(count)}),
        }

    few, many = factory(**links(3)), factory(**links(30))
    change_page_queries(admin_client, model, few.pk)  # warm the content-type cache
    small = change_page_queries(admin_client, model, few.pk)
    assert change_page_queries(admin_client, model, many.pk) == small
    print(f"{model_name} change page: {small} queries for 3 and 30 of each link")
