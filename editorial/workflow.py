"""The editorial workflow: every step an event or a news item may take, checked against its
model's policy and written on its timeline (docs/editorial-workflow.md). Nothing else changes
a record's status or publishing dates: the back office and the commands call these steps."""

import dataclasses
from contextlib import contextmanager

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from editorial import notifications
from editorial.models import Action, PendingChange, State, Subject, TimelineEntry
from editorial.policy import NotAllowed, Operator, policy_for, state_of
from photos.models import held_photos
from publishing import snapshots
from publishing.models import Status, publishing_writes, step_flag

WINDOW_FIELDS = ("publish_at", "unpublish_at")


class Conflict(Exception):
    """What the user saw has changed since: they act on a version that is no longer current."""


class NothingToDo(Exception):
    """The step would change nothing (the change matches the published version, say)."""


def locked(record):
    """The record as stored, its row locked until the transaction ends."""
    return type(record)._default_manager.select_for_update().get(pk=record.pk)


def pending_change(record, lock=False):
    """The record's pending change, or None."""
    found = PendingChange.objects.of(record)
    if lock:
        found = found.select_for_update(of=("self",))
    return found.first()


def in_english(text):
    """`text` (a lazy label) in English: what the workflow stores (revision comments, timeline
    entries, log messages) reads the same whatever language the back office speaks to the user
    who took the step (backoffice/staff_language.py)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


@contextmanager
def revision(user, comment):
    """A revision of what the block saves, credited to `user`."""
    with reversion.create_revision():
        if getattr(user, "pk", None):
            reversion.set_user(user)
        reversion.set_comment(in_english(comment))
        yield


@dataclasses.dataclass(frozen=True)
class Step:
    """One line of a record's timeline: what was done, from which state to which, and why."""

    action: str
    from_state: str
    to_state: str
    subject: str = Subject.RECORD
    note: str = ""
    changed: tuple | list = ()


def record_step(record, user, step, *, with_revision=True):
    """Write `step` on the record's timeline; inside a revision, save it with the revision so
    that the timeline can compare or revert to it."""
    values = {
        "content_type": ContentType.objects.get_for_model(record),
        "object_id": record.pk,
        "object_repr": in_english(record)[:300],
        "action": step.action,
        "subject": step.subject,
        "user": None if isinstance(user, Operator) else user,
        "actor": user.get_username(),
        "from_state": step.from_state,
        "to_state": step.to_state,
        "note": step.note,
        "changed_fields": list(step.changed),
        "record_version": record.version,
    }
    if with_revision and reversion.is_active() and reversion.is_registered(type(record)):
        reversion.add_to_revision(record)
        reversion.add_meta(TimelineEntry, **values)
    else:
        TimelineEntry.objects.create(**values)


# --- Edits ------------------------------------------------------------------------------------


class Before:
    """A record as it was before an edit: what `saved` compares it with; and, when the edit
    reschedules it, what the database's step flag was before `check_save` raised it."""

    def __init__(self, snapshot, state, adding, flag=None):
        self.snapshot, self.state, self.adding, self.flag = snapshot, state, adding, flag


def check_save(record, user, action=Action.EDIT):
    """Checks, inside the caller's transaction, that `user` may save `record` as it is in
    memory, then locks its row. A new record is always a draft; a status only changes by the
    steps below; the publishing dates are a Publisher's. Returns what `saved` needs."""
    policy = policy_for(record)
    if record._state.adding:
        policy.require(user, Action.CREATE)
        record.status = Status.DRAFT
        if not policy.may_publish(user):
            record.publish_at = record.unpublish_at = None
        return Before(None, State.NEW, adding=True)
    stored = locked(record)
    policy.require(user, action, stored)
    if policy.holds_edits(user, stored):
        raise NotAllowed("Edits of a published record wait for review: keep them as a change.")
    if record.status != stored.status:
        raise NotAllowed("A status changes only by a step of the workflow.")
    flag = None
    if any(getattr(record, name) != getattr(stored, name) for name in WINDOW_FIELDS):
        policy.require(user, Action.SCHEDULE, stored)
        flag = step_flag("on")  # until `saved`; a failed save rolls it back with the transaction
    return Before(snapshots.snapshot(stored), state_of(stored), adding=False, flag=flag)


