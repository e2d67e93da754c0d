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

The rows are kept by triggers in the database, in the same transaction as the change
(see the migration that creates each index), so the index is never behind: saves, the
admin's bulk actions, bulk inserts, cascades and raw SQL all go through them.

An index's columns carry the names of the record's fields, and its queryset has the
methods the finders' filters call on records (`published`, `linked_to_any`, `any_of`,
`matching`),
so one FilterSet filters either, and the tests check that both give the same results.
"""

from contextlib import contextmanager

from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models
from django.db.models import F, Func

from tntd.publishing import Scheduled
from tntd.search import SEARCH_CONFIGS, search_query


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


def index_models():
    """The concrete search index models of the installed apps."""
    return [model for model in apps.get_models() if issubclass(model, SearchIndexEntry)]


def index_of(records):
    """The search index of the model `records` (Event: EventIndexEntry)."""
    return next(model for model in index_models() if model._meta.get_field("record").related_model is records)


def own_tables(index_model):
    """The tables of `index_model`: its entries' and its facet rows'."""
    return [index_model._meta.db_table, index_model.facets_model._meta.db_table]


def index_tables(index_model):
    """(records' table, its link tables): the tables whose triggers keep `index_model`."""
    records = index_model._meta.get_field("record").related_model
    return records._meta.db_table, [field.remote_field.through._meta.db_table for field in records._meta.many_to_many]


@contextmanager
def suspended():
    """For bulk loads and deletes: the indexes' triggers off while inside, then every index
    emptied and rebuilt in one statement each (100,000 events: about 20 s), where the triggers would rewrite each row
    once for its record and once per kind of link. For the table owner, in a transaction, so
    no other session ever sees the triggers off."""
    statements = []
    for model in index_models():
        records, links = index_tables(model)
        statements += [f"{connection.ops.quote_name(table)} {{}} TRIGGER USER" for table in [records, *links]]
    with connection.cursor() as cursor:
        alter(cursor, [f"ALTER TABLE {statement.format('DISABLE')}" for statement in statements])
    yield
    with connection.cursor() as cursor:
        alter(cursor, [f"ALTER TABLE {statement.format('ENABLE')}" for statement in statements])
        for model in index_models():  # every row again: records deleted meanwhile have none
            records, _ = index_tables(model)
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
            cursor.execute(f"SELECT {model.sql_name}_refresh(ARRAY(SELECT id FROM {connection.ops.quote_name(records)}))")


def alter(cursor, statements):
    """ALTER TABLE refuses a table with checks still pending in the transaction: Django's
    foreign keys are checked at commit (deferred), so they are checked now, then deferred again."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for statement in statements:
        cursor.execute(statement)
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


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
    `facets_model`. Made by `index_sql(name=sql_name, ...)`."""

    sql_name = ""  # the prefix of its functions and triggers in the database
    facets_model = None  # its facet rows (SearchIndexFacets)

    document = SearchVectorField()

    class Meta:
        abstract = True


class SearchIndexFacets(IndexedColumns):
    """An index's facet rows: every column of its entries but the document, kept equal to
    them by triggers (`facets_table_sql`). The document is four fifths of an entry: a facet
    count over every event of a broad filter (a region, a theme) reads the whole index
    table, 180 MB at 100,000 events, where these rows are 34 MB. A count with words searched
    reads the entries, which alone can match them.

    Concrete facet rows also keep each counted field's keys in a column of its own
    ("themes_keys"): a facet in use is counted beside the other filters only, over its own
    keys, one or two a row where `facets` holds about eighteen."""

    class Meta:
        abstract = True


ALL = "*"


def facet_key(field_name, value):
    return f"{field_name}:{value}"


# --- The SQL that makes an index (for the migrations) ----------------------------------------


def on_postgresql(sql):
    """A migration's RunPython function that runs `sql` on PostgreSQL and does nothing elsewhere."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def keys_sql(*, choices, links, extra_keys=()):
    """The SQL array of a record `r`'s facet keys, each once (a venue's country may also take part)."""
    keys = " || ".join(
        [
            f"ARRAY['{ALL}'" + "".join(f", '{column}:' || r.{column}" for column in choices) + "]",
            *extra_keys,
            *(
                f"ARRAY(SELECT '{field}:' || l.{target} FROM {link_table} l WHERE l.{source} = r.id)"
                for field, link_table, source, target in links
            ),
        ]
    )
    return f"ARRAY(SELECT DISTINCT k FROM unnest({keys}) AS k)"


def refresh_functions_sql(*, name, table, records, key, columns, keys, document, replace=False):
    """The two functions that write an index's rows: `{name}_refresh(ids)` rebuilds the rows of
    those records whole, `{name}_refresh_keys(ids)` only their facet keys. `replace` redefines
    them, for a migration that changes what the keys are."""
    create = "CREATE OR REPLACE FUNCTION" if replace else "CREATE FUNCTION"
    copied = ", ".join(f"r.{column}" for column in columns)
    vector = document_sql(document)
    return f"""
{create} {name}_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM {table} WHERE {key} = ANY(ids);
    INSERT INTO {table} SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, {copied}, {keys}, {vector}
    FROM {records} r WHERE r.id = ANY(ids);
