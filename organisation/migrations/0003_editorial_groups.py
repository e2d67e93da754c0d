"""Create the two editorial roles.

Editors write and update events and news but cannot publish them; Publishers may also
publish, unpublish and delete. Both may look up the organisation records that events and
news point to (autocomplete needs view permission). `editorial.admin.WorkflowAdmin`
enforces the publish permission.
"""

from django.db import migrations

from organisation import reference_data


def create_groups(apps, schema_editor):
    reference_data.create_permissions_now(apps)
    reference_data.grant_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), ["Editors", "Publishers"])


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
