"""The ModelAdmin bases, filters and inlines every app's back office builds on."""

import dataclasses
import datetime

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.forms.models import InlineForeignKeyField
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from backoffice import revision_compare, widgets
from backoffice.word_diff import diff_rows
from photos.models import PhotoAdminForm, PhotoField
from publishing import snapshots
from publishing.audit import AUDIT_FIELDS, reverting
from publishing.edit_conflicts import TOKEN_FIELD, VersionedForm
from publishing.validation import PlainFieldMessages, PlainInlineFormSet
from translations.fields import DEFAULT, column, languages, missing_fields, missing_translation, translated_fields


class ForgivingAutocomplete:
    """An autocomplete widget that, shown again with a value no record could have (a forged
    "abc" for an id), leaves it out instead of failing: the field's own error says what is wrong."""

    def optgroups(self, name, value, attr=None):
        queryset_model = self.choices.queryset.model
        target = queryset_model._meta.get_field(self.choices.field.to_field_name) if self.choices.field.to_field_name else queryset_model._meta.pk
        valid = []
        for item in value:
            try:
                target.to_python(item)
            except ValidationError:
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class ForgivingAutocompleteSelect(ForgivingAutocomplete, AutocompleteSelect):
    pass


class ForgivingAutocompleteSelectMultiple(ForgivingAutocomplete, AutocompleteSelectMultiple):
    pass


class ForgivingChangeList(ChangeList):
    """A list whose date drill-down refuses an impossible date (?start_date__year=9999, the year
    after which does not exist, or 99999999999) as the admin refuses any malformed filter: the
    list again, "?e=1", not an error page. Every list of the back office (backoffice.sign_in.BackOfficeSite)."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_queryset(self, request, exclude_parameters=None):
        # A lookup of the address on a date's parts (?start_date__year=99999999999) fails only
        # when its SQL is written: written here, without running it, it is refused the same way.
        queryset = super().get_queryset(request, exclude_parameters)
        try:
            queryset.query.get_compiler(queryset.db).as_sql()
        except EmptyResultSet:
            pass  # nothing can match: a list of none, not an error
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error
        return queryset


# One date input and one date-time input everywhere in the back office (backoffice/widgets.py), by model
# field as formfield_overrides says it: the browser's pickers, ISO in the input, in place of the
# admin's calendar, its "Today" links and its "You are 1 hour behind server time" note.
SITE_WIDGETS = {
    models.DateField: {"widget": widgets.DateInput},
    models.DateTimeField: {"form_class": widgets.DateTimeField, "widget": widgets.DateTimeInput},
}


class SiteWidgets:
    """Gives an admin's (or inline's) forms SITE_WIDGETS. Applied in formfield_for_dbfield rather
    than as a mixin's formfield_overrides, which an admin's own (PhotoAdmin's) would hide; an
    explicit widget or formfield_overrides entry for the field still wins. A date-time without a
    help text of its own is told the time zone ("Vienna time (CET)")."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        overrides = SITE_WIDGETS.get(type(db_field))
        if overrides and "widget" not in kwargs and type(db_field) not in self.formfield_overrides_of_its_own():
            kwargs = {**overrides, **kwargs}
            if isinstance(db_field, models.DateTimeField) and not db_field.help_text:
                kwargs.setdefault("help_text", widgets.time_zone_label())
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_overrides_of_its_own(self):
        """The model field classes this admin's formfield_overrides names itself (not Django's defaults)."""
        return {klass for klass in getattr(type(self), "formfield_overrides", {})}


class AuditedAdmin(SiteWidgets, admin.ModelAdmin):
    """Fills in who created and last changed a record (and its inline rows), shown read-only;
    refuses a save from a form opened before someone else's (publishing/edit_conflicts.py). Its forms
    and lists load the back office's script (static/js/back_office.js: the publication control,
    amounts, searchable filters), which only enhances what works without it."""

    form = VersionedForm
    change_form_template = "admin/versioned_change_form.html"

    class Media:
        js = ["js/back_office.js"]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *AUDIT_FIELDS)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.fieldsets is None:
            # Default single fieldset: move the audit fields into their own, collapsed.
            (name, options), = fieldsets
            fields = [f for f in options["fields"] if f not in AUDIT_FIELDS]
            fieldsets = [(name, {**options, "fields": fields})]
        if obj is None:  # nothing to tell about a record not yet saved
            return fieldsets
        fieldsets = collapsed_unless_filled(fieldsets, obj)
        if TOKEN_FIELD not in flatten_fieldsets(fieldsets):  # the form's version, a hidden field
            (name, options), *others = fieldsets
            fieldsets = [(name, {**options, "fields": [*options["fields"], TOKEN_FIELD]}), *others]
        if getattr(request, "translating", None):  # the translation page: its fields only
            return fieldsets
        return [*fieldsets, (_("Record history"), {"classes": ["collapse"], "fields": AUDIT_FIELDS})]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.version_of = staticmethod(self.version_of)
        form.changes_since = staticmethod(self.changes_since)
        return form

    def version_of(self, record, lock=False):
        """The version of what the change form edits, as its token carries it."""
        return VersionedForm.version_of(record, lock)

    def changes_since(self, record, opened_at):
        """[(when, who, what)] saved to `record` after `opened_at` (seconds since the epoch):
        its revisions, or its last save when it has none since (a save outside the back office)."""
        since = datetime.datetime.fromtimestamp(opened_at, tz=datetime.timezone.utc)
        steps = []
        if reversion.is_registered(self.model):
            versions = Version.objects.get_for_object(record).filter(revision__date_created__gt=since)
            for version in versions.select_related("revision__user").order_by("revision__date_created"):
                revision = version.revision
                steps.append((revision.date_created, revision.user or _("someone"), revision.get_comment()))
        stored = self.model._default_manager.filter(pk=record.pk).select_related("updated_by").first()
        if not steps and stored is not None and stored.updated_at > since:
            steps.append((stored.updated_at, stored.updated_by or _("someone outside the back office"), ""))
        return steps

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ForgivingAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ForgivingAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            instance = inline_form.instance
            if not hasattr(instance, "updated_by_id") or not inline_form.has_changed():
                continue
            if instance.pk is None:
                instance.created_by = request.user
            instance.updated_by = request.user
        super().save_formset(request, form, formset, change)


