"""Who may do what to a publishable record: one policy per model, which the workflow checks
before every step and the back office asks before offering a button (docs/editorial-workflow.md)."""

from django.core.exceptions import PermissionDenied

from editorial.models import Action, State, Subject, TimelineEntry
from publishing.models import Status


class NotAllowed(PermissionDenied):
    """The policy refuses the step to this user, or the record is not in a state that allows it."""


class Operator:
    """Someone running a management command: not a user of the back office, and trusted with
    every step, which the timeline credits to the command's name."""

    pk = None
    is_active = is_staff = is_superuser = is_authenticated = True

    def __init__(self, name):
        self.name = name

    def has_perm(self, perm, obj=None):
        return True

    def get_username(self):
        return self.name

    def __str__(self):
        return self.name


def state_of(record):
    """The record's state: draft, review, published, scheduled or unpublished."""
    if record.status == Status.PUBLISHED and record.window() == "scheduled":
        return State.SCHEDULED
    return State(record.status)


def is_live(record):
    """Whether the record's stored version is the one the public sees, or will see by its
    schedule: its edits then wait for a Publisher, unless a Publisher makes them."""
    return record.status == Status.PUBLISHED


class PublishingPolicy:
    """The rules for the records of one model (Wagtail's ModelPermissionPolicy, with states)."""

    def __init__(self, model):
        self.model = model
        self.app_label, self.model_name = model._meta.app_label, model._meta.model_name

    def _has(self, user, codename):
        return bool(user and user.is_active and user.has_perm(f"{self.app_label}.{codename}_{self.model_name}"))

    def may_view(self, user):
        return self._has(user, "view") or self._has(user, "change")

    def may_add(self, user):
        return self._has(user, "add")

    def may_edit(self, user):
        return self._has(user, "change")

    def may_publish(self, user):
        return self._has(user, "publish")

    def may_delete(self, user):
        return self._has(user, "delete")

    def holds_edits(self, user, record):
        """Whether `user`'s edits of `record` become a change waiting for review."""
        return record.pk is not None and is_live(record) and self.may_edit(user) and not self.may_publish(user)

    def allows(self, user, action, record=None, change=None):
        """Whether `user` may take `action` on `record` (in its stored state) and, for the steps
        of a change to a published record, on its pending `change`."""
        rule = RULES.get(action)
        return rule(self, user, record, change) if rule else False

    # The rule of each step (RULES): whether `user` may take it on `record` or its `change`.

    def _may_create(self, user, record, change):
        return self.may_add(user)

    def _may_recover(self, user, record, change):
        return self.may_add(user) and self.may_edit(user)

    def _may_edit(self, user, record, change):
        return self.may_edit(user)

    def _may_delete(self, user, record, change):
        return self.may_delete(user)

    def _may_publish(self, user, record, change):
        return self.may_publish(user) and not is_live(record)

    def _may_schedule(self, user, record, change):
        return self.may_publish(user)

    def _may_unpublish(self, user, record, change):
        return self.may_publish(user) and is_live(record)

    def _may_submit(self, user, record, change):
        if change is not None:
            return self.may_edit(user) and change.state == State.DRAFT
        return self.may_edit(user) and record.status in (Status.DRAFT, Status.UNPUBLISHED)

    def _may_decide(self, user, record, change):
        in_review = change.state == State.REVIEW if change is not None else record.status == Status.REVIEW
        return self.may_publish(user) and in_review

    def _may_withdraw(self, user, record, change):
        return self.may_withdraw(user, record, change)

    def may_withdraw(self, user, record, change):
        """A change is withdrawn (thrown away) only by its sole author: nobody throws away
        someone else's work. A record in review goes back to draft, its text kept, by whoever
        submitted it."""
        if not self.may_edit(user):
            return False
        if change is not None:
            return {author.pk for author in change.authors.all()} == {user.pk}
        return record.status == Status.REVIEW and last_submitter(record) == user.pk

    def require(self, user, action, record=None, change=None):
        if not self.allows(user, action, record, change):
            raise NotAllowed(f"{user} may not {action} {self.model._meta.verbose_name} {record or ''}".strip())


RULES = {
    Action.CREATE: PublishingPolicy._may_create,
    Action.RECOVER: PublishingPolicy._may_recover,
    Action.EDIT: PublishingPolicy._may_edit,
    Action.REVERT: PublishingPolicy._may_edit,
    Action.DELETE: PublishingPolicy._may_delete,
    Action.PUBLISH: PublishingPolicy._may_publish,
    Action.SCHEDULE: PublishingPolicy._may_schedule,
    Action.UNPUBLISH: PublishingPolicy._may_unpublish,
    Action.SUBMIT: PublishingPolicy._may_submit,
    Action.APPROVE: PublishingPolicy._may_decide,
    Action.REJECT: PublishingPolicy._may_decide,
    Action.SEND_BACK: PublishingPolicy._may_decide,
    Action.WITHDRAW: PublishingPolicy._may_withdraw,
}


def last_submitter(record):
    """The id of the user who last submitted `record` for review, or None."""
    entry = TimelineEntry.objects.of(record).filter(action=Action.SUBMIT, subject=Subject.RECORD).first()
    return entry.user_id if entry else None


_policies = {}


def policy_for(model):
    """The one policy of `model` (a class or a record)."""
    model = model if isinstance(model, type) else type(model)
    model = model._meta.concrete_model
    if model not in _policies:
        _policies[model] = PublishingPolicy(model)
    return _policies[model]
