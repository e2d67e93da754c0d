"""Make the SQL that keeps a search index from its spec (search.index.IndexSpec).

Nothing here runs by itself: a migration holds the text, frozen, and search/checks.py reports a
spec changed without one. See docs/search-index.md.
"""

from django.conf import settings

from search.index import ALL
from search.query import SEARCH_CONFIGS

STATEMENTS = ("INSERT", "UPDATE", "DELETE")


def m2m_tables(spec):
    """[(field name, link table, its column of the record, its column of the linked object)]."""
    for name in spec.links:
        relation = spec.records._meta.get_field(name)
        through = relation.remote_field.through._meta
        yield (name, through.db_table, through.get_field(relation.m2m_field_name()).column,
               through.get_field(relation.m2m_reverse_field_name()).column)


def keys(spec):
    """The SQL array of a record `r`'s facet keys, each once."""
    arrays = [
        f"ARRAY['{ALL}'" + "".join(f", '{column}:' || r.{column}" for column in spec.choices) + "]",
        *spec.extra_keys,
        *(
            f"ARRAY(SELECT '{name}:' || l.{target} FROM {table} l WHERE l.{source} = r.id)"
            for name, table, source, target in m2m_tables(spec)
        ),
    ]
    return f"ARRAY(SELECT DISTINCT k FROM unnest({' || '.join(arrays)}) AS k)"


def document(spec):
    """A record `r`'s full-text document: its `search_fields` in each language, stemmed by that
    language's configuration (search.query). The original columns hold English."""
    vectors = []
    for language, _ in settings.LANGUAGES:
        suffix = "" if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE else f"_{language}"
        text = " || ' ' || ".join(f"COALESCE(r.{name}{suffix}, '')" for name in spec.records.search_fields)
        vectors.append(f"to_tsvector('{SEARCH_CONFIGS[language]}'::regconfig, {text})")
    return " || ".join(vectors)


def row_columns(spec):
    return [spec.key, "status", "publish_at", "unpublish_at", "title", *spec.columns, "facets"]


def own_keys(spec, rows):
    """Each counted field's keys apart, from the keys of `rows` (SearchIndexFacets)."""
    return [f"ARRAY(SELECT k FROM unnest({rows}.facets) AS k WHERE starts_with(k, '{field}:'))" for field in spec.counted]


def facet_row_columns(spec):
    return [*row_columns(spec), *(f"{field}_keys" for field in spec.counted)]


def counted_keys(rows):
    """SQL: a jsonb {key: number} of the keys of the published `rows`."""
    return (
        "SELECT coalesce(jsonb_object_agg(c.k, c.n), '{}') "
        f"FROM (SELECT k, count(*) AS n FROM {rows}, unnest({rows}.facets) AS k WHERE {rows}.status = 'published' GROUP BY k) AS c"
    )


def refresh_function(spec):
    copied = ", ".join(f"r.{column}" for column in spec.columns)
    return f"""CREATE OR REPLACE FUNCTION {spec.name}_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    removed jsonb;
    added jsonb;
BEGIN
    DELETE FROM {spec.table} WHERE {spec.key} = ANY(ids);
    WITH gone AS (DELETE FROM {spec.facets_table} WHERE {spec.key} = ANY(ids) RETURNING status, facets)
    {counted_keys("gone")} INTO removed;
    WITH made AS (
        INSERT INTO {spec.table} ({", ".join(row_columns(spec))}, document)
        SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, {copied},
            {keys(spec)},
            {document(spec)}
        FROM {spec.records._meta.db_table} r WHERE r.id = ANY(ids)
        RETURNING {", ".join(row_columns(spec))}
    ), written AS (
        INSERT INTO {spec.facets_table} ({", ".join(facet_row_columns(spec))})
        SELECT {", ".join(f"made.{column}" for column in row_columns(spec))}, {", ".join(own_keys(spec, "made"))} FROM made
        RETURNING status, facets
    )
    {counted_keys("written")} INTO added;
    PERFORM search_index_count('{spec.name}', removed, added);
END $$;
"""


def key_counts_function(spec):
    hidden = f" OR {spec.hidden}" if spec.hidden else ""
    return f"""CREATE OR REPLACE FUNCTION {spec.name}_key_counts(timestamptz, date) RETURNS TABLE (key text, n bigint) LANGUAGE sql STABLE AS $$
    SELECT c.key, sum(c.n)::bigint FROM (
        SELECT s.key, s.n FROM search_index_key_counts s WHERE s.index_name = '{spec.name}'
        UNION ALL
        SELECT k, -count(*) FROM {spec.facets_table} f, unnest(f.facets) AS k
        WHERE f.status = 'published' AND (f.publish_at > $1 OR f.unpublish_at <= $1{hidden})
        GROUP BY k
    ) AS c GROUP BY c.key HAVING sum(c.n) > 0
$$;
"""


def sorted_array(column):
    return f"ARRAY(SELECT unnest({column}) ORDER BY 1)"


