"""Who may do what in the back office, and the record of who did it.

Editors (group created by organisation/migrations/0003_editorial_groups.py) write events and news
but cannot publish, unpublish or delete them, whatever they post; Publishers can. Finance
(organisation/migrations/0005_finance_group.py) keeps the budgets and staff figures, and only them.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse

from activities.models import Event
from editorial import workflow
from editorial.admin import bulk_wording
from editorial.models import Action, PendingChange
from news.models import NewsItem
from organisation.models import Budget, Department
from publishing.models import Status
from tests import factories
from tests.markup import by_id, changelist_rows, field, fields, parse, text_of, with_class
from tests.test_admin import admin_url, event_form_data, news_form_data, post_change, user_in_group
from tests.test_admin_home import waiting_counts

pytestmark = pytest.mark.django_db

PUBLISHABLE = [Event, NewsItem]
FACTORY = {Event: factories.EventFactory, NewsItem: factories.NewsItemFactory}


def said(response):
    """The messages the page shows after an action."""
    return [str(message) for message in response.context["messages"]]


def offered_actions(client, model):
    action_form = client.get(admin_url(model, "changelist")).context["action_form"]
    return set(dict(action_form.fields["action"].choices)) - {""} if action_form else set()


@pytest.fixture
def editor(client):
    user = user_in_group("Editors")
    client.force_login(user)
    return user


@pytest.fixture
def publisher(client):
    user = user_in_group("Publishers")
    client.force_login(user)
    return user


# --- Editors ------------------------------------------------------------------------------


def test_an_editors_post_that_says_published_saves_a_draft(client, editor):
    assert client.post(admin_url(Event, "add"), {**event_form_data(), "status": Status.PUBLISHED}).status_code == 302
    assert Event.objects.get().status == Status.DRAFT
    assert client.post(admin_url(Event, "add"), {**event_form_data(slug="x"), "_step_publish": "1"}).status_code == 403
    assert Event.objects.count() == 1


def test_an_editor_writes_a_draft_and_submits_it_for_review(client, editor):
    assert client.post(admin_url(Event, "add"), event_form_data()).status_code == 302
    event = Event.objects.get(slug="workshop-on-border-checks")
    assert (event.status, event.created_by, event.updated_by) == (Status.DRAFT, editor, editor)
    response = post_change(client, event, event_form_data(), step="submit")
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Status.REVIEW and not Event.objects.published().exists()


def test_an_editors_change_to_a_published_event_never_changes_its_status(client, editor):
    published = factories.EventFactory(status=Status.PUBLISHED, slug="published")
    response = post_change(client, published, {**event_form_data(slug="published", title="Edited"), "status": Status.DRAFT})
    assert response.status_code == 302
    published.refresh_from_db()
    # The edit waits for review (tests/test_review.py); the status was never the Editor's.
    assert published.title != "Edited" and published.status == Status.PUBLISHED
    assert '"status": "published"' in PendingChange.objects.get().snapshot


def test_an_editors_news_item_is_a_draft_too(client, editor):
    assert client.post(admin_url(NewsItem, "add"), news_form_data()).status_code == 302
    assert NewsItem.objects.get().status == Status.DRAFT


@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda m: m._meta.model_name)
def test_an_editor_is_offered_save_and_submit_never_publish(client, editor, model):
    item = FACTORY[model](status=Status.DRAFT)
    page = client.get(admin_url(model, "change", item.pk))
    assert [step for step, _, _ in page.context["steps"]] == ["save", "submit"]
    assert {"state", "publish_at", "unpublish_at"} <= set(page.context["adminform"].readonly_fields)
    published = FACTORY[model](status=Status.PUBLISHED)
    page = client.get(admin_url(model, "change", published.pk))
    assert [step for step, _, _ in page.context["steps"]] == ["save", "submit"]  # a change, for review
    assert page.context["workflow"]["held"]


@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda m: m._meta.model_name)
def test_a_publisher_is_offered_publish_and_unpublish_as_the_record_stands(client, publisher, model):
    draft, published = FACTORY[model](status=Status.DRAFT), FACTORY[model](status=Status.PUBLISHED)
    steps = lambda record: [step for step, _, _ in client.get(admin_url(model, "change", record.pk)).context["steps"]]  # noqa: E731
    assert steps(draft) == ["save", "submit", "publish"]
    assert steps(published) == ["save", "unpublish"]


def test_publishers_find_what_waits_for_review_on_the_admin_index(client, editor):
    ready = factories.EventFactory(title="Ready workshop", status=Status.DRAFT, start_date=datetime.date(2026, 3, 3))
    story = factories.NewsItemFactory(title="Ready story", status=Status.DRAFT)
    factories.EventFactory(title="Unready draft", status=Status.DRAFT)
    for record in (ready, story):
        workflow.submit(record, editor)
    assert waiting_counts(client.get(reverse("admin:index"))) is None  # not an Editor's list
    client.force_login(user_in_group("Publishers"))
    response = client.get(reverse("admin:index"))
    assert waiting_counts(response) == {admin_url(Event, "changelist") + "?status__exact=review": ["1"],
                                        admin_url(NewsItem, "changelist") + "?status__exact=review": ["1"]}
    waiting = by_id(parse(response), "waiting-for-review")
    rows = {text_of(item.find("a")): item for item in waiting.iter("li")}
    assert {title: row.find("a").get("href") for title, row in rows.items()} == {
        "Ready workshop": admin_url(Event, "review", ready.pk), "Ready story": admin_url(NewsItem, "review", story.pk),
    }  # not the draft nobody submitted
    assert editor.username in text_of(with_class(rows["Ready workshop"], "waiting-by")[0])  # who submitted it


@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda m: m._meta.model_name)
def test_an_editor_cannot_publish_unpublish_or_delete(client, editor, model):
    draft = FACTORY[model](status=Status.DRAFT)
    published = FACTORY[model](status=Status.PUBLISHED)
    assert offered_actions(client, model) == set()

    # Forged action POSTs: with no action allowed, the admin just shows the list again.
    for action, target in (("publish", draft), ("unpublish", published), ("delete_selected", draft)):
        response = client.post(
            admin_url(model, "changelist"),
            {"action": action, "_selected_action": [target.pk], "post": "yes", "confirmed": "yes"},
        )
        assert response.status_code == 200
    assert dict(model.objects.values_list("pk", "status")) == {draft.pk: Status.DRAFT, published.pk: Status.PUBLISHED}

    assert client.get(admin_url(model, "delete", draft.pk)).status_code == 403
    assert client.post(admin_url(model, "delete", draft.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=draft.pk).exists()
    assert not LogEntry.objects.exists()


def autocomplete(client, field_name, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "activities", "model_name": "event", "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_an_editor_can_pick_countries_and_units(client, editor):
    """Autocomplete needs view permission on the target model; the migration grants it."""
    factories.UnitFactory(name="Strategic Police Matters Unit")
    assert autocomplete(client, "venue_country", "alban") == ["Albania"]
    assert autocomplete(client, "units", "police") == ["Strategic Police Matters Unit"]


def test_an_editor_cannot_change_the_organisation_records(client, editor):
    department = factories.DepartmentFactory()
    assert client.get(admin_url(Department, "changelist")).status_code == 200  # may look them up
    assert client.get(admin_url(Department, "add")).status_code == 403
    assert client.post(admin_url(Department, "change", department.pk), {"name": "Renamed"}).status_code == 403


# --- Publishers ---------------------------------------------------------------------------


@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda m: m._meta.model_name)
def test_a_publisher_publishes_and_unpublishes_with_the_actions(client, publisher, model):
    drafts = [FACTORY[model](status=Status.DRAFT) for _ in range(2)]
    assert {"publish", "unpublish", "delete_selected"} <= offered_actions(client, model)
    before = {item.pk: item.updated_at for item in drafts}

    response = client.post(
        admin_url(model, "changelist"),
        {"action": "publish", "_selected_action": [d.pk for d in drafts], "confirmed": "yes"},
        follow=True,
    )
    assert said(response) == [bulk_wording(Action.PUBLISH, 2, model._meta)["done"]]
    for item in model.objects.all():
        assert (item.status, item.updated_by) == (Status.PUBLISHED, publisher)
        assert item.updated_at > before[item.pk]
    history = LogEntry.objects.filter(user=publisher, action_flag=CHANGE)
    assert sorted(history.values_list("object_id", flat=True)) == sorted(str(d.pk) for d in drafts)
    assert history.first().get_change_message() == "Published (bulk action)."

    response = client.post(
        admin_url(model, "changelist"),
        {"action": "unpublish", "_selected_action": [drafts[0].pk], "confirmed": "yes"},
        follow=True,
    )
    assert said(response) == [bulk_wording(Action.UNPUBLISH, 1, model._meta)["done"]]
    assert model.objects.get(pk=drafts[0].pk).status == Status.UNPUBLISHED
    assert model.objects.get(pk=drafts[1].pk).status == Status.PUBLISHED


def test_publishing_what_is_already_published_changes_nothing(client, publisher):
    event = factories.EventFactory(status=Status.PUBLISHED)
    response = client.post(
        admin_url(Event, "changelist"), {"action": "publish", "_selected_action": [event.pk], "confirmed": "yes"}, follow=True
    )
    assert said(response) == [bulk_wording(Action.PUBLISH, 0, Event._meta)["done"]]  # none counted
    event.refresh_from_db()
    assert event.updated_by is None and not LogEntry.objects.exists()


def test_a_publisher_publishes_and_unpublishes_with_the_form(client, publisher):
    assert client.post(admin_url(Event, "add"), {**event_form_data(), "_step_publish": "1"}).status_code == 302
    event = Event.objects.get()
    assert event.status == Status.PUBLISHED

    assert post_change(client, event, event_form_data(), step="unpublish").status_code == 302
    event.refresh_from_db()
    assert event.status == Status.UNPUBLISHED


def test_a_publisher_can_delete(client, publisher):
    event = factories.EventFactory()
    assert client.post(admin_url(Event, "delete", event.pk), {"post": "yes"}).status_code == 302
    assert not Event.objects.exists()


def test_a_superuser_can_publish(admin_client):
    draft = factories.NewsItemFactory(status=Status.DRAFT)
    admin_client.post(admin_url(NewsItem, "changelist"), {"action": "publish", "_selected_action": [draft.pk], "confirmed": "yes"})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


# --- Audit ---------------------------------------------------------------------------------


def department_form_data(**overrides):
    data = {
        "name_en": "Transnational Threats Department", "acronym": "TNTD", "slug": "tntd",
        "head_name": "", "head_title_en": "", "description_en": "",
        "units-TOTAL_FORMS": 0, "units-INITIAL_FORMS": 0,
        "links-TOTAL_FORMS": 0, "links-INITIAL_FORMS": 0,
        "budgets-TOTAL_FORMS": 0, "budgets-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


def test_audit_fields_record_who_created_and_changed_records_and_inline_rows(client, superuser):
    other = factories.UserFactory(username="second", is_superuser=True)
    client.force_login(superuser)
    budget_row = {
        "budgets-0-year": 2017, "budgets-0-unified_budget": "2955500", "budgets-0-extrabudgetary_pledges": "2221361",
        "budgets-0-staff_total": 33, "budgets-0-staff_extrabudgetary": 6,
    }
    data = department_form_data(**{
        "links-TOTAL_FORMS": 1, "links-0-label_en": "Policing", "links-0-url": "www.osce.org/secretariat/policing",
        "links-0-display_order": 0,
        "units-TOTAL_FORMS": 1, "units-0-name_en": "Strategic Police Matters Unit", "units-0-slug": "spmu",
        "units-0-acronym": "SPMU", "units-0-display_order": 1,
        "budgets-TOTAL_FORMS": 1, **budget_row,
    })
    assert client.post(admin_url(Department, "add"), data).status_code == 302
    department = Department.objects.get()
    budget, link, unit = department.budgets.get(), department.links.get(), department.units.get()
    for record in (department, budget, link, unit):
        assert (record.created_by, record.updated_by) == (superuser, superuser)
    assert link.url == "https://www.osce.org/secretariat/policing"  # a bare address means https

    client.force_login(other)
    response = post_change(client, department, department_form_data(**{
        "head_title_en": "Co-ordinator",
        "budgets-TOTAL_FORMS": 1, "budgets-INITIAL_FORMS": 1, **budget_row,
        "budgets-0-id": budget.pk, "budgets-0-department": department.pk, "budgets-0-staff_total": 34,
        "links-TOTAL_FORMS": 1, "links-INITIAL_FORMS": 1, "links-0-id": link.pk, "links-0-department": department.pk,
        "links-0-label_en": "Policing", "links-0-url": link.url, "links-0-display_order": 0,
    }))
    assert response.status_code == 302
    for record in (department, budget, link):
        record.refresh_from_db()
    assert (department.created_by, department.updated_by, department.head_title) == (superuser, other, "Co-ordinator")
    assert (budget.created_by, budget.updated_by, budget.staff_total) == (superuser, other, 34)
    assert (link.created_by, link.updated_by) == (superuser, superuser)  # unchanged row, untouched


def fields_shown(response):
    return {name for fieldset in response.context["adminform"] for line in fieldset for name in line.fields}


HISTORY = {"created_at", "created_by", "updated_at", "updated_by"}


def test_the_record_history_is_shown_read_only_after_the_first_save(admin_client, superuser):
    assert not HISTORY & fields_shown(admin_client.get(admin_url(Department, "add")))
    admin_client.post(admin_url(Department, "add"), department_form_data())
    department = Department.objects.get()
    response = admin_client.get(admin_url(Department, "change", department.pk))
    assert HISTORY <= fields_shown(response)
    assert set(response.context["adminform"].readonly_fields) >= HISTORY
    document = parse(response)
    assert not fields(document, "created_by") and not fields(document, "updated_by")
    shown = [text_of(value) for value in with_class(document, "readonly", "div")]
    assert shown.count(superuser.username) == 2  # who created it, and who last changed it


# --- Finance --------------------------------------------------------------------------------


def budget_form_data(department, **overrides):
    return {
        "department": department.pk, "year": 2018, "unified_budget": "3250000", "extrabudgetary_pledges": "1200000.50",
        "staff_total": 35, "staff_extrabudgetary": 7, **overrides,
    }


def test_finance_keeps_the_budgets_and_staff_figures(client):
    finance = user_in_group("Finance")
    client.force_login(finance)
    department = factories.DepartmentFactory()
    response = client.post(admin_url(Budget, "add"), budget_form_data(department))
    assert response.status_code == 302
    budget = Budget.objects.get(year=2018)
    assert (budget.unified_budget, budget.created_by) == (Decimal("3250000"), finance)

    response = post_change(client, budget, budget_form_data(department, staff_total=36))
    assert response.status_code == 302
    budget.refresh_from_db()
    assert (budget.staff_total, budget.updated_by) == (36, finance)

    (row,) = changelist_rows(client.get(admin_url(Budget, "changelist")))
    assert {"EUR 3,250,000.00", "EUR 1,200,000.50"} <= set(row.values())
    # The department's other records are Finance's to see (to pick one), not to change.
    response = client.post(admin_url(Department, "change", department.pk), {"name": "Renamed"})
    assert response.status_code == 403
    assert client.get(admin_url(Event, "add")).status_code == 403

    response = client.post(admin_url(Budget, "delete", budget.pk), {"post": "yes"})
    assert response.status_code == 302 and not Budget.objects.exists()


@pytest.mark.parametrize("group", ["Editors", "Publishers"])
def test_editors_and_publishers_leave_the_budgets_to_finance(client, group):
    client.force_login(user_in_group(group))
    department = factories.DepartmentFactory()
    budget = factories.BudgetFactory(department=department)
    assert client.get(admin_url(Budget, "changelist")).status_code == 403
    response = client.post(admin_url(Budget, "change", budget.pk), budget_form_data(department, unified_budget="1"))
    assert response.status_code == 403
    budget.refresh_from_db()
    assert budget.unified_budget == Decimal("1000000.00")


@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda m: m._meta.model_name)
def test_bulk_publishing_asks_first_and_lists_what_would_change(client, publisher, model):
    drafts = [FACTORY[model](status=Status.DRAFT, title=f"Draft {n}") for n in range(3)]
    FACTORY[model](status=Status.PUBLISHED, title="Already public")
    selected = [record.pk for record in model.objects.all()]
    response = client.post(admin_url(model, "changelist"), {"action": "publish", "_selected_action": selected})
    assert response.status_code == 200
    assert response.context["count"] == 3
    wording = bulk_wording(Action.PUBLISH, 3, model._meta)
    document = parse(response)
    content = by_id(document, "content")
    assert wording["question"] in [text_of(paragraph) for paragraph in content.iter("p")]
    assert sorted(text_of(item) for item in content.iter("li")) == sorted(str(record) for record in drafts)  # not the public one
    (form,) = content.iter("form")
    assert sorted(int(box.get("value")) for box in fields(form, "_selected_action")) == sorted(selected)
    assert field(form, "confirmed").get("value") == "yes"
    assert [button.get("value") for button in form.iter("input") if button.get("type") == "submit"] == [wording["confirm"]]
    assert not model.objects.filter(pk__in=[d.pk for d in drafts], status=Status.PUBLISHED).exists()  # nothing yet

    client.post(admin_url(model, "changelist"), {"action": "publish", "_selected_action": selected, "confirmed": "yes"})
    assert model.objects.filter(status=Status.PUBLISHED).count() == 4
