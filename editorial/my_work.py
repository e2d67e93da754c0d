"""The page "My work": the records a user created that are not published, the changes they
wrote, and what Publishers decided about their work lately."""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from editorial.models import Action, PendingChange, TimelineEntry
from editorial.policy import policy_for
from editorial.registry import publishable_models
from publishing.models import Status

DECISIONS = [Action.APPROVE, Action.REJECT, Action.SEND_BACK]
RECENT = datetime.timedelta(days=30)
LISTED = 50


def my_work(user):
    """{"records": [(model, [record])], "changes": [change], "decisions": [entry]}: the records
    `user` created that are not published, the changes they wrote, and the decisions on their
    work of the last 30 days, newest first."""
    records = []
    for model in publishable_models():
        if not policy_for(model).may_edit(user):
            continue
        theirs = model._default_manager.filter(created_by=user).exclude(status=Status.PUBLISHED)
        records.append((model, list(theirs.order_by("-updated_at")[:LISTED])))
    changes = PendingChange.objects.filter(authors=user).select_related("content_type").order_by("-saved_at")[:LISTED]
    theirs = TimelineEntry.objects.filter(
        user=user,
        action__in=[Action.CREATE, Action.EDIT, Action.SUBMIT],
        content_type=OuterRef("content_type"),
        object_id=OuterRef("object_id"),
    )
    decisions = (
        TimelineEntry.objects.filter(Exists(theirs), action__in=DECISIONS, at__gte=timezone.now() - RECENT)
        .exclude(user=user)
        .select_related("content_type")[:LISTED]
    )
    return {
        "records": [(model, listed) for model, listed in records if listed],
        "changes": list(changes),
        "decisions": list(decisions),
    }
