"""The draft/published workflow shared by events and news.

`PublishableQuerySet.published()` is the one rule for what the public may see: every
public view, feed, export, sitemap and count starts from it.
"""

from django.db import models

from tntd.audit import AuditedModel
from tntd.caching import content_changed


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


# The condition itself, for the partial indexes that cover exactly what the public sees.
PUBLISHED = models.Q(status=Status.PUBLISHED)


class PublishableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        """Saves and deletes bump the content version through signals; a bulk update (the
        admin's publish and unpublish actions) sends none, so it bumps here."""
        rows = super().update(**kwargs)
        if rows:
            content_changed(using=self.db)
        return rows

    def published(self):
        return self.filter(PUBLISHED)

    def drafts(self):
        return self.filter(status=Status.DRAFT)


class PublishableModel(AuditedModel):
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    class Meta(AuditedModel.Meta):
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED
