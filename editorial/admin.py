"""The back office's side of the editorial workflow for events and news: the buttons of each step,
edits of published records kept for review, the review page, History, Recover and bulk actions.
It decides nothing itself: it asks the policy what to offer and the workflow to take each step."""

import datetime
from http import HTTPStatus

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from backoffice.model_admins import AuditedAdmin, PhotoAdmin, RevisionsAdmin, TranslatedAdmin
from backoffice.word_diff import diff_rows
from editorial import history, workflow
from editorial.models import Action, PendingChange, State, Subject, TimelineEntry
from editorial.my_work import my_work
from editorial.policy import NotAllowed, policy_for, state_of
from editorial.registry import publishable_models
from publishing import snapshots
from publishing.edit_conflicts import stored_version
from publishing.models import Status

# The publishing fieldset of an event's or a news item's form: where it stands (read-only: the
# buttons move it) and its publishing dates (a Publisher's).
PUBLISHING_FIELDS = ("state", "publish_at", "unpublish_at")

# The buttons of the change form: each saves the form, then takes its step.
FORM_STEPS = {
    "save": None,
    "submit": Action.SUBMIT,
    "publish": Action.PUBLISH,
    "unpublish": Action.UNPUBLISH,
}
# Bulk actions act on this many records at most: each is a step with its own revision.
BULK_LIMIT = 500


class PendingChangeFilter(admin.SimpleListFilter):
    title = _("change waiting for review")
    parameter_name = "pending_change"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(has_pending_change=self.value() == "yes")
        return queryset


