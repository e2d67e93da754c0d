"""Read counts over the whole published archive: how many public records each facet key has.

The database keeps them as each change commits (search/sql.py), so a count costs one small
query whatever the archive's size. See docs/search-index.md.
"""

from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from search.index import ALL, facet_key


def key_counts(index_model):
    """{facet key: public records} over the whole archive of `index_model`, at this moment;
    `ALL` is their total."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT key, n FROM {connection.ops.quote_name(index_model.spec.name + '_key_counts')}(%s, %s)",
            [timezone.now(), timezone.localdate()],
        )
        return dict(cursor.fetchall())


def archive_filterset(finder):
    """`finder` (a FilterSet class) with no filter, over the whole published archive."""
    return finder(QueryDict(), queryset=finder._meta.model.objects.published())


def archive_counts(finder, facet):
    """{choice as written in a URL: public records} of one of `finder`'s facets over the archive."""
    return {value: count for value, _, count in archive_filterset(finder).facet_counts(facet)}


def archive_count(finder, facet, obj):
    """How many public records of `finder` the facet `facet` counts for `obj` (a theme, a
    country...): the records its page links to with `?facet=...`."""
    key_field = finder.index_model.spec.facets[facet]
    return key_counts(finder.index_model).get(facet_key(key_field, obj.pk), 0)


def archive_counts_of(finder, facet, objects):
    """{obj.pk: archive_count(finder, facet, obj)} for each of `objects` (units...), in one query."""
    key_field = finder.index_model.spec.facets[facet]
    kept = key_counts(finder.index_model)
    return {obj.pk: kept.get(facet_key(key_field, obj.pk), 0) for obj in objects}


def archive_total(finder):
    """How many public records `finder` searches."""
    return key_counts(finder.index_model).get(ALL, 0)
