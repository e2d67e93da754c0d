"""The Russian names of the OSCE's countries and regions, as the OSCE and the UN write them
(the name_ru columns of organisation/data/osce-countries.csv and osce-regions.csv), into the records
already there that have none."""

from django.db import migrations

from organisation import reference_data


def load_russian_names(apps, schema_editor):
    reference_data.load_translated_names(apps.get_model("tntd", "Country"), apps.get_model("tntd", "Region"))


class Migration(migrations.Migration):

    dependencies = [
        ("tntd", "0010_translated_fields"),
    ]

    operations = [
        migrations.RunPython(load_russian_names, migrations.RunPython.noop),
    ]
