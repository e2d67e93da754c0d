"""Published counts: the finders' facet counts over the whole published archive, and its
totals, kept in a table (`tntd.models.PublishedCount`) instead of counted on every request.

Counting 100,000 events per country, theme, unit... takes the database most of a second,
and an unfiltered finder, the home page, the index pages and every topic page would pay it
on each visit. The counts change only when public content does, so `refresh()` recomputes
them then, with the finders' own grouped queries, and pages read them back in one query.

Where no summary has been made yet (a new database, or tests, where commits never happen)
pages count live, with the same queries: the summary is a shortcut, never a second rule.
"""

import logging

from django.db import DatabaseError, connection, transaction
from django.http import QueryDict
from django.utils import translation
from django.utils.module_loading import import_string

from tntd.models import PublishedCount
from tntd.translation_fields import active_language, languages

logger = logging.getLogger(__name__)

# The finders whose unfiltered counts are kept.
FINDERS = ["activities.filters.EventFilterSet", "news.filters.NewsFilterSet"]
TOTAL = ""  # the facet name of a content type's total


class Summary:
    """One content type's stored counts: its total, and each facet's [(value, label, count)]."""

    def __init__(self, rows):
        self.facets = {}
        self.total = 0
        for row in rows:
            if row.facet == TOTAL:
                self.total = row.count
            else:
                self.facets.setdefault(row.facet, []).append((row.value, row.label, row.count))

    def facet(self, name):
        return self.facets.get(name, [])

    def count(self, facet, value):
        """How many published records one choice has: 0 when it has none."""
        return next((n for stored, _, n in self.facet(facet) if stored == value), 0)


def summary(model):
    """The stored counts of `model` (Event, NewsItem) in the active language, or None where
    there are none yet."""
    rows = list(PublishedCount.objects.filter(content=model._meta.label_lower, language=active_language()))
    return Summary(rows) if rows else None


def live_rows():
    """Every count, computed now with the finders' grouped queries, once; stored once per
    language, with the choices' labels, and their order, in that language."""
    rows = []
    for path in FINDERS:
        filterset_class = import_string(path)
        model = filterset_class._meta.model
        published = model.objects.published()
        content = model._meta.label_lower
        total = published.count()
        filterset = filterset_class(QueryDict(), queryset=published)
        counted = {name: filterset.live_facet_counts(name) for name in filterset.facets}
        for language in languages():
            rows.append(PublishedCount(content=content, language=language, facet=TOTAL, position=0, count=total))
            with translation.override(language):
                for name, counts in counted.items():
                    for position, (value, label, count) in enumerate(filterset.in_active_language(name, counts)):
                        rows.append(PublishedCount(content=content, language=language, facet=name, position=position,
                                                   value=value, label=label, count=count))
    return rows


def refresh():
    """Recompute every stored count in one transaction. Should it fail, the stored counts are
    removed, so that pages count live rather than show numbers that are out of date."""
    try:
        with transaction.atomic():
            # A web request's statement timeout is for visitors' queries; this one runs once
            # per change and may take a second at 100,000 events.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = 0")
            rows = live_rows()
            PublishedCount.objects.all().delete()
            PublishedCount.objects.bulk_create(rows)
    except DatabaseError:
        logger.exception("Published counts could not be refreshed; pages count live until the next change")
        try:
            PublishedCount.objects.all().delete()
        except DatabaseError:
            logger.exception("Out-of-date published counts could not be removed")


def archive_filterset(finder):
    """`finder` (a FilterSet class) with no filter, over the whole published archive."""
    return finder(QueryDict(), queryset=finder._meta.model.objects.published())


def archive_counts(finder, facet):
    """{choice as written in a URL: published records} of one of `finder`'s facets over the
    whole archive: the stored counts, or counted now where there are none."""
    return {value: count for value, _, count in archive_filterset(finder).facet_counts(facet)}


def archive_count(records, facet, value):
    """How many `records` there are: the published events or news of one choice of one facet
    (`?theme=policing`, as a topic page links to it). The stored count, or, where none are
    stored, `records` counted now."""
    stored = summary(records.model)
    return records.count() if stored is None else stored.count(facet, value)


def archive_total(finder):
    """How many published records `finder` searches: stored, or counted now."""
    filterset = archive_filterset(finder)
    total = filterset.total()
    return filterset.queryset.count() if total is None else total
