from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editorial workflow: who may do what to events and news, and the record of it."""

    name = "editorial"
    verbose_name = _("Editorial workflow")
