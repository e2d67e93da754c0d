from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """How an edited record is kept: its versions, who changed it, whether it is public."""

    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from django.db.models.signals import pre_save

        from publishing.audit import take_current_version

        pre_save.connect(take_current_version, dispatch_uid="take-current-version-when-reverting")
