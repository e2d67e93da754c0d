"""What waits for review, on the admin's index: records marked Ready for review and changes to
published records (tntd/review.py), for those who may publish them; an Editor sees their own
waiting changes."""

from django import template
from django.apps import apps
from django.urls import reverse

from tntd.models import PendingChange
from tntd.publishing import Status

register = template.Library()

# The publishable models, in the order their lists appear.
REVIEWED = ["activities.Event", "news.NewsItem"]
LISTED = 20  # per list: more would be a list to open, which the heading's link offers


def admin_url(opts, view, *args):
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def named(records, model):
    if model._meta.label == "activities.Event":
        return records.select_related("venue_country")  # each is named with its place
    return records


@register.simple_tag(takes_context=True)
def waiting_for_review(context):
    """[(heading, URL of the whole list, count, [(record, URL)])], the lists that are not empty."""
    user = context["request"].user
    waiting = []
    for label in REVIEWED:
        model = apps.get_model(label)
        opts = model._meta
        publisher = user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")
        changelist = admin_url(opts, "changelist")
        if publisher:
            ready = named(model.objects.filter(status=Status.REVIEW).order_by("-updated_at"), model)
            listed = [(record, admin_url(opts, "change", record.pk)) for record in ready[:LISTED]]
            heading = f"{opts.verbose_name_plural} ready for review"
            waiting.append((heading, f"{changelist}?status__exact={Status.REVIEW}", listed, ready))
        if publisher or user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            changes = PendingChange.objects.of_model(model)
            if not publisher:
                changes = changes.filter(submitted_by=user)
            ids = list(changes.values_list("object_id", flat=True)[:LISTED])
            records = named(model.objects.all(), model).in_bulk(ids)
            listed = [(records[pk], admin_url(opts, "review", pk)) for pk in ids if pk in records]
            heading = f"Changes to published {opts.verbose_name_plural}" if publisher else f"Your changes to {opts.verbose_name_plural}"
            waiting.append((heading, f"{changelist}?pending_change=yes", listed, changes))
    return [
        (heading, url, len(listed) if len(listed) < LISTED else everything.count(), listed)
        for heading, url, listed, everything in waiting
        if listed
    ]
