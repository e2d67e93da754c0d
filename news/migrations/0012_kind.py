"""NewsItem.content_type is now NewsItem.kind: the old name read as Django's ContentType. The
links' verbose names say what the events' say ("OSCE structures", "themes"). On PostgreSQL the
search index's functions read the renamed column, and its keys become "kind:<value>"."""

from importlib import import_module

from django.db import migrations, models

from tntd.search_index import keys_sql, on_postgresql, refresh_functions_sql

PREVIOUS = import_module("news.migrations.0011_index_region_keys")


def functions(choices):
    keys = keys_sql(choices=choices, links=PREVIOUS.LINKS, extra_keys=[PREVIOUS.REGION_KEYS])
    return refresh_functions_sql(**PREVIOUS.INDEX, keys=keys, replace=True)


class Migration(migrations.Migration):
    dependencies = [("news", "0011_index_region_keys")]

    # The index's functions are made again once the column has its name: after the rename
    # going forward, after the rename back going backward. The indexes that name the column
    # are made again too (a renamed column keeps its indexes in PostgreSQL, but not in
    # Django's idea of them).
    operations = [
        migrations.RunPython(migrations.RunPython.noop, on_postgresql(functions(["content_type"]) + PREVIOUS.REFRESH_ALL)),
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
        migrations.RunPython(on_postgresql(functions(["kind"]) + PREVIOUS.REFRESH_ALL), migrations.RunPython.noop),
    ]
