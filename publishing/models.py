"""The draft/published state of events and news, and the one rule for what the public may see.

Every public view, feed, export, sitemap and count starts from `published()`, which reads the
clock at each query, so scheduled publishing needs nothing to run. See docs/publishing.md.
"""

from contextlib import contextmanager

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from publishing.audit import AuditedModel
from translations.fields import columns_to_update


class Status(models.TextChoices):
    """Where a record stands; only the editorial workflow's steps change it (editorial/workflow.py)."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")  # submitted: a Publisher may publish it
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")  # taken off the public site after being published


# What only users with the publish permission may set: the status and the publishing window.
PUBLISHING_FIELDS = ("status", "publish_at", "unpublish_at")

# The status alone, for the partial indexes that cover what the public may see.
PUBLISHED = models.Q(status=Status.PUBLISHED)


def public_at(now):
    """Published and, at `now`, within its publishing window."""
    return (
        PUBLISHED
        & (Q(publish_at__isnull=True) | Q(publish_at__lte=now))
        & (Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now))
    )


def step_flag(value, using=DEFAULT_DB_ALIAS):
    """Sets, for the rest of the transaction, whether its writes may change a status or a
    published record's dates (any text but "" means yes), as the database's guard reads it
    (editorial/migrations/0003_publishing_guard.py); returns what it was."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(current_setting('editorial.step', true), ''), set_config('editorial.step', %s, true)", [value]
        )
        return cursor.fetchone()[0]


@contextmanager
def publishing_writes(using=DEFAULT_DB_ALIAS):
    """The writes of the block may change statuses and publishing dates: the editorial
    workflow's steps (editorial/workflow.py), which check who may, and an operator's import
    (the seed content, the benchmark's data). A trigger refuses any other."""
    with transaction.atomic(using=using):
        previous = step_flag("on", using)
        yield
        step_flag(previous, using)


class Scheduled:
    """The publishing rule, for querysets of records and of their search index alike."""

    def published(self):
        return self.filter(public_at(timezone.now()))


class PublishableQuerySet(Scheduled, models.QuerySet):
    def update(self, **kwargs):
        """Raise the records' versions, as a save does (publishing/audit.py).

        A translated field named without its language (`title`) is written in the active
        language's column, and in the original column too when that is English: the original
        column keeps the English text (translations/fields.py)."""
        queryset = self
        if hasattr(self, "rewrite"):  # a model with translated fields (django-modeltranslation's queryset)
            kwargs, queryset = columns_to_update(self.model, kwargs), self.rewrite(False)
        kwargs.setdefault("version", models.F("version") + 1)  # as a save raises it (publishing/audit.py)
        return super(PublishableQuerySet, queryset).update(**kwargs)

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def visible_to(self, user):
        """What `user` may see on the public site: what is published, or everything for staff
        who may view these records in the back office, to preview them before publishing."""
        opts = self.model._meta
        return self if user.has_perm(f"{opts.app_label}.view_{opts.model_name}") else self.published()

    # The finders' filters call these, so that they run unchanged on a search index
    # (search.index.SearchIndexQuerySet has the same methods over its own columns).

    def linked_to_any(self, field_name, objects):
        """Records linked to any of `objects` through the many-to-many `field_name`: a subquery
        on the link table, so a record linked to two of them is listed once, without DISTINCT."""
        relation = self.model._meta.get_field(field_name)
        links = relation.remote_field.through.objects.filter(**{f"{relation.m2m_reverse_field_name()}__in": objects})
        return self.filter(pk__in=links.values(relation.m2m_field_name()))

    def any_of(self, field_name, values):
        """Records whose `field_name` is any of `values`."""
        return self.filter(**{f"{field_name}__in": values})



class PublishableModel(AuditedModel):
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    publish_at = models.DateTimeField(
        _("public from"),
        null=True,
        blank=True,
        help_text=_(
            "Embargo: a published record stays off the public site until then (Vienna time). "
            "Empty: public as soon as it is published."
        ),
    )
    unpublish_at = models.DateTimeField(
        _("public until"),
        null=True,
        blank=True,
        help_text=_("A published record leaves the public site then (Vienna time). Empty: it stays."),
    )
    # A change waiting for review (editorial/workflow.py); deleted with the record.
    pending_changes = GenericRelation("editorial.PendingChange")

    class Meta(AuditedModel.Meta):
        abstract = True

    def clean(self):
        super().clean()
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError({"unpublish_at": gettext("“Public until” must be later than “Public from”.")})

    def window(self, now=None):
        """The status when not published ("draft", "review", "unpublished"), else "scheduled",
        "public" or "ended": the record against the publishing rule at `now`, as `public_at`
        says it in SQL."""
        now = now or timezone.now()
        if self.status != Status.PUBLISHED:
            return self.status
        if self.publish_at and self.publish_at > now:
            return "scheduled"
        if self.unpublish_at and self.unpublish_at <= now:
            return "ended"
        return "public"

    @property
    def publication(self):
        """Where the record stands with the public, in words: "Draft", "Ready for review",
        "Scheduled for 1 Dec 2026, 09:00", "Public", "Public until …" or "Ended"."""
        window = self.window()
        if window == "scheduled":
            return gettext("Scheduled for %(time)s") % {
                "time": date_format(timezone.localtime(self.publish_at), "SHORT_DATETIME_FORMAT")
            }
        if window == "ended":
            return gettext("Ended")
        if window == "public" and self.unpublish_at:
            return gettext("Public until %(time)s") % {
                "time": date_format(timezone.localtime(self.unpublish_at), "SHORT_DATETIME_FORMAT")
            }
        return gettext("Public") if window == "public" else self.get_status_display()

    @property
    def is_published(self):
        """Whether the public sees it now: published and within its publishing window."""
        return self.window() == "public"
