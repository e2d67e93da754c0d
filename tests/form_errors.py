"""The errors of a back-office form that came back, read where the page got them: by field, with
each error's code (Django's "required", "invalid_choice", ... or the project's own), and
checked to be on the page the member of staff sees, beside the field."""

from tests.markup import parse, text_of, with_class


def errors_by_field(response):
    """{field: [ValidationError]} of the admin page's form and of its inline rows. An inline row's
    fields are named as posted ("budgets-0-year"); a formset's own errors (not any row's) are
    under its prefix ("units")."""
    assert response.status_code == 200, "the form should come back"
    errors = {name: list(found) for name, found in response.context["adminform"].form.errors.as_data().items()}
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for row in formset.forms:
            for name, found in row.errors.as_data().items():
                errors.setdefault(row.add_prefix(name), []).extend(found)
        if formset.non_form_errors():
            errors.setdefault(formset.prefix, []).extend(formset.non_form_errors().as_data())
    return errors


def codes_by_field(response):
    return {name: {error.code for error in found} for name, found in errors_by_field(response).items()}


def messages_by_field(response):
    return {name: [message for error in found for message in error.messages] for name, found in errors_by_field(response).items()}


def shown_errors(response):
    """The texts of the error lists on the page."""
    return {text_of(item) for error_list in with_class(parse(response), "errorlist") for item in error_list.iter("li")}


def assert_refused(response, field, code=None, message=None):
    """The form came back with an error on `field` (of that code, or saying that message), and the
    page shows that error."""
    errors = errors_by_field(response)
    assert field in errors, f"no error on {field}: {sorted(errors)}"
    if code is not None:
        assert code in {error.code for error in errors[field]}, (field, [error.code for error in errors[field]])
    if message is not None:
        assert message in [text for error in errors[field] for text in error.messages], (field, errors[field])
    shown = shown_errors(response)
    for error in errors[field]:
        assert set(error.messages) <= shown, (error.messages, shown)
