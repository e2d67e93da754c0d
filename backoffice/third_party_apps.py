"""The third-party apps whose records staff see in the back office, named as staff read them:
the admin's home lists them under "Security: …" (django-axes's records of sign-ins, django-otp's
second factors), not as their labels in capitals ("AXES", "OTP_TOTP"). INSTALLED_APPS names
these configurations in place of the apps' own; the labels, tables and migrations stay theirs."""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticCodesConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as AuthenticatorsConfig


class SignInAttemptsConfig(AxesConfig):
    verbose_name = _("Security: sign-in attempts and lockouts")


class AuthenticatorAppsConfig(AuthenticatorsConfig):
    verbose_name = _("Security: authenticator apps (second factor)")


class SingleUseCodesConfig(StaticCodesConfig):
    verbose_name = _("Security: single-use sign-in codes")
