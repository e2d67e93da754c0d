"""A record's History page as a person reads it: each step of its timeline a sentence ("anna
submitted it for review") in the back office's language, with links to compare and revert;
then its revisions, to compare any two (docs/editorial-workflow.md)."""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from editorial.models import Action, State, Subject, TimelineEntry
from editorial.policy import policy_for

# What each step says, whoever took it: the step of a record, or of a change to its published
# version. Whole sentences, so that each language may put the name where it needs it.
RECORD_STEPS = {
    Action.CREATE: _("%(who)s created it"),
    Action.EDIT: _("%(who)s edited it"),
    Action.SUBMIT: _("%(who)s submitted it for review"),
    Action.WITHDRAW: _("%(who)s withdrew it from review"),
    Action.APPROVE: _("%(who)s approved it, and it was published"),
    Action.REJECT: _("%(who)s rejected it: it went back to draft"),
    Action.SEND_BACK: _("%(who)s sent it back to its authors"),
    Action.PUBLISH: _("%(who)s published it"),
    Action.SCHEDULE: _("%(who)s changed when it is public"),
    Action.UNPUBLISH: _("%(who)s took it off the public site"),
    Action.REVERT: _("%(who)s restored an earlier version"),
    Action.RECOVER: _("%(who)s recovered it after it was deleted"),
    Action.DELETE: _("%(who)s deleted it"),
}
SCHEDULED_STEPS = {
    Action.APPROVE: _("%(who)s approved it, and scheduled it"),
    Action.PUBLISH: _("%(who)s scheduled it for publication"),
}
CHANGE_STEPS = {
    Action.EDIT: _("%(who)s wrote a change to the published version"),
    Action.REVERT: _("%(who)s proposed to restore an earlier version"),
    Action.SUBMIT: _("%(who)s submitted a change for review"),
    Action.APPROVE: _("%(who)s approved a change, and it went live"),
    Action.REJECT: _("%(who)s rejected a change"),
    Action.SEND_BACK: _("%(who)s sent a change back to its authors"),
    Action.WITHDRAW: _("%(who)s withdrew a change"),
    Action.DELETE: _("%(who)s deleted it, and the change waiting with it"),
}

# Fields a step's sentence already says it changed.
SAID = {"status"}


def who(entry):
    """Who took the step: their full name when they have one, else their username as it was."""
    user = entry.user if entry.user_id else None
    return (user.get_full_name() if user else "") or entry.actor


def sentence(entry, model=None):
    """"anna submitted it for review": the step, in words, in the active language."""
    if entry.subject == Subject.CHANGE:
        text = CHANGE_STEPS.get(entry.action)
    elif entry.to_state == State.SCHEDULED and entry.action in SCHEDULED_STEPS:
        text = SCHEDULED_STEPS[entry.action]
    else:
        text = RECORD_STEPS.get(entry.action)
    if text is None:  # a step this version does not know
        return gettext("%(who)s: %(step)s") % {"who": who(entry), "step": entry.get_action_display()}
    return text % {"who": who(entry)}


def changed_labels(entry, model):
    """The labels of the fields the step changed, as the form names them, but those its
    sentence says already (a status) and those nobody edits (derived by the record itself)."""
    labels = []
    for name in entry.changed_fields or []:
        if name in SAID:
            continue
        try:
            field = model._meta.get_field(name)
        except Exception:  # a field removed since
            labels.append(name)
            continue
        if field.editable:  # not what the record keeps of itself (its calendar version...)
            labels.append(capfirst(field.verbose_name))
    return labels


def state_label(value):
    try:
        return State(value).label
    except ValueError:
        return value


def timeline(record, model, opts, user):
    """The record's timeline, newest first: {"entry", "what", "changed", "from", "to",
    "compare_url", "revert_url"} a step, and every revision as ("when — who: what", version id)
    for the comparison of any two."""
    info = f"admin:{opts.app_label}_{opts.model_name}"
    versions = list(Version.objects.get_for_object(record).select_related("revision__user").order_by("pk"))
    by_revision = {version.revision_id: version for version in versions}
    previous = {later.pk: earlier.pk for earlier, later in zip(versions, versions[1:], strict=False)}
    latest = versions[-1].pk if versions else None
    may_revert = policy_for(model).allows(user, Action.REVERT, record)
    entries = list(TimelineEntry.objects.of(record).select_related("user"))
    rows = []
    for entry in entries:
        version = by_revision.get(entry.revision_id)
        changed = changed_labels(entry, model)
        compare_url = revert_url = ""
        if version is not None:
            if version.pk in previous and changed:  # a step that changed only a status: nothing to show
                compare_url = reverse(f"{info}_compare", args=[record.pk]) + (
                    f"?version_id1={previous[version.pk]}&version_id2={version.pk}"
                )
            # The latest revision is the record as it is: nothing to revert to.
            if may_revert and version.pk != latest:
                revert_url = reverse(f"{info}_revision", args=[record.pk, version.pk])
        rows.append({
            "entry": entry,
            "who": who(entry),
            "what": sentence(entry, model),
            "changed": changed,
            "from": state_label(entry.from_state) if entry.from_state else "",
            "to": state_label(entry.to_state) if entry.to_state else "",
            "compare_url": compare_url,
            "revert_url": revert_url,
        })
    said = {entry.revision_id: entry for entry in entries if entry.revision_id}
    choices = []
    for version in reversed(versions):
        revision = version.revision
        entry = said.get(version.revision_id)
        if entry is not None:
            what = sentence(entry, model)
        else:
            what = gettext("%(who)s saved it") % {"who": revision.user or gettext("someone")}
        choices.append((version.pk, revision.date_created, what))
    return rows, choices
