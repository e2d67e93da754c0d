"""Errors of the database's constraints shown beside the field they concern.

A CheckConstraint's error is not tied to any field, so a form shows it at its top, and staff
have to guess what to fix. A model with this mixin says which field each constraint is about.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
