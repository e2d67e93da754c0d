"""What the project ships besides its code: the OSCE's countries and regions (tntd/data/) and
the back office's roles. Data migrations load them, with the models as they were at that
migration; the browser tests load them again after a live-server test flushed the database.

A change here changes no database by itself: it needs a new data migration that calls it.
"""

import csv
from pathlib import Path

from django.contrib.auth.management import create_permissions

DATA = Path(__file__).resolve().parent / "data"
STATUS = {"participating State": "participating", "Partner for Co-operation": "partner", "other": "other"}

# The roles (tntd/migrations/0003_editorial_groups.py and 0005_finance_group.py say why).
LOOKUPS = ["theme", "country", "unit", "department", "oscestructure", "partnerorganisation"]
EDITORS = {
    "tntd": [f"view_{model}" for model in LOOKUPS],
    "activities": ["view_event", "add_event", "change_event"],
    "news": ["view_newsitem", "add_newsitem", "change_newsitem"],
}
PUBLISHERS = {
    **EDITORS,
    "activities": EDITORS["activities"] + ["delete_event", "publish_event"],
    "news": EDITORS["news"] + ["delete_newsitem", "publish_newsitem"],
}
FINANCE = {"tntd": ["view_department", "view_budget", "add_budget", "change_budget", "delete_budget"]}
ROLES = {"Editors": EDITORS, "Publishers": PUBLISHERS, "Finance": FINANCE}


def load_countries(Country):  # noqa: N803 (a model class, possibly a migration's historical one)
    """The OSCE's participating States, Partners for Co-operation and Kosovo (XK), from
    tntd/data/osce-countries.csv, the reference data the project was given."""
    with (DATA / "osce-countries.csv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            Country.objects.update_or_create(
                code=row["iso_code"].strip().upper(),
                defaults={
                    "name": row["name"].strip(),
                    "osce_status": STATUS[row["osce_status"].strip()],
                    "partner_group": row["partner_group"].strip().lower(),
                },
            )


def load_regions(Region, Country):  # noqa: N803
    """The OSCE's regions and groups of partners, from tntd/data/osce-regions.csv (a country
    missing from the database is skipped: staff may have removed it)."""
    with (DATA / "osce-regions.csv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            region, _ = Region.objects.update_or_create(
                slug=row["slug"], defaults={"name": row["name"], "display_order": int(row["display_order"])}
            )
            region.countries.set(Country.objects.filter(code__in=row["countries"].split()))


def create_permissions_now(apps):
    """For a data migration that grants permissions: Django creates them after all migrations
    have run, so they may not exist yet in a fresh database. `apps`: the migration's."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def grant_roles(Group, Permission, names):  # noqa: N803 (model classes, possibly historical ones)
    """Creates the groups `names` (keys of ROLES) with their permissions."""
    for name in names:
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in ROLES[name].items():
            permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            if permissions.count() != len(codenames):
                raise RuntimeError(f"Missing permissions for {app_label}: {codenames}")
            group.permissions.add(*permissions)
