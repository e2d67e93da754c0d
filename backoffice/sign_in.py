"""Signing in to the back office: a password and a one-time code from an authenticator app,
one answer for every way of getting it wrong, and the admin site that enforces it
(docs/back-office.md; README, "Signing in")."""

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice import staff_language
from backoffice.model_admins import ForgivingChangeList
from backoffice.models import StaffProfile

WRONG = _("The username, password or one-time code is not right. Try again, or reset your password.")


def needs_second_factor(user):
    """Whether `user` must be verified by a one-time code to use the back office: all staff,
    where settings.TWO_FACTOR_REQUIRED (in production)."""
    return bool(settings.TWO_FACTOR_REQUIRED and user.is_authenticated and (user.is_staff or user.is_superuser))


def has_second_factor(user):
    return any(devices_for_user(user, confirmed=True))


def second_factor_due(user):
    """When `user`'s grace period to set up a second factor ends."""
    return StaffProfile.of(user).second_factor_due


def in_grace(user):
    """Whether `user` may still work without a second factor, having none yet."""
    return not has_second_factor(user) and second_factor_due(user) > timezone.now()


class SignInForm(AdminAuthenticationForm):
    """Username, password and one-time code, with one answer for every way of getting it wrong."""

    otp_token = forms.CharField(
        label=_("One-time code"), required=False, max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("From your authenticator app. Leave it empty only while you have not set one up yet."),
    )

    def clean(self):
        try:
            super().clean()
            self.clean_second_factor(self.user_cache)
        except ValidationError as error:
            if error.code in ("invalid_login", "inactive", "second_factor"):
                raise ValidationError(WRONG, code="invalid_login") from None
            raise
        return self.cleaned_data

    def clean_second_factor(self, user):
        if not needs_second_factor(user) and not has_second_factor(user):
            return
        token = self.cleaned_data.get("otp_token") or ""
        device = match_token(user, token) if token else None
        if device is not None:
            user.otp_device = device  # django-otp marks the session verified at login
            return
        if not token and not has_second_factor(user) and in_grace(user):
            return
        # A right password with a wrong or missing code: a failure like a wrong password, for
        # django-axes's count, and the same answer.
        user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=self.request)
        raise ValidationError(WRONG, code="second_factor")