class WorkflowAdmin(admin.ModelAdmin):
    """For publishable models (events, news), first in the bases of PublishedContentAdmin,
    before backoffice.model_admins.AuditedAdmin, whose form token it extends."""

    change_form_template = "admin/editorial/change_form.html"
    object_history_template = "admin/editorial/object_history.html"
    actions = ["publish", "unpublish"]

    @property
    def policy(self):
        return policy_for(self.model)

    def has_publish_permission(self, request):
        return self.policy.may_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        return self.policy.may_delete(request.user)

    # --- The list ---------------------------------------------------------------------------

    def get_queryset(self, request):
        pending = PendingChange.objects.of_model(self.model).filter(object_id=OuterRef("pk"))
        return super().get_queryset(request).annotate(has_pending_change=Exists(pending))

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), PendingChangeFilter]

    @admin.display(description=_("public"))
    def publication(self, record):
        if getattr(record, "has_pending_change", False):
            return gettext("%(publication)s · a change waits for review") % {"publication": record.publication}
        return record.publication

    # --- The form ---------------------------------------------------------------------------

    @admin.display(description=_("state"))
    def state(self, record):
        return record.publication if record.pk else gettext("New: saved as a draft")

    def get_readonly_fields(self, request, obj=None):
        readonly = (*super().get_readonly_fields(request, obj), "state")
        if not self.policy.may_publish(request.user):
            readonly = (*readonly, "publish_at", "unpublish_at")  # a Publisher's to set
        return readonly

    def version_of(self, record, lock=False):
        """The record's version and its pending change's ("7.3"): a form opened before either
        was saved is refused."""
        change = PendingChange.objects.of(record).values_list("version", flat=True).first()
        return f"{stored_version(record, lock)}.{change or 0}"

    def changes_since(self, record, opened_at):
        since = datetime.datetime.fromtimestamp(opened_at, tz=datetime.timezone.utc)
        entries = TimelineEntry.objects.of(record).filter(at__gt=since).order_by("at", "id")
        return [(entry.at, entry.actor, describe(entry, self.model)) for entry in entries]

    def offered_steps(self, request, record, change):
        """The buttons of the change form, [(step, label, is_default)], as the policy allows them."""
        user, policy = request.user, self.policy
        if record is None:
            steps = [("save", gettext("Save draft"), True)]
            if policy.may_add(user):
                steps.append(("submit", gettext("Save and submit for review"), False))
            if policy.may_publish(user):
                steps.append(("publish", gettext("Save and publish"), False))
            return steps
        if policy.holds_edits(user, record):
            steps = [("save", gettext("Save change"), True)]
            if change is None or change.state == State.DRAFT:
                steps.append(("submit", gettext("Save change and submit for review"), False))
            return steps
        steps = [("save", gettext("Save"), True)]
        if policy.allows(user, Action.SUBMIT, record):
            steps.append(("submit", gettext("Save and submit for review"), False))
        if policy.allows(user, Action.PUBLISH, record) or policy.allows(user, Action.APPROVE, record):
            steps.append(("publish", gettext("Save and publish"), False))
        if policy.allows(user, Action.UNPUBLISH, record):
            steps.append(("unpublish", gettext("Save and unpublish"), False))
        return steps

    def requested_step(self, request):
        """The step of the button pressed (its name is "_step_<step>"): "save" for none, such
        as "Save and continue editing"; None for anything else."""
        pressed = [key.removeprefix("_step_") for key in request.POST if key.startswith("_step_")]
        if not pressed:
            return "save"
        return pressed[0] if len(pressed) == 1 and pressed[0] in FORM_STEPS else None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        record = self.get_object(request, unquote(object_id)) if object_id else None
        if object_id and record is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        change = workflow.pending_change(record) if record else None
        steps = self.offered_steps(request, record, change)
        if request.method == "POST":
            step = self.requested_step(request)
            if step is None:
                return HttpResponseBadRequest("Unknown step.")
            if step not in {offered for offered, _, _ in steps}:
                raise PermissionDenied  # a forged button: nothing is saved
        context = {
            **(extra_context or {}),
            "workflow": self.workflow_context(request, record, change),
            "steps": steps,
        }
        return super().changeform_view(request, object_id, form_url, context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, unquote(object_id))
        if record is None or not self.policy.holds_edits(request.user, record):
            return super().change_view(request, object_id, form_url, extra_context)
        # Django's own change view, outside the revision django-reversion's VersionAdmin opens
        # around it: nothing kept for review becomes a revision.
        return self.hold_edits(request, record, workflow.pending_change(record), lambda: admin.ModelAdmin.change_view(
            self, request, object_id, form_url, extra_context))

    def workflow_context(self, request, record, change):
        if record is None:
            return {}
        opts = self.opts
        return {
            "held": self.policy.holds_edits(request.user, record),
            "change": change,
            "authors": list(change.authors.all()) if change else [],
            "review_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[record.pk]),
            "in_review": record.status == Status.REVIEW or (change is not None and change.state == State.REVIEW),
            "may_decide": self.policy.allows(request.user, Action.APPROVE, record, change),
            "may_withdraw": self.policy.allows(request.user, Action.WITHDRAW, record, change),
            "latest": TimelineEntry.objects.of(record).first(),
        }

    # --- Saving -------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if getattr(request, "holding_edits", False):
            self.hold_new_photo(request, obj)
        else:
            request.editorial_before = workflow.check_save(obj, request.user)
        super().save_model(request, obj, form, change)
        self.warn_of_namesakes(request, obj)

    def warn_of_namesakes(self, request, record):
        # By the English title, the one every record has, whatever language the back office speaks.
        namesakes = self.model._default_manager.filter(title_en__iexact=record.title_en).exclude(pk=record.pk)
        for namesake in namesakes[:3]:
            url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[namesake.pk])
            messages.warning(request, format_html(
                gettext('Another {name} has the same title: <a href="{url}">{record}</a>. '
                        "Check that this is not a duplicate."),
                name=self.opts.verbose_name, url=url, record=namesake,
            ))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, "holding_edits", False):
            return
        record = form.instance
        workflow.saved(record, request.user, request.editorial_before)
        step = self.requested_step(request)
        done = {
            "submit": lambda: workflow.submit(record, request.user),
            "publish": lambda: workflow.publish(record, request.user, at=record.publish_at),
            "unpublish": lambda: workflow.unpublish(record, request.user),
        }.get(step)
        if done is not None:
            done()
            record.refresh_from_db()
            self.message_user(request, step_message(step, record, self.opts), messages.SUCCESS)

    def hold_new_photo(self, request, record):
        """In a change kept for review, a newly chosen photo is held apart (photos.models.held_photos),
        never written where the public site serves files; the change names the live photo."""
        if record.photo and not record.photo._committed:
            request.held_upload = record.photo.file
            stored = type(record)._default_manager.filter(pk=record.pk).values_list("photo", flat=True).first()
            record.photo = stored or ""

    def hold_edits(self, request, record, change, view):
        """Runs the admin's form `view` on the waiting version of the record (the pending
        change, or the live record) and rolls back all it saved, keeping what it would have
        saved as the record's pending change. The record's and the change's rows are locked
        first, in the transaction that keeps the change: a second save from a form opened
        before waits for this one, then finds its token stale."""
        with transaction.atomic():
            if request.method == "POST":
                record, change = workflow.locked(record), workflow.pending_change(record, lock=True)
            request.holding_edits, request.held_upload = True, None
            kept = None
            with snapshots.rolled_back():
                if change is not None:
                    show_waiting_version(record, change)
                response = view()
                if request.method == "POST" and response.status_code == HTTPStatus.FOUND:
                    kept = snapshots.snapshot(record)
                elif hasattr(response, "render"):
                    response.render()  # now, while the waiting version is in the database
            request.holding_edits = False
            if kept is not None:
                return self.keep_change(request, record, kept, response)
            return response

    def keep_change(self, request, record, kept, response):
        try:
            change = workflow.keep_change(
                record, request.user, kept, photo=request.held_upload, submit=self.requested_step(request) == "submit"
            )
        except workflow.NothingToDo as nothing:
            self.message_user(request, str(nothing), messages.WARNING)
            return redirect(request.path)
        name = self.opts.verbose_name
        if change is None:
            message = gettext("Nothing differs from the published %(name)s, so nothing waits for review.")
            self.message_user(request, message % {"name": name}, messages.INFO)
        elif change.state == State.REVIEW:
            self.log_change(request, record, "Submitted a change for review.")
            self.message_user(request, format_html(
                gettext("Your change to the {name} “{record}” waits for a Publisher’s review. Visitors see the "
                        "published version until it is approved."), name=name, record=record), messages.SUCCESS)
        else:
            self.log_change(request, record, "Saved a change for review.")
            self.message_user(request, format_html(
                gettext("Your change to the {name} “{record}” is saved, not yet submitted: submit it when it is "
                        "ready for a Publisher’s review."), name=name, record=record), messages.SUCCESS)
        return response

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "holding_edits", False) and level == messages.SUCCESS:
            return  # the admin's "… was changed successfully" would say it went live
        super().message_user(request, message, level, *args, **kwargs)

    # --- The review page ----------------------------------------------------------------------

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<path:object_id>/review/", self.admin_site.admin_view(self.review_view), name=f"{info}_review"),
            *super().get_urls(),
        ]

    def review_view(self, request, object_id):
        record = self.get_object(request, unquote(object_id))
        if record is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, record):
            raise PermissionDenied
        change_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk])
        change = workflow.pending_change(record)
        if change is None and record.status != Status.REVIEW:
            self.message_user(request, gettext("Nothing about this %(name)s waits for review.") % {
                "name": self.opts.verbose_name}, messages.INFO)
            return redirect(change_url)
        error = None
        if request.method == "POST":
            if self.to_confirm(request, record, change):
                return self.reject_confirmation(request, record, change, change_url)
            error = self.decide(request, record)
            if error is None:
                return redirect(change_url)
            record = self.get_object(request, unquote(object_id))
            change = workflow.pending_change(record)
        names = self.content_field_names(request, record)
        try:
            if change is not None:
                rows = snapshots.differences(change.snapshot, record, names)
            else:
                shown = snapshots.displayed(record, [name for name in names if name not in snapshots.NOT_CONTENT])
                rows = [(record._meta.get_field(name).verbose_name, "", value) for name, value in shown.items()
                        if value not in ("", "—")]
            broken = None
        except snapshots.ChangeNoLongerApplies as reason:
            rows, broken = [], str(reason)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Review “%(record)s”") % {"record": record},
            "record": record,
            "change": change,
            "authors": list(change.authors.all()) if change else [],
            "submitted": TimelineEntry.objects.of(record).filter(action=Action.SUBMIT).select_related("user").first(),
            "rows": rows,
            "diffs": diff_rows(rows) if change is not None else None,  # the words it changes, highlighted
            "broken": broken,
            "error": error,
            "changed_since": change is not None and record.version != change.base_version,
            "seen_version": change.version if change else record.version,
            "may_decide": self.policy.allows(request.user, Action.APPROVE, record, change),
            "may_withdraw": self.policy.allows(request.user, Action.WITHDRAW, record, change),
            "change_url": change_url,
            "held_photo_url": held_photo_url(change),
        }
        return TemplateResponse(request, "admin/editorial/review.html", context)

    def to_confirm(self, request, record, change):
        """Whether the POST is a rejection, with its reason, not yet confirmed: a rejection
        throws a change away, so the page asks first (without JavaScript: a page of its own)."""
        return (
            request.POST.get("decision") == "reject"
            and request.POST.get("note", "").strip()
            and request.POST.get("confirmed") != "yes"
            and self.policy.allows(request.user, Action.REJECT, record, change)
        )

    def reject_confirmation(self, request, record, change, change_url):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": (gettext("Reject the change to “%(record)s”?") if change else gettext("Reject “%(record)s”?")) % {
                "record": record},
            "record": record,
            "change": change,
            "authors": list(change.authors.all()) if change else workflow.submitters(record),
            "note": request.POST["note"].strip(),
            "seen_version": request.POST.get("seen_version", ""),
            "change_url": change_url,
            "review_url": request.path,
        }
        return TemplateResponse(request, "admin/editorial/reject_confirmation.html", context)

    def decide(self, request, record):
        """Takes the decision posted on the review page; returns an error to show, or None."""
        decision, note = request.POST.get("decision"), request.POST.get("note", "").strip()
        try:
            seen = int(request.POST.get("seen_version", ""))
        except ValueError:
            seen = None
        steps = {
            "approve": lambda: workflow.approve(record, request.user, note, seen_version=seen),
            "reject": lambda: workflow.reject(record, request.user, note),
            "send_back": lambda: workflow.send_back(record, request.user, note),
            "withdraw": lambda: workflow.withdraw(record, request.user),
        }
        if decision not in steps:
            raise PermissionDenied
        if decision in ("reject", "send_back") and not note:
            return gettext("Say why, in a few words: the authors read it.")
        try:
            done = steps[decision]()
        except NotAllowed as refused:
            raise PermissionDenied from refused
        except workflow.Conflict:
            return gettext("It was edited after you opened this page: look at it again before deciding.")
        except snapshots.ChangeNoLongerApplies as reason:
            return gettext("The change cannot be approved: %(reason)s Reject it, or ask its authors to edit the "
                           "%(name)s again.") % {"reason": reason, "name": self.opts.verbose_name}
        self.log_change(request, done, f"{workflow.in_english(Action(decision).label)}." + (f" {note}" if note else ""))
        self.message_user(request, decision_message(decision, done), messages.SUCCESS)
        return None

    # --- History, revert, recover, delete -------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        entries, versions = [], []
        if record is not None:
            entries, versions = history.timeline(record, self.model, self.opts, request.user)
        context = {"timeline": entries, "versions": versions, "compare_url": (
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_compare", args=[record.pk]) if record else "")}
        return super().history_view(request, object_id, {**(extra_context or {}), **context})

    def revert_label(self, request, record):
        if self.policy.holds_edits(request.user, record):
            return gettext("Submit this version for review")
        return gettext("Revert to this version")

    def revert(self, request, record, version):
        try:
            result = workflow.revert(record, version, request.user)
        except NotAllowed as refused:
            raise PermissionDenied from refused
        except (workflow.Conflict, snapshots.ChangeNoLongerApplies) as reason:
            self.message_user(request, str(reason), messages.ERROR)
            return redirect(request.path)
        change_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk])
        if isinstance(result, PendingChange):
            self.log_change(request, record, "Submitted a revert for review.")
            self.message_user(request, gettext("Reverting waits for a Publisher’s review: visitors see the "
                                               "published version until it is approved."), messages.SUCCESS)
        else:
            self.log_change(request, record, f"Reverted to {workflow.revision_label(version)}.")
            self.message_user(request, gettext("“%(record)s” is back to that version.") % {"record": result},
                              messages.SUCCESS)
        return redirect(change_url)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id, content_type=ContentType.objects.get_for_model(self.model))
        if not self.policy.allows(request.user, Action.RECOVER):
            raise PermissionDenied
        as_it_was = self.policy.may_publish(request.user)
        if request.method == "POST":
            try:
                record = workflow.recover(version, request.user)
            except (workflow.NothingToDo, snapshots.ChangeNoLongerApplies) as reason:
                self.message_user(request, str(reason), messages.ERROR)
                return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_recoverlist"))
            self.log_change(request, record, "Recovered.")
            self.message_user(request, gettext("“%(record)s” is recovered: %(state)s.") % {
                "record": record, "state": record.publication}, messages.SUCCESS)
            return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Recover “%(record)s”?") % {"record": version.object_repr},
            "version": version,
            "as_it_was": as_it_was,
        }
        return TemplateResponse(request, "admin/editorial/recover.html", context)

    def get_deleted_objects(self, objs, request):
        # A record's pending change goes with it (the workflow discards it): no permission of its own.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, perms_needed - {PendingChange._meta.verbose_name}, protected

    def delete_model(self, request, obj):
        workflow.delete(obj, request.user)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            workflow.delete(record, request.user)

    # --- Bulk actions -----------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        # Not in one revision for the whole list (django-reversion's VersionAdmin): each
        # record a bulk action changes is a step with a revision of its own.
        context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        return super(VersionAdmin, self).changelist_view(request, context)

    def bulk_step(self, request, queryset, action):
        """Asks first, listing what would change; then takes `action` on each record through
        the workflow, which the policy checks for each."""
        target = Status.PUBLISHED if action == Action.PUBLISH else Status.UNPUBLISHED
        changing = queryset.exclude(status=target) if action == Action.PUBLISH else queryset.filter(status=Status.PUBLISHED)
        count = changing.count()
        if request.POST.get("confirmed") == "yes" and count <= BULK_LIMIT:
            step = workflow.publish if action == Action.PUBLISH else workflow.unpublish
            done = 0
            for record in changing:
                with transaction.atomic():
                    step(record, request.user)
                    self.log_change(request, record, f"{workflow.in_english(action.label)} (bulk action).")
                done += 1
            self.message_user(request, bulk_wording(action, done, self.opts)["done"], messages.SUCCESS)
            return None
        wording = bulk_wording(action, count, self.opts)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": wording["title"],
            "question": wording["question"],
            "nothing": wording["nothing"],
            "too_many": count > BULK_LIMIT and gettext(
                "That is more than %(limit)s at once: narrow the list with its filters first."
            ) % {"limit": BULK_LIMIT},
            "records": changing[:100],
            "count": count,
            "action": "publish" if action == Action.PUBLISH else "unpublish",
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "confirm_label": wording["confirm"],
            "back_url": request.get_full_path(),
        }
        return TemplateResponse(request, "admin/confirm_publishing.html", context)

    @admin.action(description=_("Publish the selected %(verbose_name_plural)s"), permissions=["publish"])
    def publish(self, request, queryset):
        return self.bulk_step(request, queryset, Action.PUBLISH)

    @admin.action(description=_("Unpublish the selected %(verbose_name_plural)s"), permissions=["publish"])
    def unpublish(self, request, queryset):
        return self.bulk_step(request, queryset, Action.UNPUBLISH)


