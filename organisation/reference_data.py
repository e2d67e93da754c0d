"""What the project ships besides its code: the OSCE's countries and regions (organisation/data/)
and the back office's roles, loaded by data migrations with the models as they were then. A
change here changes no database by itself: it needs a new data migration that calls it."""

import csv
from pathlib import Path

from django.contrib.auth.management import create_permissions
from django.db.models import Q

DATA = Path(__file__).resolve().parent / "data"
STATUS = {"participating State": "participating", "Partner for Co-operation": "partner", "other": "other"}

# The roles (organisation/migrations/0003_editorial_groups.py and 0005_finance_group.py say why).
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


def names(model, row):
    """A country's or region's name from its row: English ("name"), and each translation the
    file and the model have (the "name_ru" column into the field name_ru, organisation/translation.py),
    named explicitly, since a migration's historical model has no translated `name` field (and
    before migration 0010, no translations at all)."""
    fields = {field.name for field in model._meta.get_fields()}
    found = {"name": row["name"].strip()}
    if "name_en" in fields:
        found["name_en"] = found["name"]
    for column, value in row.items():
        if column.startswith("name_") and column in fields and value and value.strip():
            found[column] = value.strip()
    return found


def load_countries(Country):  # noqa: N803 (a model class, possibly a migration's historical one)
    """The OSCE's participating States, Partners for Co-operation and Kosovo (XK), from
    organisation/data/osce-countries.csv, the reference data the project was given, with their
    Russian short names as the OSCE and the UN write them (name_ru: «Молдова», «Косово»)."""
    with (DATA / "osce-countries.csv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            Country.objects.update_or_create(
                code=row["iso_code"].strip().upper(),
                defaults={
                    **names(Country, row),
                    "osce_status": STATUS[row["osce_status"].strip()],
                    "partner_group": row["partner_group"].strip().lower(),
                },
            )


def load_regions(Region, Country):  # noqa: N803
    """The OSCE's regions and groups of partners, from organisation/data/osce-regions.csv (a country
    missing from the database is skipped: staff may have removed it)."""
    with (DATA / "osce-regions.csv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            region, _ = Region.objects.update_or_create(
                slug=row["slug"], defaults={**names(Region, row), "display_order": int(row["display_order"])}
            )
            region.countries.set(Country.objects.filter(code__in=row["countries"].split()))


def load_translated_names(Country, Region):  # noqa: N803
    """The translations of the files' names (their name_<language> columns) into the countries
    and regions already in the database, where they have none yet: an edited one is kept."""
    for model, filename, key, column in ((Country, "osce-countries.csv", "code", "iso_code"), (Region, "osce-regions.csv", "slug", "slug")):
        with (DATA / filename).open(encoding="utf-8", newline="") as rows:
            for row in csv.DictReader(rows):
                value = row[column].strip().upper() if key == "code" else row[column].strip()
                for name, translation in names(model, row).items():
                    if name in ("name", "name_en"):
                        continue
                    empty = model.objects.filter(**{key: value}).filter(Q(**{f"{name}__isnull": True}) | Q(**{name: ""}))
                    empty.update(**{name: translation})


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
