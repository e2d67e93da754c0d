"""What waits for a Publisher: records marked Ready for review, on the admin's index."""

from django import template
from django.apps import apps
from django.urls import reverse

from tntd.publishing import Status

register = template.Library()

# The publishable models, in the order their lists appear.
REVIEWED = ["activities.Event", "news.NewsItem"]
LISTED = 20  # per model: more would be a list to open, which the link offers


@register.simple_tag(takes_context=True)
def waiting_for_review(context):
    """[(model's plural name, changelist URL of all of them, count, [(record, change URL)])] of
    the records Ready for review that this user may publish; [] for anyone else."""
    user = context["request"].user
    waiting = []
    for label in REVIEWED:
        model = apps.get_model(label)
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.publish_{opts.model_name}"):
            continue
        records = model.objects.filter(status=Status.REVIEW).order_by("-updated_at")
        if label == "activities.Event":
            records = records.select_related("venue_country")  # each is named with its place
        listed = list(records[:LISTED])
        if not listed:
            continue
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + f"?status__exact={Status.REVIEW}"
        rows = [(record, reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])) for record in listed]
        waiting.append((opts.verbose_name_plural, changelist, records.count() if len(listed) == LISTED else len(listed), rows))
    return waiting
