"""The editorial workflow as a service (editorial/workflow.py): every step, taken by each role,
checked by the one policy (editorial/policy.py), recorded on the timeline, and what the public
finds on every surface after it."""

import datetime

import pytest
from django.core import mail, serializers
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from reversion.models import Version

from activities.models import Event
from editorial import workflow
from editorial.models import Action, PendingChange, State, Subject, TimelineEntry
from editorial.policy import NotAllowed, Operator, policy_for
from news.models import NewsItem
from publishing import snapshots
from publishing.models import Status, publishing_writes
from tests import factories
from tests.public_surfaces import everywhere, surfaces_showing
from tests.test_admin import user_in_group

pytestmark = pytest.mark.django_db

FACTORY = {Event: factories.EventFactory, NewsItem: factories.NewsItemFactory}
# Dates that put a record in every public list: an upcoming event, news of last week.
DATED = {Event: {"start_date": datetime.date(2027, 3, 1)}, NewsItem: {"published_on": datetime.date(2026, 11, 30)}}


@pytest.fixture
def finance():
    return user_in_group("Finance")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a step and what it leaves for after the commit (the emails), as a real commit would."""

    def run(step, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return step(*args, **kwargs)

    return run


def new_draft(model, user, title="Border security workshop", slug="border-security-workshop"):
    """A record written by `user` and saved through the workflow, as the back office does."""
    record = FACTORY[model].build(title=title, slug=slug, status=Status.PUBLISHED, summary="A first summary.", **DATED[model])
    with workflow.saving(record, user):
        record.save()
    return record


def steps(record):
    return list(
        TimelineEntry.objects.of(record).order_by("at", "id").values_list("action", "subject", "from_state", "to_state")
    )


def published(model, title="Border security workshop", slug="border-security-workshop", **fields):
    return FACTORY[model](title=title, slug=slug, summary="The published summary.", **{**DATED[model], **fields})


def proposed(record, **changes):
    """`record` as an edit would save it, as a snapshot (as the back office takes it)."""
    copy = type(record).objects.get(pk=record.pk)
    with snapshots.rolled_back():
        for name, value in changes.items():
            setattr(copy, name, value)
        copy.save()
        return snapshots.snapshot(copy)


# --- A new record, from draft to public ------------------------------------------------------------


@pytest.mark.parametrize("model", [Event, NewsItem], ids=["event", "newsitem"])
def test_a_record_goes_from_draft_to_public_only_by_a_publishers_approval(client, model, editor, publisher, committed):
    record = new_draft(model, editor)
    assert record.status == Status.DRAFT  # whatever it said before saving
    assert surfaces_showing(client, record) == set()

    workflow.submit(record, editor, note="Ready, I think.")
    record.refresh_from_db()
    assert record.status == Status.REVIEW
    assert surfaces_showing(client, record) == set()
    for step in (workflow.approve, workflow.publish):
        with pytest.raises(NotAllowed):
            step(record, editor)
    record.refresh_from_db()
    assert record.status == Status.REVIEW

    committed(workflow.send_back, record, publisher, "Add the venue, please.")
    record.refresh_from_db()
    assert record.status == Status.DRAFT
    assert mail.outbox[-1].to == [editor.email] and "Add the venue, please." in mail.outbox[-1].body

    workflow.submit(record, editor)
    committed(workflow.reject, record, publisher, "We do not announce this one.")
    record.refresh_from_db()
    assert record.status == Status.DRAFT
    assert "We do not announce this one." in mail.outbox[-1].body

    workflow.submit(record, editor)
    committed(workflow.approve, record, publisher, "Thank you.")
    record.refresh_from_db()
    assert record.status == Status.PUBLISHED
    assert surfaces_showing(client, record) == everywhere(record)
    assert "approved" in mail.outbox[-1].subject.lower()

    assert steps(record) == [
        (Action.CREATE, Subject.RECORD, State.NEW, State.DRAFT),
        (Action.SUBMIT, Subject.RECORD, State.DRAFT, State.REVIEW),
        (Action.SEND_BACK, Subject.RECORD, State.REVIEW, State.DRAFT),
        (Action.SUBMIT, Subject.RECORD, State.DRAFT, State.REVIEW),
        (Action.REJECT, Subject.RECORD, State.REVIEW, State.DRAFT),
        (Action.SUBMIT, Subject.RECORD, State.DRAFT, State.REVIEW),
        (Action.APPROVE, Subject.RECORD, State.REVIEW, State.PUBLISHED),
    ]
    entries = TimelineEntry.objects.of(record).order_by("at", "id")
    assert [entry.actor for entry in entries] == ["editors", "editors", "publishers", "editors", "publishers", "editors", "publishers"]
    assert entries.get(action=Action.REJECT).note == "We do not announce this one."
    # Each step that changed the record made a revision, which the timeline links to.
    assert all(entry.revision_id for entry in entries)


def test_a_publisher_publishes_unpublishes_and_schedules(client, publisher):
    record = new_draft(Event, publisher)
    workflow.publish(record, publisher)
    record.refresh_from_db()
    assert surfaces_showing(client, record) == everywhere(record)

    workflow.unpublish(record, publisher)
    record.refresh_from_db()
    assert record.status == Status.UNPUBLISHED
    assert surfaces_showing(client, record) == set()

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    workflow.publish(record, publisher, at=tomorrow)
    record.refresh_from_db()
    assert (record.status, record.publish_at) == (Status.PUBLISHED, tomorrow)
    assert record.window() == "scheduled"
    assert surfaces_showing(client, record) == set()
    assert steps(record)[-1] == (Action.PUBLISH, Subject.RECORD, State.UNPUBLISHED, State.SCHEDULED)


def test_no_one_without_the_right_takes_a_step(editor, finance, publisher):
    record = published(Event)
    for user in (editor, finance):
        for step in (workflow.unpublish, workflow.delete):
            with pytest.raises(NotAllowed):
                step(record, user)
    with pytest.raises(NotAllowed):
        workflow.submit(new_draft(Event, publisher, slug="draft"), finance)
    record.refresh_from_db()
    assert record.status == Status.PUBLISHED


def test_a_save_cannot_change_a_status_or_publishing_dates_it_may_not(editor, publisher):
    draft = new_draft(Event, editor)
    draft.status = Status.PUBLISHED
    with pytest.raises(NotAllowed), workflow.saving(draft, editor):
        draft.save()
    draft.refresh_from_db()
    draft.publish_at = timezone.now()
    with pytest.raises(NotAllowed), workflow.saving(draft, editor):
        draft.save()
    live = published(Event, slug="live")
    live.summary = "Straight to the public?"
    with pytest.raises(NotAllowed), workflow.saving(live, editor):
        live.save()
    assert Event.objects.get(slug="live").summary == "The published summary."
    assert Event.objects.get(pk=draft.pk).status == Status.DRAFT


# --- Changes to a published record --------------------------------------------------------------


def test_an_editors_change_waits_and_goes_live_only_when_approved(client, editor, publisher):
    record = published(Event)
    change = workflow.keep_change(record, editor, proposed(record, title="Border security and management workshop"))
    assert (change.state, list(change.authors.all())) == (State.DRAFT, [editor])
    assert surfaces_showing(client, record, "Border security and management workshop") == set()
    assert surfaces_showing(client, record) == everywhere(record)  # the published version, everywhere

    with pytest.raises(NotAllowed):  # a draft of a change is not for review yet
        workflow.approve(record, publisher)
    workflow.submit(record, editor)
    change.refresh_from_db()
    assert change.state == State.REVIEW
    with pytest.raises(NotAllowed):
        workflow.approve(record, editor)

    workflow.approve(record, publisher)
    record.refresh_from_db()
    assert (record.title, record.status) == ("Border security and management workshop", Status.PUBLISHED)
    assert not PendingChange.objects.exists()
    assert surfaces_showing(client, record) == everywhere(record)
    assert [step[:2] for step in steps(record)] == [
        (Action.EDIT, Subject.CHANGE), (Action.SUBMIT, Subject.CHANGE), (Action.APPROVE, Subject.CHANGE)
    ]
    assert TimelineEntry.objects.of(record).get(action=Action.APPROVE).changed_fields == ["title_en"]


def test_two_editors_share_one_change_and_neither_can_throw_away_the_others_work(editor, other_editor, publisher, committed):
    record = published(Event)
    workflow.keep_change(record, editor, proposed(record, title="A new title"))
    waiting = PendingChange.objects.get()
    workflow.keep_change(record, other_editor, proposed(record, title="A new title", venue_city="Bishkek"))
    waiting.refresh_from_db()
    assert set(waiting.authors.all()) == {editor, other_editor}
    assert snapshots.content(waiting.snapshot)["venue_city_en"] == "Bishkek"
    for author in (editor, other_editor):
        with pytest.raises(NotAllowed):
            workflow.withdraw(record, author)
    with pytest.raises(workflow.NothingToDo):  # saving the published version would throw theirs away
        workflow.keep_change(record, other_editor, snapshots.snapshot(record))
    assert PendingChange.objects.exists()
    workflow.submit(record, other_editor)
    committed(workflow.reject, record, publisher, "Not now.")
    assert not PendingChange.objects.exists()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([editor.email, other_editor.email])


def test_a_change_sent_back_returns_to_its_authors_with_the_note(editor, publisher):
    record = published(NewsItem)
    workflow.keep_change(record, editor, proposed(record, summary="A better summary."), submit=True)
    workflow.send_back(record, publisher, "Shorter, please.")
    change = PendingChange.objects.get()
    assert (change.state, change.note) == (State.DRAFT, "Shorter, please.")
    workflow.withdraw(record, editor)  # the sole author may throw it away
    assert not PendingChange.objects.exists()
    assert NewsItem.objects.get().summary == "The published summary."


def test_a_reason_is_required_to_reject_or_send_back(editor, publisher):
    record = new_draft(Event, editor)
    workflow.submit(record, editor)
    for step in (workflow.reject, workflow.send_back):
        with pytest.raises(ValueError):
            step(record, publisher, "  ")
    assert Event.objects.get().status == Status.REVIEW


def test_approving_a_change_never_publishes_or_unpublishes(editor, publisher):
    record = published(Event)
    workflow.keep_change(record, editor, proposed(record, summary="Proposed."), submit=True)
    workflow.unpublish(record, publisher)
    workflow.approve(record, publisher)
    record.refresh_from_db()
    assert (record.summary, record.status) == ("Proposed.", Status.UNPUBLISHED)


def test_an_approval_of_a_change_edited_since_the_publisher_looked_is_refused(editor, other_editor, publisher):
    record = published(Event)
    change = workflow.keep_change(record, editor, proposed(record, summary="First."), submit=True)
    seen = change.version
    workflow.keep_change(record, other_editor, proposed(record, summary="Second."))
    with pytest.raises(workflow.Conflict):
        workflow.approve(record, publisher, seen_version=seen)
    assert Event.objects.get().summary == "The published summary."


# --- Revert, recover, delete ------------------------------------------------------------------------


def revision_of(record, summary, status=None):
    return next(
        version for version in Version.objects.get_for_object(record)
        if version.field_dict["summary"] == summary and status in (None, version.field_dict["status"])
    )


def test_an_editors_revert_to_a_published_revision_never_publishes(client, editor, publisher):
    """The History bypass: published, set back to draft, then an Editor reverts to the
    published revision."""
    record = new_draft(Event, publisher)
    workflow.publish(record, publisher)
    workflow.unpublish(record, publisher)
    record.refresh_from_db()
    with workflow.saving(record, editor):
        record.summary = "Edited while unpublished."
        record.save()
    first = revision_of(record, "A first summary.", Status.PUBLISHED)

    workflow.revert(record, first, editor)
    record.refresh_from_db()
    assert (record.summary, record.status) == ("A first summary.", Status.UNPUBLISHED)
    assert surfaces_showing(client, record) == set()
    assert steps(record)[-1] == (Action.REVERT, Subject.RECORD, State.UNPUBLISHED, State.UNPUBLISHED)


def test_an_editors_revert_of_a_published_record_is_a_change_for_review(client, editor, publisher):
    record = new_draft(Event, publisher)
    workflow.publish(record, publisher)
    record.refresh_from_db()
    with workflow.saving(record, publisher):
        record.summary = "The second summary."
        record.save()
    change = workflow.revert(record, revision_of(record, "A first summary."), editor)
    assert isinstance(change, PendingChange) and change.state == State.REVIEW
    record.refresh_from_db()
    assert record.summary == "The second summary."
    assert surfaces_showing(client, record, "A first summary.") == set()


def test_recovering_a_deleted_record_gives_a_draft_unless_the_user_may_publish(client, editor, publisher):
    record = new_draft(Event, publisher)
    workflow.publish(record, publisher)
    pk = record.pk
    with pytest.raises(NotAllowed):
        workflow.delete(record, editor)
    workflow.delete(record, publisher)
    assert not Event.objects.filter(pk=pk).exists()
    deleted = Version.objects.get_deleted(Event).get()

    recovered = workflow.recover(deleted, editor)
    assert (recovered.pk, recovered.status) == (pk, Status.DRAFT)
    assert surfaces_showing(client, recovered) == set()
    workflow.delete(recovered, publisher)

    recovered = workflow.recover(deleted, publisher)
    assert recovered.status == Status.PUBLISHED
    assert surfaces_showing(client, recovered) == everywhere(recovered)
    assert [step[0] for step in steps(recovered)][-4:] == [Action.DELETE, Action.RECOVER, Action.DELETE, Action.RECOVER]


def test_deleting_a_record_discards_its_waiting_change(editor, publisher):
    record = published(Event)
    workflow.keep_change(record, editor, proposed(record, summary="Proposed."))
    workflow.delete(record, publisher)
    assert not PendingChange.objects.exists()


# --- Who may do what ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("Editors", {"add", "edit"}),
        ("Publishers", {"add", "edit", "publish", "delete"}),
        ("Finance", set()),
    ],
)
@pytest.mark.parametrize("model", [Event, NewsItem], ids=["event", "newsitem"])
def test_one_policy_says_who_may_do_what(role, may, model):
    user = user_in_group(role)
    policy = policy_for(model)
    found = {name for name in ("add", "edit", "publish", "delete") if getattr(policy, f"may_{name}")(user)}
    assert found == may
    live = FACTORY[model]()
    assert policy.holds_edits(user, live) == ("edit" in may and "publish" not in may)


def test_an_operators_command_may_take_every_step():
    operator = Operator("load_seed_content")
    record = new_draft(Event, operator)
    workflow.publish(record, operator)
    entry = TimelineEntry.objects.of(record).first()
    assert (entry.action, entry.actor, entry.user) == (Action.PUBLISH, "load_seed_content", None)


# --- The database's guard: no path around the workflow ---------------------------------------------

def refused(write):
    with pytest.raises(DatabaseError, match="editorial workflow"), transaction.atomic():
        write()


def test_the_database_refuses_a_status_written_around_the_workflow(tmp_path):
    draft = factories.EventFactory(status=Status.DRAFT, slug="a-draft", title="A draft")
    live = published(Event, slug="live")
    refused(lambda: Event.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED))  # a bulk update
    refused(lambda: Event.objects.filter(pk=live.pk).update(publish_at=timezone.now()))  # rescheduling
    refused(lambda: Event.objects.filter(pk=live.pk).update(status=Status.DRAFT))

    def raw_sql():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE activities_event SET status = 'published' WHERE id = %s", [draft.pk])

    refused(raw_sql)
    refused(lambda: Event.objects.bulk_create([
        factories.EventFactory.build(slug="bulk", status=Status.PUBLISHED, ends_on=datetime.date(2017, 5, 10))]))

    fixture = tmp_path / "published.json"
    fixture.write_text(serializers.serialize("json", [factories.EventFactory.build(
        pk=99999, slug="from-a-fixture", status=Status.PUBLISHED, ends_on=datetime.date(2027, 1, 1))]))
    refused(lambda: call_command("loaddata", str(fixture), verbosity=0))

    with workflow.saving(draft, Operator("tests")):  # a revision of the draft as published, then reverted raw
        draft.save()
    (version,) = Version.objects.get_for_object(draft)
    Event.objects.filter(pk=draft.pk).update(title="Renamed")
    restored = next(serializers.deserialize("json", version.serialized_data.replace('"draft"', '"published"')))
    restored.object.version = Event.objects.get(pk=draft.pk).version  # past the version check, to the guard
    refused(restored.save)  # as django-reversion reverts

    draft.refresh_from_db()
    assert (draft.status, live.status) == (Status.DRAFT, Status.PUBLISHED)
    assert not Event.objects.filter(slug__in=["bulk", "from-a-fixture"]).exists()


def test_an_operators_import_may_write_statuses():
    with publishing_writes():
        Event.objects.bulk_create([
            factories.EventFactory.build(slug="imported", status=Status.PUBLISHED, ends_on=datetime.date(2017, 5, 10))])
    assert Event.objects.get(slug="imported").status == Status.PUBLISHED
    # The permission ends with the block.
    refused(lambda: Event.objects.filter(slug="imported").update(status=Status.DRAFT))


# --- Every step, as each role, and what the public finds after it ---------------------------------

ROLES = ["Editors", "Publishers", "Finance", "superuser"]
# step: (the record's state before, the roles that may take it, whether the public finds it after)
STEPS = {
    "submit": (Status.DRAFT, {"Editors", "Publishers", "superuser"}, False),
    "withdraw": (Status.REVIEW, {"Editors"}, False),  # only its submitter: an Editor here
    "approve": (Status.REVIEW, {"Publishers", "superuser"}, True),
    "reject": (Status.REVIEW, {"Publishers", "superuser"}, False),
    "send_back": (Status.REVIEW, {"Publishers", "superuser"}, False),
    "publish": (Status.DRAFT, {"Publishers", "superuser"}, True),
    "unpublish": (Status.PUBLISHED, {"Publishers", "superuser"}, False),
    "delete": (Status.PUBLISHED, {"Publishers", "superuser"}, False),
}


def someone(role):
    return factories.UserFactory(username="root", is_superuser=True) if role == "superuser" else user_in_group(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", list(STEPS))
def test_each_step_as_each_role_and_what_the_public_finds_after_it(client, step, role):
    before, allowed, public_after = STEPS[step]
    editor = user_in_group("Editors") if role != "Editors" else None
    user = someone(role)
    submitter = user if role == "Editors" else editor
    record = published(Event, status=Status.DRAFT if before != Status.PUBLISHED else Status.PUBLISHED)
    if before == Status.REVIEW:
        workflow.submit(record, submitter)
    record.refresh_from_db()
    was_public = surfaces_showing(client, record)
    take = {
        "submit": lambda: workflow.submit(record, user),
        "withdraw": lambda: workflow.withdraw(record, user),
        "approve": lambda: workflow.approve(record, user),
        "reject": lambda: workflow.reject(record, user, "No."),
        "send_back": lambda: workflow.send_back(record, user, "Again."),
        "publish": lambda: workflow.publish(record, user),
        "unpublish": lambda: workflow.unpublish(record, user),
        "delete": lambda: workflow.delete(record, user),
    }[step]
    if role not in allowed:
        with pytest.raises(NotAllowed):
            take()
        assert surfaces_showing(client, record) == was_public  # nothing moved
        assert Event.objects.get(pk=record.pk).status == before
        return
    take()
    if step == "delete":
        assert not Event.objects.filter(pk=record.pk).exists()
        assert surfaces_showing(client, record) == set()
        return
    record.refresh_from_db()
    assert surfaces_showing(client, record) == (everywhere(record) if public_after else set())
    entry = TimelineEntry.objects.of(record).first()
    assert (entry.action, entry.actor) == (step, user.get_username())


@pytest.mark.parametrize("role", ROLES)
def test_reverting_and_recovering_as_each_role_never_makes_anything_public(client, role):
    user = someone(role)
    operator = Operator("tests")
    record = new_draft(Event, operator)
    workflow.publish(record, operator)
    workflow.unpublish(record, operator)
    record.refresh_from_db()
    published_version = revision_of(record, "A first summary.", Status.PUBLISHED)
    may_edit = role in ("Editors", "Publishers", "superuser")
    if may_edit:
        workflow.revert(record, published_version, user)
        assert Event.objects.get(pk=record.pk).status == Status.UNPUBLISHED
    else:
        with pytest.raises(NotAllowed):
            workflow.revert(record, published_version, user)
    workflow.delete(record, operator)
    if may_edit:
        recovered = workflow.recover(published_version, user)
        expected = Status.PUBLISHED if role in ("Publishers", "superuser") else Status.DRAFT
        assert recovered.status == expected
        assert surfaces_showing(client, recovered) == (everywhere(recovered) if expected == Status.PUBLISHED else set())
    else:
        with pytest.raises(NotAllowed):
            workflow.recover(published_version, user)
        assert not Event.objects.filter(pk=record.pk).exists()