def saved(record, user, before, action=Action.EDIT, note=""):
    """Records the edit checked by `check_save`, once the record and its links are saved."""
    if before.flag is not None:
        step_flag(before.flag)
    changed = snapshots.changed_fields(before.snapshot, snapshots.snapshot(record))
    if before.adding:
        action = Action.CREATE
    elif not changed and not note:
        return  # saved as it was: nothing happened
    elif changed and set(changed) <= set(WINDOW_FIELDS) and action == Action.EDIT:
        action = Action.SCHEDULE
    step = Step(action, from_state=before.state, to_state=state_of(record), note=note, changed=changed)
    record_step(record, user, step)


@contextmanager
def saving(record, user, *, action=Action.EDIT, note=""):
    """Around the caller's save of `record` (its fields, then its links), for code outside the
    back office: `check_save`, then `saved`, in a transaction and a revision."""
    with transaction.atomic(), revision(user, action.label):
        before = check_save(record, user, action)
        yield
        saved(record, user, before, action, note)


@transaction.atomic
def keep_change(record, user, snapshot, *, photo=None, action=Action.EDIT, submit=False):
    """Keep `snapshot` (the record as `user` would have saved it) as the record's pending change,
    a new `photo` held apart from the public's files, `user` credited among its authors. Return
    the change, or None when it matched the published version and was thrown away."""
    stored = locked(record)
    policy = policy_for(record)
    policy.require(user, action, stored)
    if not policy.holds_edits(user, stored):
        raise NotAllowed("This record's edits are written directly.")
    change = pending_change(stored, lock=True)
    differs = snapshots.changed_fields(snapshots.snapshot(stored), snapshot)
    if not differs and photo is None and not (change and change.held_photo):
        return _drop_change(stored, user, change, policy)
    unchanged = change is not None and photo is None and not snapshots.changed_fields(change.snapshot, snapshot)
    if not unchanged:  # saved as it waits: nothing to keep, and no one new to credit
        from_state = change.state if change else State.NEW
        change = _save_change(stored, user, change, snapshot, photo, action)
        changed = [*differs, *(["photo"] if photo is not None and "photo" not in differs else [])]
        step = Step(action, subject=Subject.CHANGE, from_state=from_state, to_state=change.state, changed=changed)
        record_step(stored, user, step, with_revision=False)
    if submit and change.state == State.DRAFT:
        submit_change(stored, change, user)
    return change


def _drop_change(stored, user, change, policy):
    """Saved as published: throw away the user's own change; refuse to throw away others' work."""
    if change is None:
        return None
    if not policy.may_withdraw(user, stored, change):
        raise NothingToDo(gettext("This would throw away the change others wrote; a Publisher may reject it."))
    discard(change, stored, user, Action.WITHDRAW)
    return None


def _save_change(stored, user, change, snapshot, photo, action):
    """Save `snapshot` (and a new `photo`) as the record's pending change, made if it has none."""
    if change is None:
        change = PendingChange(content_type=ContentType.objects.get_for_model(stored), object_id=stored.pk)
    change.snapshot, change.base_version, change.saved_by = snapshot, stored.version, user
    if photo is not None:
        if change.held_photo:  # the one it replaces, once this is committed
            replaced = change.held_photo.name
            transaction.on_commit(lambda: held_photos().delete(replaced))
        change.held_photo.save(photo.name, photo, save=False)
    with revision(user, action.label):  # each saving of a change is kept: nobody's text is lost
        change.save()
        reversion.add_to_revision(change)
    change.authors.add(user)
    return change


def submit_change(record, change, user, note=""):
    policy_for(record).require(user, Action.SUBMIT, record, change)
    change.state, change.submitted_by, change.submitted_at, change.note = State.REVIEW, user, timezone.now(), ""
    change.save()
    step = Step(Action.SUBMIT, subject=Subject.CHANGE, from_state=State.DRAFT, to_state=State.REVIEW, note=note)
    record_step(record, user, step, with_revision=False)


def discard(change, record, user, action, note=""):
    """Throws away `change` and its held photo; its text stays in its revisions."""
    from_state = change.state
    if change.held_photo:
        name = change.held_photo.name
        transaction.on_commit(lambda: held_photos().delete(name))
    change.delete()
    step = Step(action, subject=Subject.CHANGE, from_state=from_state, to_state=State.DISCARDED, note=note)
    record_step(record, user, step, with_revision=False)


# --- Steps ------------------------------------------------------------------------------------


