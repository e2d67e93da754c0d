"""Revisions (django-reversion, django-reversion-compare): every admin save of an event, news
item, department, unit or budget is a revision; staff compare two side by side and revert
to one, which becomes a revision itself."""

import pytest
from django.urls import reverse
from reversion.models import Version

from activities.models import Event
from tests import factories
from tests.test_admin import admin_url, event_form_data, user_in_group
from tntd.models import Budget
from tntd.publishing import Status

pytestmark = pytest.mark.django_db


def form_data(response):
    """What the browser posts back from a form as it was shown: the "one click" of a revert."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [str(item) for item in value]
        else:
            data[name] = field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
    return {key: value for key, value in data.items() if value is not None}


def test_a_revert_restores_the_old_text_and_is_a_revision_itself(admin_client, superuser):
    admin_client.post(admin_url(Event, "add"), event_form_data(title="Workshop on border checks"))
    event = Event.objects.get()
    admin_client.post(admin_url(Event, "change", event.pk), event_form_data(title="Workshop on border controls"))
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
    # Old and new, side by side: what was taken out and what was put in.
    assert "Workshop on border c<del>heck</del><ins>ontrol</ins>s" in compare.text

    revision_url = reverse("admin:activities_event_revision", args=[event.pk, older.pk])
    shown = admin_client.get(revision_url)
    assert shown.context["adminform"].form["title_en"].value() == "Workshop on border checks"
    response = admin_client.post(revision_url, form_data(shown))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    event.refresh_from_db()
    assert event.title == "Workshop on border checks"
    assert Version.objects.get_for_object(event).count() == 3


def test_an_editor_cannot_publish_by_reverting(client):
    editor = user_in_group("Editors")
    client.force_login(editor)
    event = factories.EventFactory(status=Status.DRAFT, slug="workshop-on-border-checks")
    client.post(admin_url(Event, "change", event.pk), event_form_data(title="First", status=Status.DRAFT))
    version = Version.objects.get_for_object(event).get()
    forged = {**event_form_data(title="Second"), "status": Status.PUBLISHED}
    client.post(reverse("admin:activities_event_revision", args=[event.pk, version.pk]), forged)
    event.refresh_from_db()
    assert event.status == Status.DRAFT


def test_budgets_have_revisions_for_finance(client):
    client.force_login(user_in_group("Finance"))
    department = factories.DepartmentFactory()
    data = {"department": department.pk, "year": 2018, "unified_budget": "100", "extrabudgetary_pledges": "0",
            "staff_total": 3, "staff_extrabudgetary": 0}
    client.post(admin_url(Budget, "add"), data)
    budget = Budget.objects.get()
    client.post(admin_url(Budget, "change", budget.pk), {**data, "unified_budget": "200"})
    assert Version.objects.get_for_object(budget).count() == 2
    assert client.get(admin_url(Budget, "history", budget.pk)).status_code == 200
