"""Two revisions of a record side by side, as staff read them: the fields of its form that differ,
each value as the admin shows it, the words changed highlighted. It replaces
django-reversion-compare's page at the same address (docs/back-office.md)."""

from django.contrib.admin.utils import display_for_field, unquote
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.core.serializers.base import DeserializationError
from django.db.models import BooleanField, FileField
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from reversion.models import Version
from reversion_compare.forms import SelectDiffForm

from backoffice.word_diff import word_diff
from publishing.snapshots import NOT_CONTENT

EMPTY = "—"


class Unreadable(Exception):
    """A revision that no longer fits the model (a field changed type since, say)."""


def shown_value(record, field, linked):
    """The value of `field` on `record` (deserialized from a revision), as the admin shows it;
    `linked`: the ids of a many-to-many field's records in that revision."""
    if field.many_to_many:
        ids = set(linked)
        found = list(field.related_model._default_manager.filter(pk__in=ids))
        names = [str(related) for related in found]
        if len(found) < len(ids):
            names.append(gettext("%(count)s deleted since") % {"count": len(ids) - len(found)})
        return ", ".join(names) or EMPTY
    if field.is_relation:
        try:
            related = getattr(record, field.name)
        except ObjectDoesNotExist:
            return gettext("(deleted since)")
        return str(related) if related is not None else EMPTY
    value = getattr(record, field.attname)
    if isinstance(field, BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, FileField):  # its name: the admin's link would be HTML
        return getattr(value, "name", value) or EMPTY
    return str(display_for_field(value, field, EMPTY))


def version_values(model, version, names):
    """{field name: value as shown} of the fields `names` of the record as `version` holds it."""
    try:
        (restored,) = serializers.deserialize(version.format, version.serialized_data, ignorenonexistent=True)
    except (DeserializationError, ValueError) as error:
        raise Unreadable(str(error)) from error
    shown = {}
    for name in names:
        field = model._meta.get_field(name)
        shown[name] = shown_value(restored.object, field, restored.m2m_data.get(name, []))
    return shown


def compared_fields(model_admin, request, record):
    """The content fields of the record's form, in its order (not its publishing or audit fields)."""
    names = []
    for name in model_admin.content_field_names(request, record):
        try:
            field = record._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if name not in NOT_CONTENT and (field.concrete or field.many_to_many):
            names.append(name)
    return names


def differences(model, older, newer, names):
    """[(label, older value as HTML, newer value as HTML)] for the fields that differ."""
    before, after = version_values(model, older, names), version_values(model, newer, names)
    return [
        (capfirst(model._meta.get_field(name).verbose_name), *word_diff(before[name], after[name]))
        for name in names
        if before[name] != after[name]
    ]


def compare_view(model_admin, request, record, extra_context=None):
    """The page comparing the two revisions of `record` that the query names, the older first."""
    form = SelectDiffForm(request.GET)
    if not form.is_valid():
        raise Http404("Two versions to compare are needed.")
    first, second = sorted((form.cleaned_data["version_id1"], form.cleaned_data["version_id2"]))
    versions = Version.objects.get_for_object(record).select_related("revision__user")
    older, newer = get_object_or_404(versions, pk=first), get_object_or_404(versions, pk=second)
    try:
        rows, unreadable = differences(model_admin.model, older, newer, compared_fields(model_admin, request, record)), False
    except Unreadable:
        rows, unreadable = [], True
    opts = model_admin.opts
    info = f"admin:{opts.app_label}_{opts.model_name}"
    before, after = versions.filter(pk__lt=older.pk).order_by("-pk").first(), versions.filter(pk__gt=newer.pk).order_by("pk").first()
    url = reverse(f"{info}_compare", args=[record.pk])
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": gettext("Compare two versions"),
        "record": record,
        "older": older,
        "newer": newer,
        "rows": rows,
        "unreadable": unreadable,
        "change_url": reverse(f"{info}_change", args=[record.pk]),
        "history_url": reverse(f"{info}_history", args=[record.pk]),
        "earlier_url": f"{url}?version_id1={before.pk}&version_id2={older.pk}" if before else "",
        "later_url": f"{url}?version_id1={newer.pk}&version_id2={after.pk}" if after else "",
        **(extra_context or {}),
    }
    return TemplateResponse(request, "admin/compare_versions.html", context)


class ReadableHistory:
    """The History page of a record with revisions but no workflow (a department, a unit, a
    budget), in the words of the events' timeline: who changed what and when, with links to
    compare and revert. Comes before django-reversion-compare's admin in RevisionsAdmin's bases."""

    object_history_template = "admin/revision_history.html"

    def history_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        rows = []
        if record is not None:
            info = f"admin:{self.opts.app_label}_{self.opts.model_name}"
            compare = reverse(f"{info}_compare", args=[record.pk])
            versions = list(Version.objects.get_for_object(record).select_related("revision__user").order_by("pk"))
            may_revert = self.has_change_permission(request, record)
            for earlier, version in zip([None, *versions], versions, strict=False):
                revision = version.revision
                rows.append({
                    "when": revision.date_created,
                    "who": (revision.user.get_full_name() or revision.user.get_username()) if revision.user else "",
                    "what": revision.get_comment() or gettext("Saved."),
                    "compare_url": f"{compare}?version_id1={earlier.pk}&version_id2={version.pk}" if earlier else "",
                    "revert_url": reverse(f"{info}_revision", args=[record.pk, version.pk])
                    if may_revert and version is not versions[-1] else "",
                    "pk": version.pk,
                })
            rows.reverse()
            extra_context = {**(extra_context or {}), "revisions": rows, "compare_url": compare}
        return super().history_view(request, object_id, extra_context)
