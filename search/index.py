"""Search indexes: what the finders read on PostgreSQL, one narrow row per record.

A finder page asks for a list, its total and half a dozen facet counts, each over the
records that every other filter leaves. Over the records themselves, each of those
queries joins the link tables again (countries, themes, units...), and with 100,000 events
a keyword or a few filters leave tens of thousands of rows to join, a dozen times a page.

A search index holds, per record, what the finder filters, sorts and counts by: its status,
sort columns, its facet keys (one array: its choices and the ids of its linked objects) and
its full-text document. Filters become overlaps of the keys, served by one GIN index, and
every facet count of a page, with the total, is one pass over the matching rows (`unnest`),
with no join. The counts read a copy of the rows without their documents (the facet rows),
a fifth of the size, unless words are searched.

The rows are kept by the database, in the transaction of the change (search/sql.py): a
statement queues the records it touched, and as the transaction commits each one's rows are
written once, and the stored count of each of their keys moved by +1/-1, so saves, the
admin's bulk actions, bulk inserts, `loaddata`, cascades and raw SQL all keep them, at a
cost that does not grow with the archive. What an index holds is declared once, in its
IndexSpec.

An index's columns carry the names of the record's fields, and its queryset has the
methods the finders' filters call on records (`published`, `linked_to_any`, `any_of`,
`matching`),
so one FilterSet filters either, and the tests check that both give the same results.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models
from django.db.models import F, Func

from publishing.models import Scheduled
from search.query import search_query


class SearchIndexQuerySet(Scheduled, models.QuerySet):
    def linked_to_any(self, field_name, objects):
        """Rows of records linked to any of `objects` through their many-to-many `field_name`."""
        return self.filter(facets__overlap=[facet_key(field_name, obj.pk) for obj in objects])

    def in_regions(self, regions):
        """Rows of records in any of `regions`: their "regions" keys, which the triggers derive
        from the countries the record involves (see the index migrations' region keys)."""
        return self.linked_to_any("regions", regions)

    def any_of(self, field_name, values):
        """Rows of records whose `field_name` is any of `values`."""
        return self.filter(facets__overlap=[facet_key(field_name, value) for value in values])

    def matching(self, words):
        words = words.strip()
        return self.filter(document=search_query(words)) if words else self

    def facet_key_counts(self, only=None):
        """{facet key: number of these rows that have it}, ALL included (their total): every
        facet of every row in one pass over the rows, in one grouped query. With `only` (a
        field name), the keys of that field alone, read from their own column where the rows
        have one (SearchIndexFacets): a fifth of the keys to count."""
        column = "facets"
        if only is not None and any(field.name == f"{only}_keys" for field in self.model._meta.concrete_fields):
            column = f"{only}_keys"
        keys = self.order_by().annotate(key=Func(F(column), function="unnest")).values("key")
        sql, params = keys.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT keys.key, COUNT(*) FROM ({sql}) AS keys GROUP BY keys.key", params)
            return dict(cursor.fetchall())


@dataclass(frozen=True)
class Follow:
    """A table an index's keys read besides the record's own (a region's countries): a change
    of it refreshes the records that `records` selects, SQL in which `{changed}` stands for a
    query of the changed rows' `column`."""

    table: str
    column: str
    records: str


@dataclass(frozen=True)
class IndexSpec:
    """What one finder's search index holds, declared once: the index models take their tables
    and key columns from it, the FilterSet its facets, and `search.sql` the functions and
    triggers that keep it (which a new migration installs, and a system check compares with
    the database's; see finders/checks.py).

    name: the prefix of its SQL functions ("event_index").
    records: the model indexed; its `search_fields` make the full-text document.
    table / facets_table / key: the index's tables, and their column of the record's id.
    columns: {column: SQL type} copied from the record besides status, window and title (sorts, date filters).
    facets: {finder parameter: key field} of the facets a finder counts, in the order it shows them.
    choices: record columns whose values are keys ("event_type:workshop").
    links: many-to-many fields whose linked ids are keys ("themes:4").
    extra_keys: further SQL arrays of keys, over the record `r`.
    follows: tables the extra keys read (Follow).
    hidden: SQL over a facet row `f` and the day `$2`: when a published row is still not public
        besides its publishing window (a news item dated later).
    """

    name: str
    records: type
    table: str
    facets_table: str
    key: str
    columns: dict
    facets: dict
    choices: tuple
    links: tuple
    extra_keys: tuple = ()
    follows: tuple = ()
    hidden: str = ""
    counted: tuple = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "counted", tuple(self.facets.values()))

    def key_columns(self):
        """An abstract model with the facet rows' column of each counted field's keys
        ("themes_keys"), for the facet rows' model to inherit."""
        attrs = {f"{counted}_keys": ArrayField(models.TextField()) for counted in self.counted}
        attrs |= {"__module__": self.records.__module__, "Meta": type("Meta", (), {"abstract": True})}
        return type(f"{self.records.__name__}IndexKeyColumns", (models.Model,), attrs)


