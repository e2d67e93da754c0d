"""The admin's index: what waits for the user's review, with who submitted it and when, and a
link to their own work (editorial/registry.py)."""

from django import template
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext

from editorial.models import Action, PendingChange, State, Subject, TimelineEntry
from editorial.policy import policy_for
from editorial.registry import publishable_models
from tntd.publishing import Status

register = template.Library()

LISTED = 20  # per list: more would be a list to open, which the heading's link offers


def admin_url(opts, view, *args):
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@register.simple_tag(takes_context=True)
def waiting_for_review(context):
    """[(heading, URL of the whole list, count, [(record, URL, who, when)])] for the user's
    publishable models, the lists that are not empty."""
    user = context["request"].user
    waiting = []
    for model in publishable_models():
        opts = model._meta
        if not policy_for(model).may_publish(user):
            continue
        submits = TimelineEntry.objects.of_model(model).filter(
            object_id=OuterRef("pk"), action=Action.SUBMIT, subject=Subject.RECORD
        ).order_by("-at")
        ready = model._default_manager.filter(status=Status.REVIEW).annotate(
            submitter=Subquery(submits.values("actor")[:1]), submitted_at=Subquery(submits.values("at")[:1])
        ).order_by("submitted_at")
        listed = [(record, admin_url(opts, "review", record.pk), record.submitter, record.submitted_at)
                  for record in ready[:LISTED]]
        heading = gettext("%(plural)s submitted for publication") % {"plural": opts.verbose_name_plural}
        waiting.append((heading, admin_url(opts, "changelist") + f"?status__exact={Status.REVIEW}", listed, ready))

        changes = PendingChange.objects.of_model(model).filter(state=State.REVIEW).select_related("submitted_by")
        changes = changes.order_by("submitted_at")
        records = model._default_manager.in_bulk([change.object_id for change in changes[:LISTED]])
        listed = [
            (records[change.object_id], admin_url(opts, "review", change.object_id), change.submitted_by, change.submitted_at)
            for change in changes[:LISTED]
            if change.object_id in records
        ]
        heading = gettext("Changes to published %(plural)s") % {"plural": opts.verbose_name_plural}
        waiting.append((heading, admin_url(opts, "changelist") + "?pending_change=yes", listed, changes))
    return [
        (heading, url, len(listed) if len(listed) < LISTED else everything.count(), listed)
        for heading, url, listed, everything in waiting
        if listed
    ]


@register.simple_tag(takes_context=True)
def may_edit_content(context):
    """Whether the user writes events or news: the index then links to "My work"."""
    user = context["request"].user
    return any(policy_for(model).may_edit(user) for model in publishable_models())
