"""The department's acronym and its head's name in each language ("TNTD", "ДТУ"; a name in
Cyrillic for Russian pages), the English columns filled from the original ones."""

from django.db import migrations, models
from django.db.models import F


def english_columns_from_originals(apps, schema_editor):
    apps.get_model("tntd", "Department").objects.update(acronym_en=F("acronym"), head_name_en=F("head_name"))


class Migration(migrations.Migration):

    dependencies = [
        ('tntd', '0019_admin_in_russian'),
    ]

    operations = [
        migrations.AddField(
            model_name='department',
            name='acronym_en',
            field=models.CharField(blank=True, max_length=20, null=True, verbose_name='acronym'),
        ),
        migrations.AddField(
            model_name='department',
            name='acronym_ru',
            field=models.CharField(blank=True, max_length=20, null=True, verbose_name='acronym'),
        ),
        migrations.AddField(
            model_name='department',
            name='head_name_en',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name="head's name"),
        ),
        migrations.AddField(
            model_name='department',
            name='head_name_ru',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name="head's name"),
        ),
        migrations.RunPython(english_columns_from_originals, migrations.RunPython.noop, elidable=True),
    ]
