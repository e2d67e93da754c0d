"""Review before publication, also for changes: an Editor's edit of a published event or news
item waits as a PendingChange until a Publisher approves it, and the public sees the
published version meanwhile.

The admin saves the Editor's form as it would any other, inside a transaction that is then
rolled back (`rolled_back`), after taking a `snapshot` of the record as saved: its fields and
its links, serialized by Django. Nothing of it reaches the live record, its revisions, the
search index or the cache. Approving `apply`s the snapshot, as one new revision; the
publishing fields (status, public from and until) are never taken from it, so approving a
change cannot publish, unpublish or reschedule anything.
"""

import json
from contextlib import contextmanager

from django.apps import apps
from django.contrib.admin.utils import display_for_field
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import transaction

from tntd.audit import AUDIT_FIELDS
from tntd.publishing import PUBLISHING_FIELDS
from tntd.translation_fields import translation_columns

# Not part of what an Editor proposes: who saved when, and what only a Publisher may set.
NOT_PROPOSED = {*AUDIT_FIELDS, *PUBLISHING_FIELDS}


class ChangeNoLongerApplies(Exception):
    """The held change refers to something deleted or taken since (a theme, a country, a slug)."""


@contextmanager
def rolled_back():
    """Runs the block in a transaction (a savepoint, inside another) that is always rolled back,
    with the callbacks it registered for the commit."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def snapshot(record):
    """The record as stored now, fields and many-to-many links, as JSON text."""
    return serializers.serialize("json", [type(record)._default_manager.get(pk=record.pk)])


def proposed_fields(text):
    """A snapshot's fields and links, without those that are not the Editor's to propose. An
    empty translation is "" or NULL alike (tntd/translation_fields.py): given as ""."""
    (row,) = json.loads(text)
    translations = translation_columns(apps.get_model(row["model"]))
    return {
        name: "" if value is None and name in translations else value
        for name, value in row["fields"].items()
        if name not in NOT_PROPOSED
    }


def apply(change, live):
    """Writes `change`'s snapshot over `live` (the stored record), keeping the live publishing
    fields. Raises ChangeNoLongerApplies, saving nothing, when the snapshot no longer fits the
    database."""
    (deserialized,) = serializers.deserialize("json", change.snapshot)
    record = deserialized.object
    record._state.adding, record._state.db = False, live._state.db  # the stored record, not a new one
    for name in PUBLISHING_FIELDS:
        setattr(record, name, getattr(live, name))
    try:
        record.full_clean()
    except ValidationError as error:
        raise ChangeNoLongerApplies(" ".join(error.messages)) from error
    for name, pks in deserialized.m2m_data.items():
        field = record._meta.get_field(name)
        found = field.related_model._default_manager.filter(pk__in=pks).count()
        if found != len(set(pks)):
            raise ChangeNoLongerApplies(f"One of its {field.verbose_name} has been deleted since.")
    record.save()
    for name, pks in deserialized.m2m_data.items():
        getattr(record, name).set(pks)
    return record


def displayed(record, names):
    """{field name: the field's value as the admin shows it} for the model fields `names`."""
    shown = {}
    for name in names:
        field = record._meta.get_field(name)
        if field.many_to_many:
            shown[name] = ", ".join(str(related) for related in getattr(record, name).all()) or "—"
        elif field.is_relation:
            shown[name] = str(getattr(record, name) or "—")
        else:
            shown[name] = display_for_field(getattr(record, name), field, "—")
    return shown


def differences(change, live, names):
    """[(field's label, live value, proposed value)] for the fields among `names` that the
    change would alter, in that order, as the admin shows values."""
    names = [name for name in names if name not in NOT_PROPOSED]
    before = displayed(live, names)
    with rolled_back():
        after = displayed(apply(change, live), names)
    return [
        (live._meta.get_field(name).verbose_name, before[name], after[name])
        for name in names
        if before[name] != after[name]
    ]
