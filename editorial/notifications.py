"""Emails that tell authors what a Publisher decided, sent once the step is committed, each in
the language its reader chose for the back office (docs/editorial-workflow.md)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from backoffice.staff_language import chosen_language
from editorial.models import Action

logger = logging.getLogger(__name__)

SUBJECTS = {
    Action.APPROVE: gettext_noop("Approved: %(record)s"),
    Action.REJECT: gettext_noop("Rejected: %(record)s"),
    Action.SEND_BACK: gettext_noop("Sent back to you: %(record)s"),
}


def wording(action, about_change):
    """The first line of the message, in whole sentences that translators can order their way."""
    if action == Action.APPROVE:
        return gettext("Your change was approved: the public sees it now.") if about_change else gettext(
            "Your submission was approved and published."
        )
    if action == Action.REJECT:
        return gettext("Your change was rejected and discarded.") if about_change else gettext(
            "Your submission was rejected; it is a draft again."
        )
    return gettext("Your change was sent back to you to work on.") if about_change else gettext(
        "Your submission was sent back to you to work on; it is a draft again."
    )


def decided(record, action, decider, note, *, to, about_change=False):
    """Tell the authors `to` (users) that `decider` took `action` on their work, with the note."""
    recipients = {}
    for user in to:
        if getattr(user, "email", "") and user.pk != decider.pk:
            recipients.setdefault(user.email, user)
    if not recipients:
        return
    link = change_link(record)
    emails = []
    for recipient, user in sorted(recipients.items()):
        subject, lines = message(record, action, decider, note, user, about_change)
        emails.append((recipient, subject, "\n".join([*lines, link] if link else lines)))

    def send():
        for recipient, subject, text in emails:  # each their own message: no one sees the others' addresses
            try:
                send_mail(f"[TNTD] {subject}", text, None, [recipient])
            except OSError:  # the mail server is out of reach: the step stands, the log says so
                logger.exception("Could not send the notification %r to %s", subject, recipient)

    transaction.on_commit(send)


def change_link(record):
    """The full address of the record's change form, or "" when the admin has none."""
    try:
        return settings.SITE_ADDRESS.rstrip("/") + reverse(
            f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk]
        )
    except NoReverseMatch:
        return ""


def message(record, action, decider, note, user, about_change):
    """(subject, lines) of the email to `user`, in the language they chose for the back office."""
    with translation.override(chosen_language(user) or settings.LANGUAGE_CODE):
        subject = gettext(SUBJECTS[action]) % {"record": record}
        lines = [wording(action, about_change), ""]
        if note:
            lines += [gettext("Note from %(user)s:") % {"user": decider.get_username()}, note, ""]
    return subject, lines
