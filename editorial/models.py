"""What the editorial workflow keeps: changes to published records waiting to go live, and
each record's timeline of who did what, when, from which state to which, and why."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from photos.models import held_photo_path, held_photos
from publishing.audit import VersionField


class State(models.TextChoices):
    """Where a record, or a change to it, stands. A record's `status` holds draft, review,
    published or unpublished; "scheduled" is a published record whose "public from" is still
    to come; a change is a draft or in review until it is applied or discarded."""

    NEW = "new", _("New")
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    SCHEDULED = "scheduled", _("Scheduled")
    UNPUBLISHED = "unpublished", _("Unpublished")
    DELETED = "deleted", _("Deleted")
    APPLIED = "applied", _("Applied")
    DISCARDED = "discarded", _("Discarded")


class Action(models.TextChoices):
    """The steps of the workflow (editorial/workflow.py), as the timeline names them."""

    CREATE = "create", _("Created")
    EDIT = "edit", _("Edited")
    SUBMIT = "submit", _("Submitted for review")
    WITHDRAW = "withdraw", _("Withdrawn")
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    SEND_BACK = "send_back", _("Sent back")
    PUBLISH = "publish", _("Published")
    SCHEDULE = "schedule", _("Publishing dates changed")
    UNPUBLISH = "unpublish", _("Unpublished")
    REVERT = "revert", _("Reverted")
    RECOVER = "recover", _("Recovered")
    DELETE = "delete", _("Deleted")


class Subject(models.TextChoices):
    RECORD = "record", _("the record")
    CHANGE = "change", _("a change to the published version")


class ForRecordQuerySet(models.QuerySet):
    def of_model(self, model):
        # By the content type's natural key, joined: no look-up of its id first.
        opts = model._meta
        return self.filter(content_type__app_label=opts.app_label, content_type__model=opts.model_name)

    def of(self, record):
        return self.of_model(record).filter(object_id=record.pk)


class PendingChange(models.Model):
    """A change to a published event or news item that the public does not see until a
    Publisher approves it: the record as its authors saved it, fields and links, kept apart
    from the live record. One per record; whoever edits the record next edits this change, and
    is credited beside the others."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    snapshot = models.TextField(_("snapshot"), help_text=_("The record as its authors saved it: its fields and links, as JSON."))
    # The live record's version when the change was last saved: a lower one than the record's
    # now means the published version was edited since.
    base_version = models.BigIntegerField(_("version of the record it changes"), default=0)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=[(State.DRAFT.value, State.DRAFT.label), (State.REVIEW.value, State.REVIEW.label)],
        default=State.DRAFT,
    )
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("authors"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, help_text=_("A Publisher’s note when the change was sent back."))
    # A new photo in the change: outside what the public site serves until it is approved
    # (photos.models.held_photos).
    held_photo = models.FileField(
        _("new photo"), storage=held_photos, upload_to=held_photo_path, blank=True, max_length=300
    )
    saved_at = models.DateTimeField(_("last saved"), auto_now=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("last saved by")
    )
    version = VersionField(_("version"))

    objects = ForRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-saved_at"]
        verbose_name = _("change waiting for review")
        verbose_name_plural = _("changes waiting for review")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="one_change_per_record")]

    def __str__(self):
        return gettext("Change to %(record)s") % {"record": self.record}

    @property
    def in_review(self):
        return self.state == State.REVIEW


class TimelineEntry(models.Model):
    """One step in a record's life: who took it, when, from which state to which, why, and
    which fields it changed. Written by the workflow (editorial/workflow.py) in the same
    transaction as the step; kept when the record or the user is deleted."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    object_repr = models.CharField(_("record"), max_length=300)
    action = models.CharField(_("step"), max_length=20, choices=Action.choices)
    subject = models.CharField(_("about"), max_length=10, choices=Subject.choices, default=Subject.RECORD)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("user")
    )
    # Who, as they were named then: kept when the account is deleted; a command's name for steps
    # taken by an operator's command (the seed content, say).
    actor = models.CharField(_("who"), max_length=150)
    at = models.DateTimeField(_("when"), default=timezone.now)
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    note = models.TextField(_("note"), blank=True)
    changed_fields = models.JSONField(_("fields changed"), default=list, help_text=_("The names of the fields the step changed."))
    # The record's version after the step (publishing/edit_conflicts.py reads what happened since a
    # form was opened), and the revision it made, to compare or revert to.
    record_version = models.BigIntegerField(_("version of the record"), null=True)
    revision = models.ForeignKey(
        "reversion.Revision", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("revision")
    )

    objects = ForRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="timeline_of_record")]

    def __str__(self):
        return f"{self.object_repr}: {self.get_action_display()} by {self.actor}"
