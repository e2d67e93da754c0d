"""Who created and last changed a record, and when: on everything staff edit."""

from django.conf import settings
from django.db import models

AUDIT_FIELDS = ("created_at", "created_by", "updated_at", "updated_by")


class AuditedModel(models.Model):
    """Abstract base: timestamps filled by the database layer, users filled by the admin.

    `tntd.admin.AuditedAdmin` sets `created_by` and `updated_by` on save; code that saves
    outside the admin (the seed command, tests) may leave them empty.
    """

    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("last updated", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="last updated by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True
