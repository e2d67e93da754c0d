"""A record's content as data: snapshot it, compare two snapshots, restore one over the record.

Restoring never takes the publishing fields, audit fields or version, so approving a change or
reverting cannot publish, unpublish or reschedule anything. See docs/publishing.md.
"""

import json
from contextlib import contextmanager

from django.apps import apps
from django.contrib.admin.utils import display_for_field
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField
from django.utils.translation import gettext

from publishing.audit import AUDIT_FIELDS
from publishing.models import PUBLISHING_FIELDS
from translations.fields import translated_fields, translation_columns

# Not content: who saved when, what only a Publisher may set, and the record's version.
NOT_CONTENT = {*AUDIT_FIELDS, *PUBLISHING_FIELDS, "version"}


class ChangeNoLongerApplies(Exception):
    """The change refers to something deleted or taken since (a theme, a country, a slug)."""


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


def content(text):
    """A snapshot's content: its fields and links but those that are not content, and a
    translated field by its languages' columns only (title_en, title_ru: "title" repeats the
    English). An empty translation is "" or NULL alike (translations/fields.py): given as ""."""
    (row,) = json.loads(text)
    model = apps.get_model(row["model"])
    translations, originals = translation_columns(model), set(translated_fields(model))
    return {
        name: "" if value is None and name in translations else value
        for name, value in row["fields"].items()
        if name not in NOT_CONTENT and name not in originals
    }


def changed_fields(before, after):
    """The names of the fields whose value differs between two snapshots' content, in the
    model's order; every field when there is no `before` (a new record)."""
    after = content(after)
    if before is None:
        return [name for name, value in after.items() if value not in ("", None, [], False)]
    before = content(before)
    return [name for name in after if before.get(name) != after[name]]


def restore(text, live, photo=None):
    """The record `live` with the content of the snapshot `text`, and its links, written to the
    database; its publishing fields, audit fields and version stay the live ones. `photo`, a
    stored file (a change's held photo), becomes its photo, copied once the rest is found
    valid. Raises ChangeNoLongerApplies, saving nothing, when the snapshot no longer fits."""
    (deserialized,) = serializers.deserialize("json", text)
    record = deserialized.object
    record._state.adding, record._state.db = False, live._state.db  # the stored record, not a new one
    fields = {field.name for field in record._meta.concrete_fields}
    for name in NOT_CONTENT & fields:
        setattr(record, name, getattr(live, name))
    new_photo = photo.name.rsplit("/", 1)[-1] if photo else None
    if new_photo:
        record.photo = new_photo  # its name, for the checks (a photo needs its alt text...)
    try:
        record.full_clean()
    except ValidationError as error:
        raise ChangeNoLongerApplies(" ".join(error.messages)) from error
    for name, pks in deserialized.m2m_data.items():
        field = record._meta.get_field(name)
        found = field.related_model._default_manager.filter(pk__in=pks).count()
        if found != len(set(pks)):
            raise ChangeNoLongerApplies(
                gettext("One of its %(links)s has been deleted since.") % {"links": field.verbose_name}
            )
    if new_photo:
        with photo.open("rb") as source:
            record.photo.save(new_photo, source, save=False)
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
        elif isinstance(field, BooleanField):  # in words, not the admin's icon with an English alt text
            shown[name] = gettext("Yes") if getattr(record, name) else gettext("No")
        else:
            shown[name] = display_for_field(getattr(record, name), field, "—")
    return shown


def differences(text, live, names):
    """[(field's label, live value, value in the snapshot `text`)] for the fields among `names`
    that the snapshot would alter, in that order, as the admin shows values."""
    names = [name for name in names if name not in NOT_CONTENT]
    before = displayed(live, names)
    with rolled_back():
        after = displayed(restore(text, live), names)
    return [
        (live._meta.get_field(name).verbose_name, before[name], after[name])
        for name in names
        if before[name] != after[name]
    ]