def check_function(spec):
    copied = ", ".join(f"r.{column}" for column in spec.columns)
    compared = ["status", "publish_at", "unpublish_at", "title", *spec.columns]
    expected = ", ".join([*(f"e.{column}" for column in compared), sorted_array("e.facets"), "e.document"])
    found = ", ".join([*(f"x.{column}" for column in compared), sorted_array("x.facets"), "x.document"])
    rows = ", ".join(f"x.{column}" for column in row_columns(spec)[1:])
    facet_rows = ", ".join(f"f.{column}" for column in row_columns(spec)[1:])
    return f"""CREATE OR REPLACE FUNCTION {spec.name}_check() RETURNS TABLE (problem text, found bigint) LANGUAGE sql STABLE AS $$
    WITH expected AS (
        SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, {copied},
            {keys(spec)} AS facets,
            {document(spec)} AS document
        FROM {spec.records._meta.db_table} r
    ), recounted AS (
        SELECT k AS key, count(*) AS n FROM {spec.facets_table} f, unnest(f.facets) AS k WHERE f.status = 'published' GROUP BY k
    ), stored AS (
        SELECT s.key, sum(s.n) AS n FROM search_index_key_counts s WHERE s.index_name = '{spec.name}' GROUP BY s.key
    )
    SELECT 'index rows missing, left over or unlike their record', count(*)
        FROM expected e FULL JOIN {spec.table} x ON x.{spec.key} = e.id
        WHERE e.id IS NULL OR x.{spec.key} IS NULL OR ({expected}) IS DISTINCT FROM ({found})
    UNION ALL
    SELECT 'facet rows unlike their index row', count(*)
        FROM {spec.table} x FULL JOIN {spec.facets_table} f ON f.{spec.key} = x.{spec.key}
        WHERE x.{spec.key} IS NULL OR f.{spec.key} IS NULL OR ({rows}) IS DISTINCT FROM ({facet_rows})
            OR ({", ".join(own_keys(spec, "x"))}) IS DISTINCT FROM ({", ".join(f"f.{field}_keys" for field in spec.counted)})
    UNION ALL
    SELECT 'key counts unlike a count of the rows', count(*)
        FROM stored s FULL JOIN recounted c ON c.key = s.key
        WHERE coalesce(s.n, 0) <> coalesce(c.n, 0)
$$;
"""


def follow_function(spec, follow):
    function = f"{spec.name}_{follow.table}_changed"
    changed = {
        "old": f"SELECT {follow.column} FROM old_rows",
        "new": f"SELECT {follow.column} FROM new_rows",
    }
    return f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM content_changes_ready();
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO pg_temp.search_index_queue SELECT '{spec.name}', affected.id FROM ({follow.records.format(changed=changed["old"])}) AS affected(id);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO pg_temp.search_index_queue SELECT '{spec.name}', affected.id FROM ({follow.records.format(changed=changed["new"])}) AS affected(id);
    END IF;
    INSERT INTO pg_temp.content_changes VALUES (true) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
"""


def functions(spec):
    """{function name: its CREATE OR REPLACE statement}: what the index installs."""
    made = {
        f"{spec.name}_refresh": refresh_function(spec),
        f"{spec.name}_key_counts": key_counts_function(spec),
        f"{spec.name}_check": check_function(spec),
    }
    for follow in spec.follows:
        made[f"{spec.name}_{follow.table}_changed"] = follow_function(spec, follow)
    return made


def statement_triggers(name, table, function, arguments=""):
    """One trigger per kind of statement on `table`, each with the statement's changed rows as
    `old_rows` and `new_rows` (PostgreSQL allows transition tables on one event per trigger)."""
    tables = {
        "INSERT": "NEW TABLE AS new_rows",
        "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "OLD TABLE AS old_rows",
    }
    return "".join(
        f"CREATE TRIGGER {name}_{statement.lower()} AFTER {statement} ON {table}\n"
        f"    REFERENCING {tables[statement]} FOR EACH STATEMENT EXECUTE FUNCTION {function}({arguments});\n"
        for statement in STATEMENTS
    )


def triggers(spec):
    """The triggers that queue what each statement touched: on the records (their id), their
    link tables (the record's column) and the tables followed; a TRUNCATE queues every record."""
    records = spec.records._meta.db_table
    made = statement_triggers(spec.name, records, "search_index_rows_changed", f"'{spec.name}', 'id'")
    for _, table, source, _ in m2m_tables(spec):
        made += statement_triggers(spec.name, table, "search_index_rows_changed", f"'{spec.name}', '{source}'")
    for follow in spec.follows:
        made += statement_triggers(spec.name, follow.table, f"{spec.name}_{follow.table}_changed")
    for table in [records, *(table for _, table, _, _ in m2m_tables(spec))]:
        made += (f"CREATE TRIGGER {spec.name}_truncate AFTER TRUNCATE ON {table}\n"
                 f"    FOR EACH STATEMENT EXECUTE FUNCTION search_index_truncated('{spec.name}');\n")
    return made


def install(spec):
    """Everything an index adds to the engine, for a migration; its rows must already be right
    (the key counts are counted from them)."""
    return "\n".join([
        *functions(spec).values(),
        f"CREATE INDEX {spec.name}_publish_at ON {spec.facets_table} (publish_at)"
        " WHERE status = 'published' AND publish_at IS NOT NULL;",
        f"CREATE INDEX {spec.name}_unpublish_at ON {spec.facets_table} (unpublish_at)"
        " WHERE status = 'published' AND unpublish_at IS NOT NULL;",
        f"INSERT INTO search_indexes VALUES ('{spec.name}', '{spec.records._meta.db_table}', '{spec.table}',"
        f" '{spec.facets_table}', '{spec.key}');",
        f"INSERT INTO search_index_key_counts (index_name, key, shard, n)\n"
        f"    SELECT '{spec.name}', k, 0, count(*) FROM {spec.facets_table} f, unnest(f.facets) AS k"
        " WHERE f.status = 'published' GROUP BY k;",
        triggers(spec),
    ])
