"""Load the OSCE's participating States, Partners for Co-operation and Kosovo (XK).

The list is organisation/data/osce-countries.csv (organisation/reference_data.py reads it), a copy of the reference data the project was
given; staff may edit the rows afterwards, and re-running this migration never happens.
"""

from django.db import migrations

from organisation import reference_data


def load_countries(apps, schema_editor):
    reference_data.load_countries(apps.get_model("tntd", "Country"))


class Migration(migrations.Migration):
    dependencies = [("tntd", "0001_initial")]

    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
