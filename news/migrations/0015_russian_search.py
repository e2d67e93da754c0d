"""Keyword search in Russian (issue 10, tntd/search.py): the news search document gains the
Russian text, stemmed by PostgreSQL's Russian configuration, beside the English text (the
original columns) stemmed by its English one; every row is rebuilt.

Keyword search on the records (feeds, downloads, the API) now reads this index too, so the
records' own full-text index of migration 0002, English only, is dropped.
"""

from importlib import import_module

from django.db import migrations

from tntd.search_index import keys_sql, on_postgresql, refresh_functions_sql

PREVIOUS = import_module("news.migrations.0011_index_region_keys")  # the index as 0011 and 0012 define it
RECORDS_INDEX = import_module("news.migrations.0002_newsitem_search_index")
ENGLISH = ["title", "summary", "body"]  # NewsItem.search_fields
DOCUMENT = {"english": ENGLISH, "russian": [f"{name}_ru" for name in ENGLISH]}
REFRESH_EVERY_ROW = "SELECT news_index_refresh(ARRAY(SELECT id FROM news_newsitem));"


def functions(document):
    """The index's functions as migration 0012 made them, with `document`."""
    keys = keys_sql(choices=["kind"], links=PREVIOUS.LINKS, extra_keys=[PREVIOUS.REGION_KEYS])
    return refresh_functions_sql(**{**PREVIOUS.INDEX, "document": document}, keys=keys, replace=True)


class Migration(migrations.Migration):
    dependencies = [("news", "0014_translated_fields")]

    operations = [
        migrations.RunPython(
            on_postgresql(functions(DOCUMENT) + REFRESH_EVERY_ROW),
            on_postgresql(functions(ENGLISH) + REFRESH_EVERY_ROW),
        ),
        migrations.RunPython(RECORDS_INDEX.drop_index, RECORDS_INDEX.create_index),
    ]