class PublishedContentAdmin(WorkflowAdmin, RevisionsAdmin, PhotoAdmin, AuditedAdmin, TranslatedAdmin):
    """Events and news: the editorial workflow, revisions, a photo, and their text in every
    language."""


def show_waiting_version(record, change):
    """Puts the pending change in the database in place of the live record (in a transaction
    the caller rolls back), keeping the live version number, which the form's token names."""
    try:
        snapshots.restore(change.snapshot, record)
    except snapshots.ChangeNoLongerApplies:
        return  # the form shows the live record; the review page says why
    type(record)._default_manager.filter(pk=record.pk).update(version=record.version)
    record.refresh_from_db()


def held_photo_url(change):
    if change is None or not change.held_photo:
        return ""
    return reverse("admin:editorial_pendingchange_photo", args=[change.pk])


def describe(entry, model):
    """What a timeline entry says happened, with the fields it changed."""
    text = str(entry.get_action_display())
    if entry.subject == Subject.CHANGE:
        text = {
            Action.EDIT: gettext("Saved a change to the published version"),
            Action.REVERT: gettext("Proposed to revert the published version"),
            Action.SUBMIT: gettext("Submitted a change for review"),
            Action.APPROVE: gettext("Approved a change: it is live"),
            Action.REJECT: gettext("Rejected a change"),
            Action.SEND_BACK: gettext("Sent a change back to its authors"),
            Action.WITHDRAW: gettext("Withdrew a change"),
            Action.DELETE: gettext("Discarded a change with the record"),
        }.get(entry.action, text)
    if entry.changed_fields:
        labels = []
        for name in entry.changed_fields:
            try:
                labels.append(str(model._meta.get_field(name).verbose_name))
            except Exception:  # a field removed since
                labels.append(name)
        text = gettext("%(step)s: %(fields)s") % {"step": text, "fields": ", ".join(labels)}
    return text


