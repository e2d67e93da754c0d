from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class TntdConfig(AppConfig):
    name = "tntd"
    verbose_name = _("Organisation")

    def ready(self):
        from django.db.models.signals import pre_save

        from tntd import checks  # noqa: F401 (registers them)
        from tntd.audit import take_current_version
        from tntd.redirects import watch_slugs

        watch_slugs()  # a renamed page's old address keeps working
        pre_save.connect(take_current_version, dispatch_uid="take-current-version-when-reverting")


class BackOfficeConfig(admin_apps.AdminConfig):
    """Django's admin, on the site that asks Publishers for a second factor (tntd/sign_in.py)."""

    default = False  # "tntd" in INSTALLED_APPS means TntdConfig; this one is named in full
    default_site = "tntd.sign_in.BackOfficeSite"
