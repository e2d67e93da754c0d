from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editorial workflow: who may do what to events and news, and the record of it."""

    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        import reversion

        from editorial import checks  # noqa: F401 (registers them)

        # Every saving of a pending change is a revision of it (editorial/workflow.py):
        # the text one author replaced, or a rejected change, can always be read again.
        reversion.register(self.get_model("PendingChange"), exclude=["held_photo"])
