"""MovedPage, as it was in the organisation app (label tntd)."""

from django.db import migrations, models

import publishing.audit
import publishing.validation


def relabel(model, old, new):
    def run(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        content_type.objects.using(schema_editor.connection.alias).filter(app_label=old, model=model).update(app_label=new)

    return run

class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('tntd', '0020_department_acronym_and_head_in_each_language'),
    ]

    operations = [
        # The table is the one the organisation app made (label tntd): only Django's record of
        # which app holds the model moves, and the content type (so permissions and history follow).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='MovedPage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('old_path', models.CharField(help_text='The old address, such as /events/old-slug/.', max_length=300, unique=True, verbose_name='old address')),
                        ('new_path', models.CharField(help_text='Where it moved: /events/new-slug/.', max_length=300, verbose_name='new address')),
                        ('moved_at', models.DateTimeField(auto_now=True, verbose_name='moved')),
                        ('version', publishing.audit.VersionField(default=0, editable=False, help_text='record revision number')),
                    ],
                    options={
                        'verbose_name': 'moved page',
                        'verbose_name_plural': 'moved pages',
                        'db_table': 'tntd_movedpage',
                        'ordering': ['-moved_at'],
                    },
                    bases=(publishing.validation.PlainUniqueErrors, models.Model),
                ),
            ],
            database_operations=[
                migrations.RunPython(relabel("movedpage", "tntd", "website"), relabel("movedpage", "website", "tntd")),
            ],
        ),
    ]
