"""The admin's home page (templates/admin/index.html): the user's drafts, what waits for their
review, what was published lately and the site's recent changes (editorial/home.py), and a
link to their own work (editorial/my_work.py)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext

from editorial import home
from editorial.history import sentence
from editorial.models import Action
from editorial.policy import policy_for
from editorial.registry import publishable_models
from publishing.models import Status

register = template.Library()


def admin_url(opts, view, *args):
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def waiting_heading(model, kind):
    """"Events submitted for publication", "Changes to published news items", and the list of them all."""
    opts = model._meta
    if kind == home.RECORD:
        heading = gettext("%(plural)s submitted for publication") % {"plural": opts.verbose_name_plural}
        return heading, admin_url(opts, "changelist") + f"?status__exact={Status.REVIEW}"
    heading = gettext("Changes to published %(plural)s") % {"plural": opts.verbose_name_plural}
    return heading, admin_url(opts, "changelist") + "?pending_change=yes"


@register.simple_tag(takes_context=True)
def admin_home(context):
    """What the home page lists for the user, each list read in one query, and which lists the
    permission policy gives them: {"drafts", "waiting", "published", "writes", "decides", "sees"}."""
    user = context["request"].user
    models = publishable_models()
    writes = any(policy_for(model).may_edit(user) for model in models)
    decides = any(policy_for(model).may_publish(user) for model in models)
    sees = any(policy_for(model).may_view(user) for model in models)
    waiting = []
    for model, kind, total, rows in home.waiting_lists(user) if decides else []:
        heading, url = waiting_heading(model, kind)
        waiting.append((heading, url, total, rows))
    return {
        "writes": writes,
        "decides": decides,
        "sees": sees,
        "drafts": home.my_drafts(user) if writes else [],
        "waiting": waiting,
        "published": home.recently_published(user) if sees else [],
    }


@register.simple_tag(takes_context=True)
def recent_changes(context):
    """[(timeline entry, URL of its record, what it says)]: the latest steps on the records the
    user may see, whoever took them, in place of Django's "Recent actions" (only one's own,
    empty for someone new)."""
    recent = []
    for entry in home.recent_changes(context["request"].user):
        model = entry.content_type.model_class()
        url = "" if entry.action == Action.DELETE or model is None else admin_url(model._meta, "change", entry.object_id)
        recent.append((entry, url, sentence(entry, model)))
    return recent
