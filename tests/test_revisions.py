"""Revisions (django-reversion, django-reversion-compare): every admin save of an event, news
item, department, unit or budget is a revision; staff compare two side by side and revert
to one, which becomes a revision itself."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from activities.models import Event
from organisation.models import Budget, Department
from tests import factories
from tests.test_admin import admin_url, event_form_data, post_change, user_in_group

pytestmark = pytest.mark.django_db


def test_a_revert_shows_what_it_would_change_then_restores_the_old_text_as_a_revision_itself(admin_client, superuser):
    admin_client.post(admin_url(Event, "add"), event_form_data(title="Workshop on border checks"))
    event = Event.objects.get()
    post_change(admin_client, event, event_form_data(title="Workshop on border controls"))
    versions = Version.objects.get_for_object(event)
    assert versions.count() == 2

    history = admin_client.get(admin_url(Event, "history", event.pk)).text
    assert superuser.username in history

    older, newer = versions.order_by("pk")
    compare = admin_client.get(
        reverse("admin:activities_event_compare", args=[event.pk]),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    assert compare.status_code == 200
    # Old and new, side by side, word by word: what was taken out and what was put in.
    assert ("Title [en]", "Workshop on border <del>checks</del>", "Workshop on border <ins>controls</ins>") in compare.context["rows"]

    revision_url = reverse("admin:activities_event_revision", args=[event.pk, older.pk])
    shown = admin_client.get(revision_url)
    assert ("title [en]", "Workshop on border controls", "Workshop on border checks") in shown.context["rows"]
    event.refresh_from_db()
    assert event.title == "Workshop on border controls"  # looking changed nothing
    assert admin_client.post(revision_url).status_code == 302
    event.refresh_from_db()
    assert event.title == "Workshop on border checks"
    assert Version.objects.get_for_object(event).count() == 3


def test_a_revert_of_a_department_restores_its_units_too(admin_client):
    department = factories.DepartmentFactory(name="Transnational Threats Department")
    unit = factories.UnitFactory(department=department, name="Strategic Police Matters Unit")
    with reversion.create_revision():
        reversion.add_to_revision(department)
        reversion.add_to_revision(unit)
    first = Version.objects.get_for_object(department).get()
    department.name = "Renamed department"
    department.save()
    unit.name = "Renamed unit"
    unit.save()
    version_before = Department.objects.get().version

    assert admin_client.post(reverse("admin:tntd_department_revision", args=[department.pk, first.pk])).status_code == 302
    department.refresh_from_db()
    unit.refresh_from_db()
    assert (department.name, unit.name) == ("Transnational Threats Department", "Strategic Police Matters Unit")
    assert department.version > version_before  # a new version: forms opened before are stale


def test_budgets_have_revisions_for_finance(client):
    client.force_login(user_in_group("Finance"))
    department = factories.DepartmentFactory()
    data = {"department": department.pk, "year": 2018, "unified_budget": "100", "extrabudgetary_pledges": "0",
            "staff_total": 3, "staff_extrabudgetary": 0}
    client.post(admin_url(Budget, "add"), data)
    budget = Budget.objects.get()
    post_change(client, budget, {**data, "unified_budget": "200"})
    assert Version.objects.get_for_object(budget).count() == 2
    assert client.get(admin_url(Budget, "history", budget.pk)).status_code == 200