def _set_status(record, user, action, status, *, note="", publish_at=None):
    """Moves the locked `record` to `status` and records the step, with a revision."""
    from_state = state_of(record)
    changed = ["status"]
    record.status = status
    if publish_at is not None and publish_at != record.publish_at:
        record.publish_at = publish_at
        changed.append("publish_at")
    record.updated_by = None if isinstance(user, Operator) else user
    with revision(user, action.label), publishing_writes():
        record.save()
        record_step(record, user, Step(action, from_state=from_state, to_state=state_of(record), note=note, changed=changed))
    return record


@transaction.atomic
def submit(record, user, note=""):
    """Asks a Publisher to review the record (a draft or unpublished), or its pending change."""
    stored = locked(record)
    change = pending_change(stored, lock=True)
    if change is not None and policy_for(stored).holds_edits(user, stored):
        submit_change(stored, change, user, note)
        return stored
    policy_for(stored).require(user, Action.SUBMIT, stored)
    return _set_status(stored, user, Action.SUBMIT, Status.REVIEW, note=note)


@transaction.atomic
def withdraw(record, user):
    """Takes back what `user` submitted: their change (thrown away) or the record (back to draft)."""
    stored = locked(record)
    change = pending_change(stored, lock=True)
    policy_for(stored).require(user, Action.WITHDRAW, stored, change)
    if change is not None:
        discard(change, stored, user, Action.WITHDRAW)
        return stored
    return _set_status(stored, user, Action.WITHDRAW, Status.DRAFT)


@transaction.atomic
def approve(record, user, note="", *, seen_version=None, at=None):
    """Publishes the record in review (from `at`, when given), or applies its pending change to
    the live record. `seen_version`: the version of the record or change the Publisher looked
    at; a later one is a Conflict."""
    stored = locked(record)
    change = pending_change(stored, lock=True)
    policy_for(stored).require(user, Action.APPROVE, stored, change)
    if change is None:
        if seen_version is not None and seen_version != stored.version:
            raise Conflict(gettext("The record was edited after you opened it."))
        approved = _set_status(stored, user, Action.APPROVE, Status.PUBLISHED, note=note, publish_at=at)
        notifications.decided(approved, Action.APPROVE, user, note, to=submitters(approved))
        return approved
    if seen_version is not None and seen_version != change.version:
        raise Conflict(gettext("The change was edited after you opened it."))
    differs = snapshots.changed_fields(snapshots.snapshot(stored), change.snapshot)
    authors = list(change.authors.all())
    stored.updated_by = None if isinstance(user, Operator) else user
    with revision(user, Action.APPROVE.label):
        held = change.held_photo or None
        if held:
            differs.append("photo")
            name = held.name
            transaction.on_commit(lambda: held_photos().delete(name))
        applied = snapshots.restore(change.snapshot, stored, photo=held)
        change.delete()
        record_step(applied, user, Step(Action.APPROVE, subject=Subject.CHANGE, from_state=State.REVIEW,
                                        to_state=State.APPLIED, note=note, changed=differs))
    notifications.decided(applied, Action.APPROVE, user, note, to=authors, about_change=True)
    return applied


@transaction.atomic
def reject(record, user, reason):
    """Refuses the record in review (back to draft) or its pending change (thrown away): a
    reason is required, and its authors are told."""
    return _decide(record, user, Action.REJECT, reason)


@transaction.atomic
def send_back(record, user, note):
    """Returns the record in review, or its pending change, to its authors to work on, with a note."""
    return _decide(record, user, Action.SEND_BACK, note)


def _decide(record, user, action, note):
    if not note.strip():
        raise ValueError("A reason is required.")
    stored = locked(record)
    change = pending_change(stored, lock=True)
    policy_for(stored).require(user, action, stored, change)
    if change is None:
        authors = submitters(stored)
        decided = _set_status(stored, user, action, Status.DRAFT, note=note)
        notifications.decided(decided, action, user, note, to=authors)
        return decided
    authors = list(change.authors.all())
    if action == Action.REJECT:
        discard(change, stored, user, Action.REJECT, note)
    else:
        change.state, change.note = State.DRAFT, note
        change.save()
        step = Step(action, subject=Subject.CHANGE, from_state=State.REVIEW, to_state=State.DRAFT, note=note)
        record_step(stored, user, step, with_revision=False)
    notifications.decided(stored, action, user, note, to=authors, about_change=True)
    return stored


@transaction.atomic
def publish(record, user, *, at=None):
    """Publishes the record now, or from `at` (it is then scheduled). A record in review is
    approved by publishing it."""
    stored = locked(record)
    if stored.status == Status.REVIEW and policy_for(stored).allows(user, Action.APPROVE, stored):
        return approve(stored, user, at=at)
    policy_for(stored).require(user, Action.PUBLISH, stored)
    return _set_status(stored, user, Action.PUBLISH, Status.PUBLISHED, publish_at=at)


