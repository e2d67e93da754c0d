"""Regions: the OSCE's groupings of countries, loaded from organisation/data/osce-regions.csv (a
country missing from the database is skipped: staff may have removed it)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from organisation import reference_data


def load_regions(apps, schema_editor):
    reference_data.load_regions(apps.get_model("tntd", "Region"), apps.get_model("tntd", "Country"))


class Migration(migrations.Migration):

    dependencies = [
        ('tntd', '0008_pending_changes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Region',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last updated')),
                ('name', models.CharField(max_length=120, unique=True)),
                ('slug', models.SlugField(max_length=120, unique=True)),
                ('description', models.TextField(blank=True, help_text='Markdown: a blank line between paragraphs; **bold**, *italic*, [a link](https://www.osce.org/), “## A heading”, and lists with “- ” or “1. ”.')),
                ('display_order', models.PositiveSmallIntegerField(default=0, help_text='Regions are listed in this order.')),
                ('countries', models.ManyToManyField(blank=True, related_name='regions', to='tntd.country')),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='last updated by')),
            ],
            options={
                'ordering': ['display_order', 'name'],
            },
        ),
        migrations.RunPython(load_regions, migrations.RunPython.noop),
    ]