def step_message(step, record, opts):
    name = opts.verbose_name
    if step == "submit":
        if record.status == Status.REVIEW:
            return gettext("The %(name)s is submitted: Publishers find it under “Waiting for review”.") % {"name": name}
        return gettext("Your change is submitted: Publishers find it under “Waiting for review”.")
    if step == "publish":
        if state_of(record) == State.SCHEDULED:
            return gettext("The %(name)s is scheduled: %(publication)s.") % {"name": name, "publication": record.publication}
        return gettext("The %(name)s is published: visitors see it now.") % {"name": name}
    return gettext("The %(name)s is unpublished: visitors no longer see it.") % {"name": name}


def decision_message(decision, record):
    return {
        "approve": gettext("Approved: “%(record)s” is %(publication)s."),
        "reject": gettext("Rejected: its authors are told why."),
        "send_back": gettext("Sent back to its authors with your note."),
        "withdraw": gettext("Withdrawn."),
    }[decision] % {"record": record, "publication": record.publication.lower() if hasattr(record, "publication") else ""}


def bulk_wording(action, count, opts):
    """What the publish or unpublish action says about `count` records of this model: whole
    sentences, so that each language can say them its own way."""
    name, plural = opts.verbose_name, opts.verbose_name_plural
    # `names` is the model's name as English counts it ("1 event", "0 events"); a language with
    # other plural rules chooses its own forms around it (ngettext).
    values = {"count": count, "name": name, "plural": plural, "names": name if count == 1 else plural}
    if action == Action.PUBLISH:
        wording = {
            "done": ngettext("%(count)d %(names)s published.", "%(count)d %(names)s published.", count),
            "title": gettext("Publish %(count)s %(names)s?"),
            "question": gettext("This %(name)s will be published:") if count == 1 else ngettext(
                "These %(count)s %(plural)s will be published at once:",
                "These %(count)s %(plural)s will be published at once:",
                count,
            ),
            "nothing": gettext("None of the selected %(plural)s would change: they are all published already."),
            "confirm": gettext("Yes, publish %(count)s %(names)s"),
        }
    else:
        wording = {
            "done": ngettext("%(count)d %(names)s unpublished.", "%(count)d %(names)s unpublished.", count),
            "title": gettext("Unpublish %(count)s %(names)s?"),
            "question": gettext("This %(name)s will be unpublished:") if count == 1 else ngettext(
                "These %(count)s %(plural)s will be unpublished at once:",
                "These %(count)s %(plural)s will be unpublished at once:",
                count,
            ),
            "nothing": gettext("None of the selected %(plural)s would change: none of them is published."),
            "confirm": gettext("Yes, unpublish %(count)s %(names)s"),
        }
    return {key: text % values for key, text in wording.items()}


