"""The news finder's search index gains region keys ("regions:<id>"): a news item is in every
region of the countries it names, as events are (activities migration 0011)."""

from django.db import migrations

from tntd.search_index import keys_follow_sql, keys_sql, on_postgresql, refresh_functions_sql

INDEX = {
    "name": "news_index",
    "table": "news_newsindexentry",
    "records": "news_newsitem",
    "key": "newsitem_id",
    "columns": {"published_on": "date"},
    "document": ["title", "summary", "body"],
}
LINKS = [
    ("structures", "news_newsitem_structures", "newsitem_id", "oscestructure_id"),
    ("themes", "news_newsitem_themes", "newsitem_id", "theme_id"),
    ("countries", "news_newsitem_countries", "newsitem_id", "country_id"),
]
REGION_KEYS = """ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id))"""


def functions(extra_keys):
    keys = keys_sql(choices=["content_type"], links=LINKS, extra_keys=extra_keys)
    return refresh_functions_sql(**INDEX, keys=keys, replace=True)


FOLLOW, UNFOLLOW = keys_follow_sql(
    name="news_index",
    tag="regions",
    table="tntd_region_countries",
    column="country_id",
    affected="SELECT l.newsitem_id FROM news_newsitem_countries l WHERE l.country_id IN ({changed})",
)
REFRESH_ALL = "SELECT news_index_refresh_keys(ARRAY(SELECT id FROM news_newsitem));"


class Migration(migrations.Migration):
    dependencies = [("news", "0010_ready_for_review"), ("tntd", "0009_regions")]

    operations = [
        migrations.RunPython(
            on_postgresql(functions([REGION_KEYS]) + FOLLOW + REFRESH_ALL),
            on_postgresql(UNFOLLOW + functions([]) + REFRESH_ALL),
        ),
    ]
