"""Signing in to the back office: a second factor for those who can publish, and a lockout
after repeated failed passwords (README, "Signing in").

Publishers and superusers sign in with a one-time code from an authenticator app (django-otp,
TOTP), or a static code for the first sign-in; Editors and Finance may add one and are then
asked for it too. After `AXES_FAILURE_LIMIT` wrong passwords for one user from one address,
django-axes refuses that pair for `AXES_COOLOFF_TIME`.
"""

from django.conf import settings
from django.contrib.admin import AdminSite
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


def needs_second_factor(user):
    """Whether `user` must be verified by a one-time code to use the back office."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.has_perm("activities.publish_event") or user.has_perm("news.publish_newsitem")


class SignInForm(OTPAdminAuthenticationForm):
    """Password, then a one-time code: required of those who need a second factor and of
    anyone who has set one up; the others sign in with their password alone."""

    def clean_otp(self, user):
        if user is not None and not needs_second_factor(user) and not any(devices_for_user(user)):
            return
        super().clean_otp(user)

    def _chosen_device(self, user):
        # With one device (an authenticator app, usually), the code is for it: no list to pick from.
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user))
            device = devices[0] if len(devices) == 1 else None
        return device


class BackOfficeSite(OTPAdminSite):
    """The admin site (the default one: tntd.apps.BackOfficeConfig), letting in those who
    need a second factor only once a one-time code has verified them."""

    login_form = SignInForm

    def __init__(self, name="admin"):
        super().__init__(name)

    def has_permission(self, request):
        user = request.user
        return AdminSite.has_permission(self, request) and (user.is_verified() or not needs_second_factor(user))
