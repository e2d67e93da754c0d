"""Create the Finance role: the staff who keep the department's budgets and staff figures.

Editors and Publishers write events and news; budgets are the department's figures, checked
by finance staff, so only Finance (and superusers) may add, change or delete them. Finance
may look up departments, which a budget belongs to (autocomplete needs view permission).
"""

from django.db import migrations

from organisation import reference_data


def create_group(apps, schema_editor):
    reference_data.create_permissions_now(apps)
    reference_data.grant_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), ["Finance"])


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Finance").delete()


class Migration(migrations.Migration):
    dependencies = [("tntd", "0004_published_counts")]

    operations = [migrations.RunPython(create_group, remove_group)]
