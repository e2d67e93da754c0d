"""Which models the workflow serves, found by what they are (PublishableModel), so that the
apps that define them need not name themselves here."""

from django.apps import apps

from publishing.models import PublishableModel


def publishable_models():
    """The concrete models with the publishing workflow (events, news items), in app order."""
    return [model for model in apps.get_models() if issubclass(model, PublishableModel)]
