"""Search indexes: one narrow row per record, which the finders filter, count and sort by.

Filters become overlaps of facet keys, and a page's facet counts one pass over the rows, with no
join of the records' link tables; the database keeps the rows (search/sql.py). See docs/search-index.md.
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
        have one (SearchIndexFacets): far fewer keys to count."""
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
    """What one finder's search index holds, declared once.

    The index models, the FilterSet's facets and the SQL that keeps the index (search/sql.py) are all
    made from it, so that they cannot disagree.
    """

    name: str  # the prefix of its SQL functions ("event_index")
    records: type  # the model indexed; its `search_fields` make the full-text document
    table: str  # the index's entries
    facets_table: str  # its facet rows
    key: str  # both tables' column of the record's id
    columns: dict  # {column: SQL type} copied from the record besides status, window and title (sorts, dates)
    facets: dict  # {finder parameter: key field} of the facets a finder counts, in the order it shows them
    choices: tuple  # record columns whose values are keys ("event_type:workshop")
    links: tuple  # many-to-many fields whose linked ids are keys ("themes:4")
    extra_keys: tuple = ()  # further SQL arrays of keys, over the record `r`
    follows: tuple = ()  # the tables the extra keys read (Follow)
    # SQL over a facet row `f` and the day `$2`: when a published row is still not public besides
    # its publishing window (a news item dated later).
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

    `facets` holds a record's keys (ALL, "event_type:workshop", "themes:4"): filters are overlaps of
    it, counts one `unnest`. Unmanaged: the migrations that make the triggers make the tables.
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
    """An index's facet rows: its entries without the document, kept equal by `<index>_refresh`.

    Counts read these much smaller rows unless words are searched, which only entries can match.
    Each counted field's keys also have a column ("themes_keys"): a facet in use counts only those."""

    class Meta:
        abstract = True


ALL = "*"  # the key every row has: its count is the total


def facet_key(field_name, value):
    return f"{field_name}:{value}"


