"""StaffProfile, as it was in the organisation app (label tntd)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


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
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The table is the one the organisation app made (label tntd): only Django's record of
        # which app holds the model moves, and the content type (so permissions and history follow).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='StaffProfile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('second_factor_due', models.DateTimeField(help_text='Until then, they may sign in without a one-time code, to set one up.', verbose_name='second factor due')),
                        ('language', models.CharField(blank=True, choices=[('en', 'English'), ('ru', 'Русский')], help_text='Blank: the language your browser asks for.', max_length=10, verbose_name='language of the back office')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='staff_profile', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'staff profile',
                        'verbose_name_plural': 'staff profiles',
                        'db_table': 'tntd_staffprofile',
                    },
                ),
            ],
            database_operations=[
                migrations.RunPython(relabel("staffprofile", "tntd", "backoffice"), relabel("staffprofile", "backoffice", "tntd")),
            ],
        ),
    ]