@transaction.atomic
def unpublish(record, user):
    """Takes the record off the public site; it stays in the back office, to edit or publish again."""
    stored = locked(record)
    policy_for(stored).require(user, Action.UNPUBLISH, stored)
    return _set_status(stored, user, Action.UNPUBLISH, Status.UNPUBLISHED)


@transaction.atomic
def delete(record, user):
    """Deletes the record, after a last revision of it, from which it can be recovered."""
    stored = locked(record)
    policy_for(stored).require(user, Action.DELETE, stored)
    with revision(user, Action.DELETE.label):
        if reversion.is_registered(type(stored)):
            reversion.add_to_revision(stored)
    change = pending_change(stored, lock=True)
    if change is not None:
        discard(change, stored, user, Action.DELETE)
    record_step(stored, user, Step(Action.DELETE, from_state=state_of(stored), to_state=State.DELETED), with_revision=False)
    stored.delete()


@transaction.atomic
def revert(record, version, user):
    """Restores the content of an earlier revision (`version`, django-reversion's): written at
    once, or kept as a change submitted for review where the policy holds `user`'s edits. The
    publishing fields stay as they are: reverting never publishes or unpublishes."""
    stored = locked(record)
    policy = policy_for(stored)
    policy.require(user, Action.REVERT, stored)
    text = version.serialized_data
    note = revision_label(version)
    if policy.holds_edits(user, stored):
        change = pending_change(stored, lock=True)
        if change is not None and not policy.may_withdraw(user, stored, change):
            raise Conflict(gettext("A change written by others waits for review: reverting would replace it."))
        with snapshots.rolled_back():
            snapshots.restore(text, stored)
            proposed = snapshots.snapshot(stored)
        stored.refresh_from_db()
        return keep_change(stored, user, proposed, action=Action.REVERT, submit=True)
    before = snapshots.snapshot(stored)
    with revision(user, f"{in_english(Action.REVERT.label)}: {note}"):
        stored.updated_by = None if isinstance(user, Operator) else user
        reverted = snapshots.restore(text, stored)
        changed = snapshots.changed_fields(before, snapshots.snapshot(reverted))
        record_step(reverted, user, Step(Action.REVERT, from_state=state_of(reverted), to_state=state_of(reverted),
                                         note=note, changed=changed))
    return reverted


@transaction.atomic
def recover(version, user):
    """Brings a deleted record back from its last revision, with the links that still exist:
    as it was for someone who may publish it, as a draft for anyone else."""
    model = version._model
    policy = policy_for(model)
    policy.require(user, Action.RECOVER)
    if model._default_manager.filter(pk=version.object_id).exists():
        raise NothingToDo(gettext("This record exists: nothing to recover."))
    # Read afresh, not through the Version's cached copy, which this changes.
    (restored,) = serializers.deserialize(version.format, version.serialized_data, ignorenonexistent=True)
    record = restored.object
    if not policy.may_publish(user):
        record.status = Status.DRAFT
    record.version = 0  # a new row: its version starts again
    try:
        record.validate_unique()
        record.validate_constraints()
    except ValidationError as error:
        raise snapshots.ChangeNoLongerApplies(" ".join(error.messages)) from error
    with revision(user, Action.RECOVER.label), publishing_writes():
        record.save(force_insert=True)
        for name, pks in restored.m2m_data.items():
            related = record._meta.get_field(name).related_model
            getattr(record, name).set(related._default_manager.filter(pk__in=pks))
        record.refresh_from_db()
        changed = snapshots.changed_fields(None, snapshots.snapshot(record))
        record_step(record, user, Step(Action.RECOVER, from_state=State.DELETED, to_state=state_of(record),
                                       note=revision_label(version), changed=changed))
    return record


def revision_label(version):
    """"the version of 3 Dec 2026, 14:02 by anna": which revision a revert or recovery came from."""
    revision_ = version.revision
    when = timezone.localtime(revision_.date_created).strftime("%d %b %Y, %H:%M")
    return f"the version of {when} by {revision_.user or 'an unknown user'}"


def submitters(record):
    """The users who submitted `record` for review, most recent first."""
    entries = TimelineEntry.objects.of(record).filter(action=Action.SUBMIT, subject=Subject.RECORD, user__isnull=False)
    return list({entry.user_id: entry.user for entry in entries.select_related("user")}.values())
