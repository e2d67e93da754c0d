"""The back office in each member of staff's language: the one their profile names, else the one
their browser asks for. Only the back office's views choose it, so public pages keep the language
their address says (docs/back-office.md)."""

import functools

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from backoffice.models import StaffProfile
from translations.fields import languages


def browser_language(request):
    """The language among the site's that the browser asks for first, else English."""
    return translation.get_language_from_request(request, check_path=False)


def chosen_language(user):
    """The language `user` chose for the back office, or "" (none: their browser's)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    chosen = StaffProfile.objects.filter(user=user).values_list("language", flat=True).first() or ""
    return chosen if chosen in languages() else ""


def staff_language(request):
    """The language of the back office for this request, chosen once per request."""
    if not hasattr(request, "_staff_language"):
        request._staff_language = chosen_language(getattr(request, "user", None)) or browser_language(request)
    return request._staff_language


def activate(request):
    translation.activate(staff_language(request))
    request.LANGUAGE_CODE = translation.get_language()


def in_staff_language(view):
    """A back-office view run in the staff member's language."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        activate(request)
        return view(request, *args, **kwargs)

    return wrapped


class LanguageForm(forms.Form):
    """The page "Language" of the back office: one choice, saved in the user's profile."""

    language = forms.ChoiceField(
        label=_("Language of the back office"),
        choices=[("", _("As my browser asks")), *settings.LANGUAGES],
        required=False,
        widget=forms.RadioSelect,
    )


def save_language(user, language):
    """Keeps `language` ("" for the browser's) in `user`'s profile, made if they have none."""
    StaffProfile.of(user)  # made as signing in makes it
    StaffProfile.objects.filter(user=user).update(language=language)