def collapsed_unless_filled(fieldsets, record):
    """The fieldsets an admin marks "collapse" (rarely used: an event's participants, a photo),
    open on a record that has something in them: a section is folded only while it is empty, so
    that nothing written is out of sight."""
    unfolded = []
    for name, options in fieldsets:
        classes = list(options.get("classes", ()))
        if "collapse" in classes and any(has_value(record, field) for field in flatten_fieldsets([(name, options)])):
            classes.remove("collapse")
            unfolded.append((name, {**options, "classes": classes}))
        else:
            unfolded.append((name, options))
    return unfolded


def has_value(record, name):
    """Whether the record's field `name` holds something. Many-to-many fields count as empty (they
    would cost a query): only sections of plain fields are marked "collapse"."""
    try:
        field = record._meta.get_field(name)
    except FieldDoesNotExist:
        return False  # a read-only display, a form's own field
    if field.many_to_many or field.one_to_many:
        return False
    return getattr(record, field.attname) not in (None, "")


class InlineRowForm(PlainFieldMessages, forms.ModelForm):
    """Check the unique constraints that involve the parent, which Django skips in inline rows:
    a clash with a row already stored (one another editor saved meanwhile, say) is then a form
    error with the constraint's message, not an IntegrityError (docs/back-office.md)."""

    def validate_unique(self):
        super().validate_unique()
        parent_links = {name for name, field in self.fields.items() if isinstance(field, InlineForeignKeyField)}
        model = type(self.instance)
        for constraint in model._meta.total_unique_constraints:
            if parent_links.isdisjoint(constraint.fields) or any(field in self.errors for field in constraint.fields):
                continue
            try:
                constraint.validate(model, self.instance, using=router.db_for_write(model, instance=self.instance))
            except ValidationError as error:
                self.add_error(None, error)


class AuditedInline(SiteWidgets):
    """Inline rows show no audit columns; AuditedAdmin.save_formset fills them. A form holds at
    most `max_num` rows, whatever its management form claims: a forged TOTAL_FORMS of 100,000
    is a form error, not 100,000 forms to build."""

    form = InlineRowForm
    formset = PlainInlineFormSet  # rows repeating a unique value, said plainly
    exclude = AUDIT_FIELDS
    max_num = 100

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, absolute_max=self.max_num, **kwargs)


class YearListFilter(admin.SimpleListFilter):
    """Records by the year of `date_field`, offering only the years the database holds."""

    title = _("year")
    parameter_name = "year"
    date_field = None  # set by subclasses

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates(self.date_field, "year", order="DESC")
        return [(str(year.year), str(year.year)) for year in years]

    def queryset(self, request, queryset):
        # A malformed or impossible year (?year=soon, ?year=99999999999) is ignored rather
        # than an error page: a date's year is 1 to 9999.
        value = self.value() or ""
        if value.isdigit() and datetime.MINYEAR <= int(value) <= datetime.MAXYEAR:
            return queryset.filter(**{f"{self.date_field}__year": int(value)})
        return queryset


