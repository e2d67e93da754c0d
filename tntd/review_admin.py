"""The back office's side of review before publication (tntd/review.py).

An Editor's save of a published record is held for review instead of going live; so is an
Editor's revert to an earlier revision. A Publisher finds the change on the admin's index,
sees the published and the proposed values side by side, and approves or rejects it; its
author may withdraw it.
"""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tntd import review
from tntd.models import PendingChange
from tntd.publishing import Status


class PendingChangeFilter(admin.SimpleListFilter):
    title = _("change waiting for review")
    parameter_name = "pending_change"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(has_pending_change=self.value() == "yes")
        return queryset


class ReviewedChangesAdmin(admin.ModelAdmin):
    """For PublishingAdmin subclasses, before django-reversion's VersionAdmin in the bases: the
    held save runs outside the revision that VersionAdmin opens, so a held change leaves no
    revision behind."""

    change_form_template = "admin/reviewed_change_form.html"

    def holds_changes(self, request, record):
        """Whether `request`'s saves of `record` wait for review rather than go live."""
        return record.status == Status.PUBLISHED and not self.has_publish_permission(request)

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

    def review_url(self, record):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_review", args=[record.pk])

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_review"
        return [path("<path:object_id>/review/", self.admin_site.admin_view(self.review_view), name=name), *super().get_urls()]

    # --- Holding an Editor's save -----------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, unquote(object_id))
        if record is None:  # the admin's own "not found"
            return super().change_view(request, object_id, form_url, extra_context)
        pending = PendingChange.objects.of(record).select_related("submitted_by").first()
        held = self.holds_changes(request, record)
        context = {**(extra_context or {}), "review": {"held": held, "pending": pending, "url": self.review_url(record)}}
        change_view = super().change_view
        if not held:
            return change_view(request, object_id, form_url, context)

        def edit_the_waiting_version():
            if pending is not None:
                try:
                    review.apply(pending, record)
                except review.ChangeNoLongerApplies as error:
                    context["review"]["broken"] = str(error)
            return change_view(request, object_id, form_url, context)

        return self.hold_for_review(request, record, edit_the_waiting_version)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        revision_view = super().revision_view
        if record is None or not self.holds_changes(request, record):
            return revision_view(request, object_id, version_id, extra_context)
        return self.hold_for_review(request, record, lambda: revision_view(request, object_id, version_id, extra_context))

    def hold_for_review(self, request, record, view):
        """Runs the admin's `view` (an edit or a revert) and rolls back all it saved, keeping
        what it would have saved as the record's pending change."""
        request.holding_for_review = True
        held = None
        with review.rolled_back():
            response = view()
            if request.method == "POST" and response.status_code == 302:
                held = review.snapshot(record)
            elif hasattr(response, "render"):
                response.render()  # now, while the held version is in the database
        request.holding_for_review = False
        if held is not None:
            self.keep_for_review(request, record, held)
        return response

    def keep_for_review(self, request, record, held):
        name = self.opts.verbose_name
        if review.proposed_fields(held) == review.proposed_fields(review.snapshot(record)):
            withdrawn, _ = PendingChange.objects.of(record).delete()
            if withdrawn:
                message = gettext(
                    "Nothing differs from the published %(name)s, so nothing waits for review: "
                    "the change that was waiting is withdrawn."
                )
            else:
                message = gettext("Nothing differs from the published %(name)s, so nothing waits for review.")
            self.message_user(request, message % {"name": name}, messages.INFO)
            return
        PendingChange.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            defaults={"snapshot": held, "submitted_by": request.user},
        )
        self.log_change(request, record, "Submitted a change for review.")
        self.message_user(
            request,
            format_html(
                gettext(
                    "Your change to the {name} “{record}” waits for a Publisher’s review. Visitors see the "
                    "published version until it is approved."
                ),
                name=name,
                record=record,
            ),
            messages.SUCCESS,
        )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "holding_for_review", False) and level == messages.SUCCESS:
            return  # the admin's "… was changed successfully" would say it went live
        super().message_user(request, message, level, *args, **kwargs)

    # --- The review page ------------------------------------------------------------------

    def review_view(self, request, object_id):
        record = self.get_object(request, unquote(object_id))
        if record is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, record):
            raise PermissionDenied
        change_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk])
        pending = PendingChange.objects.of(record).select_related("submitted_by").first()
        if pending is None:
            self.message_user(
                request,
                gettext("No change to this %(name)s waits for review.") % {"name": self.opts.verbose_name},
                messages.INFO,
            )
            return redirect(change_url)
        may_decide = self.has_publish_permission(request)
        may_withdraw = pending.submitted_by_id == request.user.pk
        if request.method == "POST":
            decision = request.POST.get("decision")
            if decision == "approve" and may_decide:
                return self.approve(request, record, pending, change_url)
            if (decision == "reject" and may_decide) or (decision == "withdraw" and may_withdraw):
                pending.delete()
                verb = "rejected" if decision == "reject" else "withdrawn"
                self.log_change(request, record, f"The change submitted by {pending.submitted_by} was {verb}.")
                if decision == "reject":
                    done = gettext("The change to “%(record)s” is rejected; the published version stays.")
                else:
                    done = gettext("The change to “%(record)s” is withdrawn; the published version stays.")
                self.message_user(request, done % {"record": record}, messages.SUCCESS)
                return redirect(change_url)
            raise PermissionDenied
        try:
            rows, broken = review.differences(pending, record, self.model_field_names(request, record)), None
        except review.ChangeNoLongerApplies as error:
            rows, broken = [], str(error)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Review the change to “%(record)s”") % {"record": record},
            "record": record,
            "pending": pending,
            "rows": rows,
            "broken": broken,
            "changed_since": record.updated_at > pending.submitted_at,
            "may_decide": may_decide,
            "may_withdraw": may_withdraw,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/review_change.html", context)

    def model_field_names(self, request, record):
        """The model fields on the change form, in its order."""
        names = []
        for name in flatten_fieldsets(self.get_fieldsets(request, record)):
            try:
                self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a read-only display, such as the photo's preview
            names.append(name)
        return names

    def approve(self, request, record, pending, change_url):
        author = pending.submitted_by or "a former user"  # stored in the history, which stays in English
        try:
            with transaction.atomic(), reversion.create_revision():
                approved = review.apply(pending, record)
                reversion.add_to_revision(approved)  # again, now with the links set after the save
                reversion.set_user(request.user)
                reversion.set_comment(f"Approved the change submitted by {author}.")
                pending.delete()
        except review.ChangeNoLongerApplies as error:
            self.message_user(
                request,
                gettext(
                    "The change cannot be approved: %(error)s Ask its author to edit the %(name)s again, "
                    "or reject the change."
                ) % {"error": error, "name": self.opts.verbose_name},
                messages.ERROR,
            )
            return redirect(request.path)
        self.log_change(request, approved, f"Approved the change submitted by {author}.")
        if approved.is_published:
            done = gettext("The change to “%(record)s” is approved. Visitors see it now.")
        else:
            done = gettext("The change to “%(record)s” is approved.")
        self.message_user(request, done % {"record": approved}, messages.SUCCESS)
        return redirect(change_url)
