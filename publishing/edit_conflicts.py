"""Refuse a save from a form opened before someone else's save, showing what changed since.

The form carries the version it was opened on (`EditToken`), and the user keeps everything they
typed: no lost work. The version itself is publishing/audit.py's. See docs/publishing.md.
"""

import dataclasses
import time

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files import File
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from publishing.validation import PlainFieldMessages

TOKEN_FIELD = "edit_token"


@dataclasses.dataclass(frozen=True)
class EditToken:
    """What a form was opened on: the version of what it edits ("7", or "7.3" with a pending
    change's) and when, in seconds since the epoch."""

    version: str
    opened_at: float

    def __str__(self):
        return f"{self.version}@{self.opened_at:.3f}"

    @classmethod
    def parse(cls, text):
        """The token a form posted, or None for one no form of ours wrote (forged, cut short)."""
        version, _, opened_at = (text or "").partition("@")
        try:
            when = float(opened_at)
        except ValueError:
            return None
        if not version or not 0 <= when <= time.time() + 60:  # nan, inf, or a time not yet come
            return None
        return cls(version, when)


@dataclasses.dataclass
class EditConflict:
    """Someone saved since the form was opened: what they did, and where the form differs."""

    steps: list  # [(when, who, what)], oldest first
    differences: list  # [(field label, saved now, in the form)]


def comparable(value):
    """A field's value, saved or typed, in a form that compares equal when it means the same."""
    if hasattr(value, "all"):  # a many-to-many manager or queryset
        value = list(value.all())
    if isinstance(value, (list, tuple, set)):
        return sorted(str(getattr(item, "pk", item)) for item in value)
    if isinstance(value, File):
        return value.name or ""
    if value is None:
        return ""
    return getattr(value, "pk", value)


def shown(value):
    """A value as the comparison table shows it."""
    if hasattr(value, "all"):
        value = list(value.all())
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(item) for item in value) or "—"
    if isinstance(value, File):
        return value.name or "—"
    return "—" if value in (None, "") else str(value)


def stored_version(record, lock=False):
    """The version of `record` as stored now ("7"), read with its row locked if `lock`."""
    rows = type(record)._default_manager.filter(pk=record.pk)
    if lock:
        rows = rows.select_for_update()
    return str(rows.values_list("version", flat=True).first())


class VersionedForm(PlainFieldMessages, forms.ModelForm):
    """A model form refusing a save from a stale copy. The admin that makes it sets
    `version_of(record)` (the version string of what the form edits, read with the record's
    row locked) and `changes_since(record, opened_at)`; see backoffice.model_admins.AuditedAdmin. Its
    fields' errors are in staff's words (publishing.validation.PlainFieldMessages)."""

    edit_token = forms.CharField(label=_("edit token"), widget=forms.HiddenInput, required=False)

    version_of = staticmethod(lambda record, lock=False: stored_version(record, lock))
    changes_since = staticmethod(lambda record, opened_at: [])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk is not None and not self.is_bound:
            self.initial[TOKEN_FIELD] = str(EditToken(self.version_of(self.instance), time.time()))

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        token = EditToken.parse(self.data.get(self.add_prefix(TOKEN_FIELD)))
        # Read with the row locked: no save can slip in between this check and this save.
        current = self.version_of(self.instance, lock=True)
        if token is not None and token.version == current:
            return cleaned
        opened_at = token.opened_at if token else 0.0
        self.conflict = EditConflict(self.changes_since(self.instance, opened_at), self.differences())
        # The form comes back carrying the current version: saving it again, now knowingly,
        # replaces what was saved meanwhile.
        self.data = self.data.copy()
        self.data[self.add_prefix(TOKEN_FIELD)] = str(EditToken(current, time.time()))
        raise ValidationError(
            gettext(
                "Someone saved this record after you opened this form. Nothing of yours is saved yet: "
                "compare the two versions below, then save again to replace theirs with yours, or reload "
                "the page to start from theirs."
            ),
            code="edit_conflict",
        )

    def differences(self):
        """[(label, value saved now, value in the form)] for the form's model fields that differ."""
        stored = type(self.instance)._default_manager.filter(pk=self.instance.pk).first()
        if stored is None:
            return []
        rows = []
        for name in self.fields:
            if name not in self.cleaned_data:
                continue
            try:
                model_field = stored._meta.get_field(name)
            except FieldDoesNotExist:  # a field of the form's own, such as this token
                continue
            saved = getattr(stored, name)
            typed = self.cleaned_data[name]
            if comparable(saved) != comparable(typed):
                rows.append((model_field.verbose_name, shown(saved), shown(typed)))
        return rows