class SearchableFilter:
    """A list filter with a box to narrow its choices as one types (templates/admin/searchable_filter.html,
    static/js/back_office.js): the box is shown by the script, the links work without it."""

    template = "admin/searchable_filter.html"


class SearchableRelatedFilter(SearchableFilter, admin.RelatedFieldListFilter):
    pass


class SearchableRelatedOnlyFilter(SearchableFilter, admin.RelatedOnlyFieldListFilter):
    pass


class RevisionsAdmin(revision_compare.ReadableHistory, CompareVersionAdmin):
    """Every save in the admin is a revision (django-reversion): the History page lists who
    changed what and when (backoffice/revision_compare.py: ReadableHistory), compares any two
    revisions field by field and word by word, old and new side by side (its compare_view, at
    django-reversion-compare's address), and reverts to one after showing what would change,
    which is saved as a new revision."""

    history_latest_first = True
    revert_template = "admin/revert_confirmation.html"

    # django-reversion keeps the log message as the revision's comment, written in the language
    # active then: in English, whichever language the back office speaks to the user (as the
    # workflow's own comments, editorial/workflow.py: in_english).
    def log_addition(self, request, obj, message):
        with translation.override(settings.LANGUAGE_CODE):
            return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        with translation.override(settings.LANGUAGE_CODE):
            return super().log_change(request, obj, message)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """What reverting to the revision would change, and a button that does it."""
        record = self.get_object(request, unquote(object_id))
        if record is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, record):
            raise PermissionDenied
        content_type = ContentType.objects.get_for_model(self.model)
        version = get_object_or_404(Version, pk=version_id, object_id=str(record.pk), content_type=content_type)
        if request.method == "POST":
            return self.revert(request, record, version)
        try:
            rows, broken = snapshots.differences(version.serialized_data, record, self.content_field_names(request, record)), None
        except snapshots.ChangeNoLongerApplies as error:
            rows, broken = [], str(error)
        context = {
            **self.admin_site.each_context(request),
            **(extra_context or {}),
            "opts": self.opts,
            "title": gettext("Revert “%(record)s”?") % {"record": record},
            "record": record,
            "version": version,
            "rows": rows,
            "diffs": diff_rows(rows),  # the words reverting takes out and puts back, highlighted
            "broken": broken,
            "revert_label": self.revert_label(request, record),
            "change_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk]),
        }
        return TemplateResponse(request, self.revert_template, context)

    def revert_label(self, request, record):
        return gettext("Revert to this version")

    def revert(self, request, record, version):
        """Restores the record as the revision holds it, and the rows of the revision that
        still exist and the user may change (a department's units, edited in its form), each
        with a new version (publishing.audit.reverting). Nothing else in the revision is touched,
        nor anything added since deleted: a Budget's revert never reaches its Department."""
        created = timezone.localtime(version.revision.date_created)
        with translation.override(settings.LANGUAGE_CODE):  # stored: in English, whoever reverts
            stored_when = date_format(created, "DATETIME_FORMAT")
        when = date_format(created, "DATETIME_FORMAT")
        with transaction.atomic(), reverting(), reversion.create_revision():
            for restored in version.revision.version_set.select_related("content_type"):
                model = restored._model
                existing = model._default_manager.filter(pk=restored.object_id).exists()
                may_change = request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
                if restored.pk == version.pk or (existing and may_change):
                    restored.revert()
            reversion.set_user(request.user)
            reversion.set_comment(f"Reverted to the version of {stored_when}.")
        record.refresh_from_db()
        self.log_change(request, record, f"Reverted to the version of {stored_when}.")
        self.message_user(request, gettext("“%(record)s” is back to its version of %(when)s.") % {"record": record, "when": when}, messages.SUCCESS)
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk]))

    def compare_view(self, request, object_id, extra_context=None):
        """Two revisions side by side, word by word (backoffice/revision_compare.py), for those who may see the record."""
        record = self.get_object(request, unquote(object_id))
        if record is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        return revision_compare.compare_view(self, request, record, extra_context)

    def content_field_names(self, request, record):
        """The model fields on the change form, in its order."""
        names = []
        for name in flatten_fieldsets(self.get_fieldsets(request, record)):
            try:
                self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a read-only display, such as the photo's preview
            names.append(name)
        return names