$$;

{create} {name}_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE {table} AS x SET facets = {keys} FROM {records} r WHERE r.id = x.{key} AND x.{key} = ANY(ids);
$$;
"""


def document_sql(document):
    """A record `r`'s full-text document: {text search configuration: [its columns]}, each
    language's text stemmed by its own configuration (tntd.search), or a list of columns,
    which hold English (the first indexes' documents)."""
    if not isinstance(document, dict):
        document = {SEARCH_CONFIGS["en"]: document}
    vectors = []
    for config, columns in document.items():
        text = " || ' ' || ".join(f"COALESCE(r.{column}, '')" for column in columns)
        vectors.append(f"to_tsvector('{config}'::regconfig, {text})")
    return " || ".join(vectors)


def indexed_columns_sql(key, columns):
    """The columns both tables of an index have (IndexedColumns), for CREATE TABLE."""
    return f"""{key} bigint PRIMARY KEY,
    status varchar(10) NOT NULL,
    publish_at timestamptz,
    unpublish_at timestamptz,
    title varchar(300) NOT NULL,
    {"".join(f"{column} {sql_type} NOT NULL, " for column, sql_type in columns.items())}
    facets text[] NOT NULL"""


def statement_triggers_sql(function, table):
    """The three triggers that run `function()` once per INSERT, UPDATE and DELETE statement on
    `table`, with its changed rows as the transition tables `new_rows` and `old_rows`."""
    return f"""
CREATE TRIGGER {function}_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {function}_update AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {function}_delete AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
"""


def keys_follow_sql(*, name, tag, table, column, affected):
    """(create, drop): a trigger on `table`, a table the keys read beside the record's own
    (regions' countries), that refreshes the keys of the records `affected` names: SQL
    selecting record ids, with `{changed}` standing for a query of the changed rows' `column`."""
    changed = {
        "DELETE": f"SELECT {column} FROM old_rows",
        "UPDATE": f"SELECT {column} FROM old_rows UNION SELECT {column} FROM new_rows",
        "INSERT": f"SELECT {column} FROM new_rows",
    }
    function = f"{name}_{tag}_changed"
    create = f"""
CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM {name}_refresh_keys(ARRAY({affected.format(changed=changed["DELETE"])}));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM {name}_refresh_keys(ARRAY({affected.format(changed=changed["UPDATE"])}));
    ELSE
        PERFORM {name}_refresh_keys(ARRAY({affected.format(changed=changed["INSERT"])}));
    END IF;
    RETURN NULL;
END $$;
""" + statement_triggers_sql(function, table)
    return create, f"DROP FUNCTION {function}() CASCADE;\n"


def facets_table_sql(*, name, table, facets_table, key, columns, counted):
    """(create, drop): the facet rows of the index `table` (SearchIndexFacets), for a migration:
    the table `facets_table` with its columns but the document, filled, and kept equal to
    it by triggers on it, in the same statement as every write of the index (its own functions
    write only the index, so they need no change).

    columns: {column: SQL type} of the index's sort columns, which the date filters read.
    counted: the fields a finder counts, each given a column of its own keys ("<field>_keys")."""
    own_keys = [f"ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, '{field}:'))" for field in counted]
    copied = ", ".join([*(f"r.{column}" for column in [key, "status", "publish_at", "unpublish_at", "title", *columns, "facets"]), *own_keys])
    function = f"{name}_facet_rows_changed"
    create = f"""
CREATE TABLE {facets_table} (
    {indexed_columns_sql(key, columns)}{"".join(f", {field}_keys text[] NOT NULL" for field in counted)}
);
CREATE INDEX {name}_facet_rows ON {facets_table} USING gin (facets) WHERE status = 'published';
INSERT INTO {facets_table} SELECT {copied} FROM {table} r;

CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM {facets_table} WHERE {key} IN (SELECT {key} FROM old_rows);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO {facets_table} SELECT {copied} FROM new_rows r;
    END IF;
    RETURN NULL;
END $$;
""" + statement_triggers_sql(function, table)
    return create, f"DROP FUNCTION {function}() CASCADE;\nDROP TABLE {facets_table};\n"


def index_sql(*, name, table, records, key, columns, sort_orders, choices, links, document, extra_keys=()):
    """(create, drop): the SQL of one search index, for a migration to run on PostgreSQL.

    name: a prefix for its functions, triggers and indexes ("event_index").
    table / records / key: the index table, the records' table, and the index's column
        holding a record's id ("event_id").
    columns: {column: SQL type} copied from the record besides status and title.
    sort_orders: {index name suffix: column list} of the finder's sort orders.
    choices: record columns whose values are facet keys ("event_type").
    links: [(record field, link table, link column of the record, link column of the object)].
    document: the record columns of its full-text document (see document_sql).
    extra_keys: further SQL arrays of keys, over the record `r`.

    The triggers run once per statement, with transition tables: a bulk insert of 2,000 records
    or 10,000 links refreshes those records once, not once per row. A record's row is rebuilt
    whole when the record changes, and only its keys when its links do.
    """
    keys = keys_sql(choices=choices, links=links, extra_keys=extra_keys)
    functions = refresh_functions_sql(
        name=name, table=table, records=records, key=key, columns=columns, keys=keys, document=document
    )
    create = f"""
CREATE TABLE {table} (
    {indexed_columns_sql(key, columns)},
    document tsvector NOT NULL
);
-- What a finder reads: published rows only; the publishing window included, so that a page
-- of ids (page 2,000 too) is read from the index alone.
{"".join(f"CREATE INDEX {name}_{suffix} ON {table} ({order}) INCLUDE (publish_at, unpublish_at) WHERE status = 'published'; " for suffix, order in sort_orders.items())}
CREATE INDEX {name}_facets ON {table} USING gin (facets) WHERE status = 'published';
CREATE INDEX {name}_document ON {table} USING gin (document) WHERE status = 'published';

{functions}
CREATE FUNCTION {name}_records_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM {table};
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM {table} WHERE {key} IN (SELECT id FROM old_rows);
    ELSE
        PERFORM {name}_refresh(ARRAY(SELECT id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER {name}_insert AFTER INSERT ON {records}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {name}_records_changed();
CREATE TRIGGER {name}_update AFTER UPDATE ON {records}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {name}_records_changed();
CREATE TRIGGER {name}_delete AFTER DELETE ON {records}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {name}_records_changed();
CREATE TRIGGER {name}_truncate AFTER TRUNCATE ON {records}
    FOR EACH STATEMENT EXECUTE FUNCTION {name}_records_changed();
"""
    drop = ""
    for _, link_table, source, _ in links:
        create += f"""
CREATE FUNCTION {name}_{link_table}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM {name}_refresh_keys(ARRAY(SELECT DISTINCT {source} FROM old_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM {name}_refresh_keys(ARRAY(SELECT {source} FROM old_rows UNION SELECT {source} FROM new_rows));
    ELSE
        PERFORM {name}_refresh_keys(ARRAY(SELECT DISTINCT {source} FROM new_rows));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER {name}_insert AFTER INSERT ON {link_table}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {name}_{link_table}_changed();
CREATE TRIGGER {name}_update AFTER UPDATE ON {link_table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {name}_{link_table}_changed();
CREATE TRIGGER {name}_delete AFTER DELETE ON {link_table}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {name}_{link_table}_changed();
"""
        drop += f"DROP FUNCTION {name}_{link_table}_changed() CASCADE;\n"
    create += f"SELECT {name}_refresh(ARRAY(SELECT id FROM {records}));\n"
    drop += f"""DROP FUNCTION {name}_records_changed() CASCADE;
DROP FUNCTION {name}_refresh(bigint[]), {name}_refresh_keys(bigint[]);
DROP TABLE {table};
"""
    return create, drop
