"""Create the Finance role: the staff who keep the department's budgets and staff figures.

Editors and Publishers write events and news; budgets are the department's figures, checked
by finance staff, so only Finance (and superusers) may add, change or delete them. Finance
may look up departments, which a budget belongs to (autocomplete needs view permission).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FINANCE = {"tntd": ["view_department", "view_budget", "add_budget", "change_budget", "delete_budget"]}


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Finance")
    for app_label, codenames in FINANCE.items():
        permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        if permissions.count() != len(codenames):
            raise RuntimeError(f"Missing permissions for {app_label}: {codenames}")
        group.permissions.add(*permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Finance").delete()


class Migration(migrations.Migration):
    dependencies = [("tntd", "0004_published_counts")]

    operations = [migrations.RunPython(create_group, remove_group)]