class PhotoAdmin(admin.ModelAdmin):
    """For records with a photo (photos.models.PhotoModel): a thumbnail of it beside the file
    field, uploads bounded with a message, and the chosen file kept when the form comes back
    with errors. Subclasses put `PHOTO_FIELDS` in their fieldsets."""

    form = PhotoAdminForm
    formfield_overrides = {models.ImageField: {"form_class": PhotoField}}
    PHOTO_FIELDS = ["photo", "kept_photo", "photo_preview", "photo_alt", "photo_caption", "photo_credit"]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "photo_preview")

    @admin.display(description=_("preview"))
    def photo_preview(self, record):
        if not record.photo_renditions:
            return gettext("No photo") if not record.photo else gettext("The photo's file cannot be read.")
        return format_html('<img src="{}" alt="" width="160">', record.photo_renditions[0][0])


class MissingTranslationFilter(admin.SimpleListFilter):
    """"Russian translation: missing / missing: title / … / complete": missing when a translated
    field (or the one chosen) has English text and none in the language, one condition in the
    list's own query. Subclassed per language (MISSING_TRANSLATION_FILTERS)."""

    language = None  # set by subclasses

    def lookups(self, request, model_admin):
        names = translated_fields(model_admin.model)
        choices = [("missing", pgettext_lazy("a translation", "missing"))]
        if len(names) > 1:  # which field: "missing: summary"
            choices += [
                (f"missing-{name}", pgettext("a translation", "missing: %(field)s") % {"field": field_label(model_admin.model, name)})
                for name in names
            ]
        return [*choices, ("complete", pgettext_lazy("a translation", "complete"))]

    def chosen_fields(self, model):
        """The fields the value names: all for "missing", one for "missing-summary", None for none."""
        value = self.value() or ""
        if value == "missing":
            return translated_fields(model)
        name = value.removeprefix("missing-")
        return [name] if value.startswith("missing-") and name in translated_fields(model) else None

    def queryset(self, request, queryset):
        fields = self.chosen_fields(queryset.model)
        if fields:
            return queryset.filter(missing_translation(queryset.model, self.language, fields))
        if self.value() == "complete":
            return queryset.exclude(missing_translation(queryset.model, self.language))
        return queryset


def field_label(model, name):
    """A field's label as the form shows it ("Summary")."""
    return capfirst(model._meta.get_field(name).verbose_name)


def translation_title(language):
    """"Russian translation", in the admin's language («Перевод: Русский»)."""
    return gettext("%(language)s translation") % {"language": get_language_info(language)["name_translated"]}


def language_name(language):
    return get_language_info(language)["name_translated"]


# A MissingTranslationFilter for each language of the content but English.
MISSING_TRANSLATION_FILTERS = [
    type(
        f"Missing{language.capitalize()}TranslationFilter",
        (MissingTranslationFilter,),
        {"language": language, "title": lazy(translation_title, str)(language), "parameter_name": f"translation_{language}"},
    )
    for language in languages()
    if language != DEFAULT
]


def side_by_side(model, fields):
    """A fieldset's fields with each translated field (title, or any of its languages) made
    one row of its languages, (title_en, title_ru): a translation is written beside its English."""
    names = translated_fields(model)
    base_of = {column(name, language): name for name in names for language in languages()}
    rows, done = [], set()
    for field in fields:
        name = (field if field in names else base_of.get(field)) if isinstance(field, str) else None
        if name is None:
            rows.append(field)
        elif name not in done:
            done.add(name)
            rows.append(tuple(column(name, language) for language in languages()))
    return rows


def in_every_language(model, lookup):
    """A search field ("title", "^name", "venue_country__name") as the lookups of its every
    language when it ends on a translated field, so that the admin's search finds Russian
    titles too; otherwise [lookup]."""
    prefix = lookup[0] if lookup[:1] in ("^", "=", "@") else ""
    parts = lookup[len(prefix):].split("__")
    for position, part in enumerate(parts):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            break
        if part in translated_fields(model):
            return [
                prefix + "__".join([*parts[:position], column(part, language), *parts[position + 1 :]])
                for language in languages()
            ]
        if not field.is_relation or field.related_model is None:
            break
        model = field.related_model
    return [lookup]


@dataclasses.dataclass
class Translating:
    """The translation page in progress (TranslatedAdmin.translate_view), kept on the request:
    into which language, whether every translated field was asked for, and the fields shown."""

    language: str
    show_all: bool = False
    fields: list = None
    complete: bool = False  # no field misses its translation