def index_models():
    """The concrete search index models of the installed apps."""
    return [model for model in apps.get_models() if issubclass(model, SearchIndexEntry)]


def index_tables():
    """The tables of every search index: its entries' and its facet rows'."""
    return [table for model in index_models() for table in (model._meta.db_table, model.facets_model._meta.db_table)]


class SearchableQuerySet(models.QuerySet):
    """For a model with a search index: keyword search through it."""

    def matching(self, words):
        """Records whose `search_fields` match the keywords `words`: those whose index entry
        matches (the one full-text document, and its GIN index). Keyword search is the public
        finders': it finds published records only, the ones the index covers."""
        words = words.strip()
        if not words:
            return self
        entries = index_of(self.model).objects.published().matching(words)
        return self.filter(pk__in=entries.values("record"))


def index_of(records):
    """The search index of the model `records` (Event: EventIndexEntry)."""
    return next(model for model in index_models() if model.spec.records is records)


class IndexedColumns(models.Model):
    """What the finders filter and count by, in both of an index's tables.

    `facets` holds a record's facet keys: ALL ("*", so that the counts include the total),
    "<field>:<value>" for each value of a choice field, and "<field>:<id>" for each object
    linked through a many-to-many field, named as on the record ("event_type:workshop",
    "themes:4"). Filters are overlaps of it (a GIN index), and counts one `unnest`.

    Written only by the database's triggers: unmanaged, so Django never creates, alters or
    flushes the tables by itself (the migrations that make the triggers make the tables).
    """

    status = models.CharField(max_length=20)
    publish_at = models.DateTimeField(null=True)
    unpublish_at = models.DateTimeField(null=True)
    title = models.CharField(max_length=300)
    facets = ArrayField(models.TextField())

    class Meta:
        abstract = True


class SearchIndexEntry(IndexedColumns):
    """A search index: its records' filtered and sorted columns and full-text document.
    Concrete indexes add a one-to-one `record` primary key, their sort columns and
    `facets_model`, and `spec`, which says what it holds (IndexSpec)."""

    spec = None
    facets_model = None  # its facet rows (SearchIndexFacets)

    document = SearchVectorField()

    class Meta:
        abstract = True


class SearchIndexFacets(IndexedColumns):
    """An index's facet rows: every column of its entries but the document, kept equal to
    them by the same function (`<index>_refresh`). The document is four fifths of an entry: a facet
    count over every event of a broad filter (a region, a theme) reads the whole index
    table, 180 MB at 100,000 events, where these rows are 34 MB. A count with words searched
    reads the entries, which alone can match them.

    Concrete facet rows also keep each counted field's keys in a column of its own
    ("themes_keys"): a facet in use is counted beside the other filters only, over its own
    keys, one or two a row where `facets` holds about eighteen."""

    class Meta:
        abstract = True


ALL = "*"  # the key every row has: its count is the total


def facet_key(field_name, value):
    return f"{field_name}:{value}"


