"""Who created and last changed a record, and when, and its version: on everything staff edit."""

from contextlib import contextmanager
from contextvars import ContextVar

from concurrency.fields import IntegerVersionField
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from publishing.validation import PlainUniqueErrors

AUDIT_FIELDS = ("created_at", "created_by", "updated_at", "updated_by")


class VersionField(IntegerVersionField):
    """A number every save raises; a save from an older copy of the record (a form opened
    before someone else's save) is refused with RecordModifiedError (django-concurrency), on
    every path that saves through the ORM. Made from the clock (microseconds), so it only
    grows, even after a revert restores an older row. Not a form field: the back office
    carries it in a field of its own (publishing/edit_conflicts.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.editable = False


class AuditedModel(PlainUniqueErrors, models.Model):
    """Abstract base: timestamps filled by the database layer, users filled by the admin.

    `backoffice.model_admins.AuditedAdmin` sets `created_by` and `updated_by` on save; code that saves
    outside the admin (the seed command, tests) may leave them empty.
    """

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    version = VersionField(_("version"))

    class Meta:
        abstract = True


_reverting = ContextVar("reverting", default=False)


@contextmanager
def reverting():
    """Saves in the block write rows restored from revisions (django-reversion's revert), which
    hold the versions they had then: each takes its row's version of now, so that the check
    passes and the version still rises. The rest of the process is unaffected."""
    token = _reverting.set(True)
    try:
        yield
    finally:
        _reverting.reset(token)


def take_current_version(sender, instance, **kwargs):
    """pre_save, for every model (TntdConfig.ready): only inside `reverting()`."""
    if _reverting.get() and hasattr(sender, "_concurrencymeta") and instance.pk is not None:
        current = sender._base_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
        if current is not None:
            instance.version = current