class TranslatedAdmin(TranslationAdmin):
    """For a model with translated fields: each field's languages side by side, search in every
    language, filters of missing translations, and a translation page (docs/back-office.md).
    Comes last among the project's admin mixins: modeltranslation's admin ends the chains of
    get_readonly_fields and get_fieldsets."""

    def _patch_fieldsets(self, fieldsets):
        # Not modeltranslation's, which flattens rows and changes the class's fieldsets in place.
        return [(name, {**options, "fields": side_by_side(self.model, options["fields"])}) for name, options in fieldsets]

    def _get_fieldsets_post_form_or_formset(self, request, form, obj=None):
        return self._patch_fieldsets(super()._get_fieldsets_post_form_or_formset(request, form, obj))

    def get_search_fields(self, request):
        return [name for lookup in super().get_search_fields(request) for name in in_every_language(self.model, lookup)]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), *MISSING_TRANSLATION_FILTERS]

    # --- The list: which fields miss a translation ---------------------------------------------

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        for language in languages():
            value = request.GET.get(f"translation_{language}", "")
            if language != DEFAULT and value.startswith("missing"):
                shown.append(self.missing_column(request, language))
        return shown

    def missing_column(self, request, language):
        """A column naming each record's fields with English text and none in `language`, and
        linking to its translation page: read from the row itself, no query of its own."""
        preserved = self.get_preserved_filters(request)
        info = f"{self.opts.app_label}_{self.opts.model_name}"

        @admin.display(description=pgettext_lazy("a column of the list", "Missing in %(language)s") % {
            "language": language_name(language)})
        def missing(record):
            names = missing_fields(record, language)
            if not names:
                return "—"
            url = reverse(f"admin:{info}_translate", args=[record.pk, language])
            return format_html(
                '<span class="missing-fields">{}</span> · <a href="{}">{}</a>',
                ", ".join(str(field_label(self.model, name)) for name in names),
                f"{url}?{preserved}" if preserved else url,
                gettext("Translate"),
            )

        missing.__name__ = f"missing_{language}"
        return missing

    # --- The translation page -------------------------------------------------------------------

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<path:object_id>/translate/<str:language>/", self.admin_site.admin_view(self.translate_view),
                 name=f"{info}_translate"),
            *super().get_urls(),
        ]

    def translate_view(self, request, object_id, language):
        """The change form narrowed to the translated fields that need it (every one with ?all=1),
        the English read-only beside each. It is the admin's own change view, so a save is checked,
        held for review, revised and audited as on the full form."""
        if language == DEFAULT or language not in languages():
            raise Http404
        record = self.get_object(request, unquote(object_id))
        if record is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        request.translating = Translating(language, show_all=request.GET.get("all") == "1")
        context = {
            "title": gettext("Translate “%(record)s” into %(language)s") % {
                "record": record, "language": language_name(language)},
            "show_save_and_add_another": False,
            "show_delete": False,
        }
        return self.change_view(request, object_id, extra_context=context)

    def translating(self, request):
        return getattr(request, "translating", None)

    def translation_fields_shown(self, request, obj):
        """The translated fields the page shows: as posted (the fields of the form the user had),
        else those missing their translation, or every one when asked (or when none is missing)."""
        task = self.translating(request)
        if task.fields is None:
            names = translated_fields(self.model)
            posted = [name for name in names if column(name, task.language) in request.POST]
            missing = missing_fields(obj, task.language) if obj is not None else names
            task.fields = posted or (names if task.show_all or not missing else missing)
            task.complete = not missing
        return task.fields

    def get_fieldsets(self, request, obj=None):
        task = self.translating(request)
        if task is None:
            return super().get_fieldsets(request, obj)
        return [(None, {"fields": [(column(name, DEFAULT), column(name, task.language))
                                   for name in self.translation_fields_shown(request, obj)]})]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if self.translating(request) is not None:
            readonly = (*readonly, *(column(name, DEFAULT) for name in translated_fields(self.model)))
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {} if self.translating(request) is not None else super().get_prepopulated_fields(request, obj)

    def get_inlines(self, request, obj):
        return [] if self.translating(request) is not None else super().get_inlines(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        task = self.translating(request)
        if task is None and obj is not None:
            info = f"{self.opts.app_label}_{self.opts.model_name}"
            context["translate_links"] = [
                (reverse(f"admin:{info}_translate", args=[obj.pk, language]), language_name(language))
                for language in languages() if language != DEFAULT
            ]
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if task is None:
            return response
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_translate", args=[obj.pk, task.language])
        response.context_data.update({
            "translating": task,
            "language_name": language_name(task.language),
            "change_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]),
            "toggle_url": url if task.show_all else f"{url}?all=1",
            "complete": getattr(task, "complete", False),
            # The form it narrows (the workflow's, the versioned one...), as a template to extend.
            "base_change_form": select_template(
                [response.template_name] if isinstance(response.template_name, str) else response.template_name
            ),
        })
        response.template_name = "admin/translate_form.html"
        return response
