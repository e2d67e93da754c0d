"""The event form's "Dates known to the" in plain words: "Precision of the dates", with a help text
(issue 23, item 4). Labels only: nothing in the database changes."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0019_admin_in_russian'),
    ]

    operations = [
        migrations.AlterField(
            model_name='event',
            name='date_precision',
            field=models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', help_text='How much of the dates the sources tell: the day, only the month, or only the year.', max_length=5, verbose_name='precision of the dates'),
        ),
    ]