# --- Changes waiting, and one's own work ---------------------------------------------------------


class WrittenByTheWorkflow(admin.ModelAdmin):
    """A read-only list: only the workflow writes these rows."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PendingChange)
class PendingChangeAdmin(WrittenByTheWorkflow):
    """Changes to published records: a read-only list, each row leading to its review page;
    for anyone who may edit events or news. Also the page "My work" and held photos."""

    list_display = ["record_link", "state", "authors_list", "submitted_by", "submitted_at", "saved_at"]
    list_filter = ["state", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["submitted_by", "content_type"]
    ordering = ["-saved_at"]

    def editable_models(self, request):
        return [model for model in publishable_models() if policy_for(model).may_edit(request.user)]

    def has_module_permission(self, request):
        return bool(self.editable_models(request))

    def has_view_permission(self, request, obj=None):
        return bool(self.editable_models(request))

    def get_queryset(self, request):
        models = self.editable_models(request)
        types = ContentType.objects.get_for_models(*models).values() if models else []
        return super().get_queryset(request).filter(content_type__in=types).prefetch_related("authors")

    @admin.display(description=_("record"))
    def record_link(self, change):
        opts = change.content_type.model_class()._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[change.object_id])
        return format_html('<a href="{}">{}</a>', url, change.record or change.object_id)

    @admin.display(description=_("authors"))
    def authors_list(self, change):
        return ", ".join(author.get_username() for author in change.authors.all())

    def get_urls(self):
        return [
            path("mine/", self.admin_site.admin_view(self.my_work_view), name="editorial_my_work"),
            path("<int:change_id>/photo/", self.admin_site.admin_view(self.photo_view), name="editorial_pendingchange_photo"),
            *super().get_urls(),
        ]

    def my_work_view(self, request):
        """The user's drafts and records in review, their changes waiting, and what Publishers
        decided about their work lately, with the notes."""
        work = my_work(request.user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("My work"),
            "records": [
                (model._meta.verbose_name_plural, [(record, admin_url(model, "change", record.pk)) for record in listed])
                for model, listed in work["records"]
            ],
            "changes": [(change, admin_url(change.content_type.model_class(), "review", change.object_id))
                        for change in work["changes"]],
            "decisions": [(entry, admin_url(entry.content_type.model_class(), "change", entry.object_id))
                          for entry in work["decisions"]],
            "change_subject": Subject.CHANGE,
        }
        return TemplateResponse(request, "admin/editorial/my_work.html", context)

    def photo_view(self, request, change_id):
        """A held photo, for staff who may see its record: never from a public address."""
        change = get_object_or_404(PendingChange, pk=change_id)
        model = change.content_type.model_class()
        if not policy_for(model).may_view(request.user):
            raise PermissionDenied
        if not change.held_photo:
            raise Http404
        response = FileResponse(change.held_photo.open("rb"), content_type=guess_image_type(change.held_photo.name))
        response["Cache-Control"] = "private, no-store"
        response["Content-Disposition"] = "inline"
        return response


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def guess_image_type(name):
    extension = name.rsplit(".", 1)[-1].lower()
    return {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(
        extension, "application/octet-stream"
    )


@admin.register(TimelineEntry)
class TimelineEntryAdmin(WrittenByTheWorkflow):
    """Every step of the workflow: who did what to which record, and why."""

    list_display = ["at", "object_repr", "action", "subject", "actor", "from_state", "to_state", "note"]
    list_filter = ["action", "subject", ("content_type", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["object_repr", "actor", "note"]
    date_hierarchy = "at"
