"""Create the two editorial roles.

Editors write and update events and news but cannot publish them; Publishers may also
publish, unpublish and delete. Both may look up the organisation records that events and
news point to (autocomplete needs view permission). `tntd.admin.PublishingAdmin`
enforces the publish permission.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in (("Editors", EDITORS), ("Publishers", PUBLISHERS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in grants.items():
            permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            if permissions.count() != len(codenames):
                raise RuntimeError(f"Missing permissions for {app_label}: {codenames}")
            group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tntd", "0002_countries"),
        ("activities", "0001_initial"),
        ("news", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
