"""MovedPage and StaffProfile now belong to the apps that use them (website, backoffice):
the tables stay, only Django's record of the models leaves this app."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('tntd', '0020_department_acronym_and_head_in_each_language'),
    ]

    dependencies += [('website', '0001_initial'), ('backoffice', '0001_initial')]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='MovedPage'), migrations.DeleteModel(name='StaffProfile')],
        ),
    ]
