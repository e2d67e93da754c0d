"""A publishing window: "public from" (an embargo) and "public until"."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("news", "0006_markdown_help_text")]

    operations = [
        migrations.AlterField(
            model_name="newsitem",
            name="published_on",
            field=models.DateField(
                help_text="Shown on the item. A later day keeps it off the public site until that day.",
                verbose_name="publishing date",
            ),
        ),
        migrations.AddField(
            model_name="newsitem",
            name="publish_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Embargo: a published record stays off the public site until then (Vienna time). "
                "Empty: public as soon as it is published.",
                null=True,
                verbose_name="public from",
            ),
        ),
        migrations.AddField(
            model_name="newsitem",
            name="unpublish_at",
            field=models.DateTimeField(
                blank=True,
                help_text="A published record leaves the public site then (Vienna time). Empty: it stays.",
                null=True,
                verbose_name="public until",
            ),
        ),
    ]
