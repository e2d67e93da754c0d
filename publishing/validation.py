"""Say database-constraint errors to staff in their words, beside the field they concern.

A CheckConstraint's error is tied to no field, so a form would show it at its top and leave staff
to guess; a model with ConstraintErrorsOnFields names each constraint's field.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import SlugField
from django.forms.models import BaseInlineFormSet
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ConstraintErrorsOnFields:
    # {constraint name: the field its violation is shown on}
    constraint_fields = {}

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            fields = {
                constraint.get_violation_error_message(): field
                for constraint in self._meta.constraints
                if (field := self.constraint_fields.get(constraint.name))
            }
            errors = {}
            for field, messages in error.error_dict.items():
                for message in messages:
                    text = message.message % (message.params or {}) if message.params else message.message
                    target = fields.get(text, field) if field == NON_FIELD_ERRORS else field
                    errors.setdefault(target, []).append(message)
            raise ValidationError(errors) from None


class PlainUniqueErrors:
    """A value another record has already, said as staff would: "Another event already has this
    web address (slug): choose another.", not Django's "Event with this Slug already exists.".
    For every model staff edit (publishing.audit.AuditedModel, MovedPage)."""

    def unique_error_message(self, model_class, unique_check):
        if len(unique_check) != 1:
            return super().unique_error_message(model_class, unique_check)
        opts = model_class._meta
        field = opts.get_field(unique_check[0])
        if isinstance(field, SlugField):
            message = _("Another %(model_name)s already has this web address (slug): choose another.")
        else:
            message = _("Another %(model_name)s already has this %(field_label)s: choose another.")
        return ValidationError(message, code="unique", params={
            "model": self, "model_class": model_class, "model_name": opts.verbose_name,
            "field_label": field.verbose_name, "unique_check": unique_check,
        })


# Django's messages for a number or a text out of bounds, in staff's words ("Enter 0 or more.",
# not "Ensure this value is greater than or equal to 0."), by the kind of form field.
PLAIN_MESSAGES = [
    (forms.CharField, {
        "max_length": _("This is too long: at most %(limit_value)d characters (it has %(show_value)d)."),
        "min_length": _("This is too short: at least %(limit_value)d characters (it has %(show_value)d)."),
    }),
    ((forms.IntegerField, forms.DecimalField, forms.FloatField), {
        "min_value": _("Enter %(limit_value)s or more."),
        "max_value": _("Enter %(limit_value)s or less."),
    }),
    (forms.DecimalField, {
        "max_digits": _("This is too long a number: at most %(max)s digits in all."),
        "max_decimal_places": _("Enter at most %(max)s digits after the decimal point."),
        "max_whole_digits": _("This is too large: at most %(max)s digits before the decimal point."),
    }),
]


class PlainFieldMessages:
    """A form whose fields say what is wrong in staff's words (PLAIN_MESSAGES): every form of
    the back office (publishing.edit_conflicts.VersionedForm, backoffice.model_admins.InlineRowForm)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for kind, messages in PLAIN_MESSAGES:
                if isinstance(field, kind):
                    field.error_messages.update(messages)


class PlainInlineFormSet(BaseInlineFormSet):
    """Rows of an inline that repeat a value that must be unique, said plainly: "Two rows have
    the same year", not "Please correct the duplicate data for department and year"."""

    def get_unique_error_message(self, unique_check):
        names = [name for name in unique_check if name != self.fk.name] or list(unique_check)  # not the parent
        fields = [str(self.form.base_fields[name].label or name).lower() if name in self.form.base_fields else name
                  for name in names]
        return gettext("Two rows have the same %(field)s: change one of them.") % {
            "field": get_text_list(fields, gettext("and"))}

    def get_form_error(self):
        return gettext("Change the rows marked below: they repeat one another.")
