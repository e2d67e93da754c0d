"""Whether an event takes place as announced (Event.event_status), the original dates of a
rescheduled one, and the SEQUENCE that subscribed calendars follow."""

from importlib import import_module

from django.db import migrations, models

from tntd.search_index import keys_sql, on_postgresql, refresh_functions_sql

# The search index's keys gain the event's status ("event_status:cancelled"), so that its
# upcoming() can leave cancelled events out as the records' does. Otherwise as migration 0011.
PREVIOUS = import_module("activities.migrations.0011_index_region_keys")


def functions(choices):
    keys = keys_sql(choices=choices, links=PREVIOUS.LINKS, extra_keys=[PREVIOUS.VENUE_KEYS, PREVIOUS.REGION_KEYS])
    return refresh_functions_sql(**PREVIOUS.INDEX, keys=keys, replace=True)


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0011_index_region_keys'),
    ]

    operations = [
        migrations.AddField(
            model_name='event',
            name='calendar_sequence',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='event',
            name='event_status',
            field=models.CharField(choices=[('scheduled', 'Scheduled'), ('postponed', 'Postponed'), ('rescheduled', 'Rescheduled'), ('cancelled', 'Cancelled'), ('moved_online', 'Moved online')], default='scheduled', help_text='Postponed: new dates not known yet. Rescheduled: enter the new dates above and the original ones below. Visitors see a banner; subscribed calendars update.', max_length=20, verbose_name='takes place?'),
        ),
        migrations.AddField(
            model_name='event',
            name='original_end_date',
            field=models.DateField(blank=True, null=True, verbose_name='originally until'),
        ),
        migrations.AddField(
            model_name='event',
            name='original_start_date',
            field=models.DateField(blank=True, help_text='Only for a rescheduled event: its first planned dates.', null=True, verbose_name='originally from'),
        ),
        migrations.RunPython(
            on_postgresql(functions(["event_type", "event_status"]) + PREVIOUS.REFRESH_ALL),
            on_postgresql(functions(["event_type"]) + PREVIOUS.REFRESH_ALL),
        ),
    ]
