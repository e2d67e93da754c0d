"""Load the OSCE's participating States, Partners for Co-operation and Kosovo (XK).

The list is tntd/data/osce-countries.csv, a copy of the reference data the project was
given; staff may edit the rows afterwards, and re-running this migration never happens.
"""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "osce-countries.csv"
STATUS = {"participating State": "participating", "Partner for Co-operation": "partner", "other": "other"}


def load_countries(apps, schema_editor):
    Country = apps.get_model("tntd", "Country")
    with CSV_PATH.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            Country.objects.update_or_create(
                code=row["iso_code"].strip().upper(),
                defaults={
                    "name": row["name"].strip(),
                    "osce_status": STATUS[row["osce_status"].strip()],
                    "partner_group": row["partner_group"].strip().lower(),
                },
            )


class Migration(migrations.Migration):
    dependencies = [("tntd", "0001_initial")]

    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
