"""The changes that waited for review under tntd.PendingChange move here, still waiting, with
their submitter as their author."""

from django.db import migrations


def move_changes(apps, schema_editor):
    Old = apps.get_model("tntd", "PendingChange")  # noqa: N806
    New = apps.get_model("editorial", "PendingChange")  # noqa: N806
    for old in Old.objects.all():
        new = New.objects.create(
            content_type_id=old.content_type_id,
            object_id=old.object_id,
            snapshot=old.snapshot,
            state="review",
            submitted_by_id=old.submitted_by_id,
            submitted_at=old.submitted_at,
            saved_by_id=old.submitted_by_id,
            version=1,
        )
        if old.submitted_by_id:
            new.authors.add(old.submitted_by_id)


class Migration(migrations.Migration):

    dependencies = [
        ("editorial", "0001_initial"),
        ("tntd", "0013_order_untranslated_by_english"),
    ]

    operations = [migrations.RunPython(move_changes, migrations.RunPython.noop)]