class EnrolForm(forms.Form):
    code = forms.CharField(label=_("The code your app shows now"), max_length=12,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


def qr_code_svg(text):
    """`text` as a QR code, an inline SVG element."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return mark_safe(image.to_string(encoding="unicode"))  # made here from the device's own URL


class BackOfficeSite(AdminSite):
    """The admin site (the default one: backoffice.apps.AdminSiteConfig): staff come in once a
    one-time code has verified them, or while their grace period to set one up lasts. Every
    page is in the staff member's language (backoffice/staff_language.py), which they choose on the
    page "Language"."""

    site_header = _("OSCE Transnational Threats Department — back office")
    site_title = _("TNTD back office")
    index_title = _("Content and organisation")
    login_form = SignInForm
    login_template = "admin/sign_in.html"
    # An empty value in a list or a read-only field: a dash, as the review, compare and History
    # pages show one (publishing/snapshots.py), not the admin's hyphen.
    empty_value_display = "—"

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every list of the back office, third-party apps' included, refuses an impossible
        date filter as it refuses any malformed one (backoffice.model_admins.ForgivingChangeList)."""
        admin_class = admin_class or ModelAdmin
        forgiving = type(admin_class.__name__, (admin_class,), {"get_changelist": lambda self, request, **kwargs: ForgivingChangeList})
        forgiving.__module__, forgiving.__qualname__ = admin_class.__module__, admin_class.__qualname__
        return super().register(model_or_iterable, forgiving, **options)

    def admin_view(self, view, cacheable=False):
        """Every view of the back office, in the staff member's language."""
        return super().admin_view(staff_language.in_staff_language(view), cacheable)

    def login(self, request, extra_context=None):
        staff_language.activate(request)  # the browser's language, before anyone signs in
        return super().login(request, extra_context)

    def has_permission(self, request):
        user = request.user
        if not super().has_permission(request):
            return False
        return not needs_second_factor(user) or user.is_verified() or in_grace(user)

    def each_context(self, request):
        context = super().each_context(request)
        user = request.user
        if needs_second_factor(user) and not user.is_verified() and in_grace(user):
            context["second_factor_due"] = second_factor_due(user)
        context["staff_language"] = get_language_info(translation.get_language())["name_local"]
        return context

    def get_urls(self):
        return [
            path("second-factor/", self.admin_view(self.second_factor_view), name="second_factor"),
            path("language/", self.admin_view(self.language_view), name="language"),
            *super().get_urls(),
        ]

    def language_view(self, request):
        """The language of the back office for this member of staff: one of the site's, or the
        one their browser asks for."""
        next_url = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = ""
        form = staff_language.LanguageForm(
            request.POST or None, initial={"language": staff_language.chosen_language(request.user)}
        )
        if request.method == "POST" and form.is_valid():
            chosen = form.cleaned_data["language"]
            staff_language.save_language(request.user, chosen)
            translation.activate(chosen or staff_language.browser_language(request))  # the message in it
            messages.success(request, gettext("The back office is now in %(language)s.") % {
                "language": get_language_info(translation.get_language())["name_translated"]})
            return redirect(next_url or "admin:index")
        context = {
            **self.each_context(request),
            "title": gettext("Language"),
            "form": form,
            "next": next_url,
            "browser_language": get_language_info(staff_language.browser_language(request))["name_translated"],
        }
        return TemplateResponse(request, "admin/language.html", context)

    def second_factor_view(self, request):
        """Sets up an authenticator app: a QR code to scan, then a code from the app to confirm."""
        user = request.user
        if has_second_factor(user):
            messages.info(request, gettext("You have a second factor already; an administrator can replace it."))
            return redirect("admin:index")
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name=gettext("Authenticator app"), confirmed=False
        )
        form = EnrolForm(request.POST or None)
        if form.is_valid():
            if device.verify_token(form.cleaned_data["code"].strip()):
                device.confirmed = True
                device.save()
                otp_login(request, device)
                messages.success(request, gettext("Your second factor is set up: sign-ins ask for its code from now on."))
                return redirect("admin:index")
            form.add_error("code", gettext("That code is not right: try the one your app shows now."))
        context = {
            **self.each_context(request),
            "title": gettext("Second factor"),
            "form": form,
            "qr_code": qr_code_svg(device.config_url),
            # For an app that cannot scan: the key to type in.
            "secret": base64.b32encode(device.bin_key).decode().rstrip("="),
        }
        return TemplateResponse(request, "admin/second_factor.html", context)


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's password reset by email, at most PASSWORD_RESETS_PER_HOUR emails to an address."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None):
        key = f"tntd:password-reset:{to_email.lower()}"
        if cache.add(key, 1, timeout=3600):
            sent_before = 0
        else:
            try:
                sent_before = cache.incr(key) - 1
            except ValueError:  # expired meanwhile
                sent_before = 0
        if sent_before >= settings.PASSWORD_RESETS_PER_HOUR:
            return
        super().send_mail(subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name)


def reset_urls(admin_url):
    """The password reset pages, under the back office's address."""
    site = {"site_header": _("OSCE Transnational Threats Department — back office"), "site_title": _("TNTD back office")}
    # In the language the browser asks for, as the sign-in page (backoffice/staff_language.py).
    in_language = staff_language.in_staff_language
    return [
        path(f"{admin_url}password-reset/", in_language(views.PasswordResetView.as_view(
            form_class=ThrottledPasswordResetForm, extra_context=site,
            success_url=reverse_lazy("admin_password_reset_done"))), name="admin_password_reset"),
        path(f"{admin_url}password-reset/sent/", in_language(views.PasswordResetDoneView.as_view(extra_context=site)),
             name="admin_password_reset_done"),
        path(f"{admin_url}password-reset/<uidb64>/<token>/", in_language(views.PasswordResetConfirmView.as_view(
            extra_context=site, success_url=reverse_lazy("password_reset_complete"))), name="password_reset_confirm"),
        path(f"{admin_url}password-reset/done/", in_language(views.PasswordResetCompleteView.as_view(extra_context=site)),
             name="password_reset_complete"),
    ]

