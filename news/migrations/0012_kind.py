"""NewsItem.content_type is now NewsItem.kind: the old name read as Django's ContentType. The
links' verbose names say what the events' say ("OSCE structures", "themes"). On PostgreSQL the
search index's functions read the renamed column, and its keys become "kind:<value>".

The SQL is the text the migration runs, frozen: it names no project module, so that a later
change to search/index.py never changes what this migration does.
"""

from django.db import migrations, models


class PostgreSQL(migrations.RunSQL):
    """RunSQL on PostgreSQL, the one database the project runs on; nothing on another."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


BACKWARD_1 = """
CREATE OR REPLACE FUNCTION news_index_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM news_newsindexentry WHERE newsitem_id = ANY(ids);
    INSERT INTO news_newsindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'content_type:' || r.content_type] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, ''))
    FROM news_newsitem r WHERE r.id = ANY(ids);
$$;

CREATE OR REPLACE FUNCTION news_index_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE news_newsindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'content_type:' || r.content_type] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k) FROM news_newsitem r WHERE r.id = x.newsitem_id AND x.newsitem_id = ANY(ids);
$$;
SELECT news_index_refresh_keys(ARRAY(SELECT id FROM news_newsitem));
"""

FORWARD_2 = """
CREATE OR REPLACE FUNCTION news_index_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM news_newsindexentry WHERE newsitem_id = ANY(ids);
    INSERT INTO news_newsindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'kind:' || r.kind] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, ''))
    FROM news_newsitem r WHERE r.id = ANY(ids);
$$;

CREATE OR REPLACE FUNCTION news_index_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE news_newsindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'kind:' || r.kind] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k) FROM news_newsitem r WHERE r.id = x.newsitem_id AND x.newsitem_id = ANY(ids);
$$;
SELECT news_index_refresh_keys(ARRAY(SELECT id FROM news_newsitem));
"""


class Migration(migrations.Migration):
    dependencies = [("news", "0011_index_region_keys")]

    # The index's functions are made again once the column has its name: after the rename
    # going forward, after the rename back going backward. The indexes that name the column
    # are made again too (a renamed column keeps its indexes in PostgreSQL, but not in
    # Django's idea of them).
    operations = [
        PostgreSQL(migrations.RunSQL.noop, BACKWARD_1),
        migrations.RemoveIndex(model_name="newsitem", name="news_content_type"),
        migrations.RemoveIndex(model_name="newsitem", name="news_public_type"),
        migrations.RemoveIndex(model_name="newsitem", name="news_public_by_date"),
        migrations.RenameField("newsitem", "content_type", "kind"),
        migrations.AlterField(
            model_name="newsitem",
            name="kind",
            field=models.CharField(
                blank=True,
                choices=[("news", "News"), ("press_release", "Press release"), ("feature", "Feature"), ("statement", "Statement")],
                help_text="Leave empty when the source does not say.",
                max_length=20,
                verbose_name="type",
            ),
        ),
        migrations.AlterField(
            model_name="newsitem",
            name="structures",
            field=models.ManyToManyField(blank=True, related_name="news_items", to="tntd.oscestructure", verbose_name="OSCE structures"),
        ),
        migrations.AlterField(
            model_name="newsitem",
            name="themes",
            field=models.ManyToManyField(blank=True, related_name="news_items", to="tntd.theme"),
        ),
        migrations.AddIndex(model_name="newsitem", index=models.Index(fields=["kind"], name="news_kind")),
        migrations.AddIndex(
            model_name="newsitem",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["-published_on", "title", "id", "kind"],
                include=("publish_at", "unpublish_at"),
                name="news_public_by_date",
            ),
        ),
        migrations.AddIndex(
            model_name="newsitem",
            index=models.Index(condition=models.Q(("status", "published")), fields=["kind", "id"], name="news_public_type"),
        ),
        PostgreSQL(FORWARD_2, migrations.RunSQL.noop),
    ]
