from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AdminSiteConfig(admin_apps.AdminConfig):
    """Django's admin, on the site that asks every member of staff for a second factor (backoffice/sign_in.py)."""

    default = False  # "backoffice" in INSTALLED_APPS means BackOfficeConfig; this one is named in full
    default_site = "backoffice.sign_in.BackOfficeSite"


class BackOfficeConfig(AppConfig):
    """What the back office keeps about its staff: their language and second-factor grace."""

    name = "backoffice"
    verbose_name = _("Back office")
