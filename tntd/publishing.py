"""The draft/published workflow shared by events and news.

`PublishableQuerySet.published()` is the one rule for what the public may see: every
public view, feed, export, sitemap and count starts from it.
"""

from django.db import models

from tntd.audit import AuditedModel
from tntd.caching import content_changed
from tntd.search import keyword_search


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

    # The finders' filters call these, so that they run unchanged on a search index
    # (tntd.search_index.SearchIndexQuerySet has the same methods over its own columns).

    def linked_to_any(self, field_name, objects):
        """Records linked to any of `objects` through the many-to-many `field_name`: a subquery
        on the link table, so a record linked to two of them is listed once, without DISTINCT."""
        relation = self.model._meta.get_field(field_name)
        links = relation.remote_field.through.objects.filter(**{f"{relation.m2m_reverse_field_name()}__in": objects})
        return self.filter(pk__in=links.values(relation.m2m_field_name()))

    def any_of(self, field_name, values):
        """Records whose `field_name` is any of `values`."""
        return self.filter(**{f"{field_name}__in": values})

    def matching(self, words):
        """Records whose `search_fields` match the keywords `words`."""
        return keyword_search(self, self.model.search_fields, words)

    def count_linked(self, field_name, key):
        """[(key, name, count)] of these records per object linked to them through the
        many-to-many `field_name`, in the linked model's order; objects linked to none are
        left out.

        One grouped query on the link table, restricted to these records by an uncorrelated
        subquery: its cost follows the number of links, never the number of options. A record
        is linked to an object at most once (the link table's unique pair), so COUNT(*) is exact.
        """
        relation = self.model._meta.get_field(field_name)
        record, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        ordering = [f"{target}__{name}" for name in relation.related_model._meta.ordering]
        rows = (
            relation.remote_field.through.objects.filter(**{f"{record}__in": self.values("pk")})
            .values_list(f"{target}__{key}", f"{target}__name")
            .annotate(n=models.Count("pk"))
            .order_by(*ordering)
        )
        return [(str(value), name, n) for value, name, n in rows]


class PublishableModel(AuditedModel):
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    class Meta(AuditedModel.Meta):
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED
