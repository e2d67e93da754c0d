"""The lists of the admin's home page: "My drafts", "Waiting for my review", "Recently published"
and recent changes, of what the policy lets the user see. Each list is one UNION ALL query of a
SELECT per model, so that it costs one query whatever its rows and models."""

import dataclasses
import datetime
import functools
import operator

from django.db.models import CharField, Count, DateTimeField, Exists, F, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce
from django.urls import reverse

from editorial.models import Action, PendingChange, State, Subject, TimelineEntry
from editorial.policy import policy_for
from editorial.registry import publishable_models
from publishing.models import Status
from translations.fields import DEFAULT, active_language, column, languages

CANDIDATE_STEPS = 4  # "Recently published" reads the records of the latest LISTED × 4 publishing steps
LISTED = 8  # per list: the home page's lists are short; each heading links to the whole list

# The kinds of rows, as the lists tell them apart.
RECORD, CHANGE = "record", "change"


@dataclasses.dataclass
class Row:
    """One line of a list: a record (or its change waiting), a link, who and when."""

    model: type
    pk: int
    title: str
    url: str
    kind: str
    who: str | None
    at: datetime.datetime | None
    total: int = 0
    record: object = dataclasses.field(default=None, repr=False)  # "Recently published": where it stands

    @property
    def name(self):
        return self.model._meta.verbose_name

    @property
    def is_change(self):
        return self.kind == CHANGE


def key_of(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def titles(model):
    """The title's columns, one per language (title_en, title_ru)."""
    return [column("title", language) for language in languages()]


def selected(queryset, model, kind, *, at, who, extra=()):
    """The columns every SELECT of a list has, in one order: the record's id and titles, the row's
    model and kind, when and by whom, then `extra` (the same names in each SELECT)."""
    return queryset.order_by().annotate(
        row_model=Value(key_of(model), output_field=CharField()),
        row_kind=Value(kind, output_field=CharField()),
        row_at=at,
        row_who=who,
    ).values("pk", *titles(model), "row_model", "row_kind", "row_at", "row_who", *extra)


def run(selects, order, limit=LISTED):
    """The SELECTs as one query, UNION ALL, `order`ed, at most `limit` rows, as dicts."""
    if not selects:
        return []
    first, *others = selects
    combined = first.union(*others, all=True) if others else first
    return list(combined.order_by(order)[:limit])


def rows_of(found, view, **extra):
    models = {key_of(model): model for model in publishable_models()}
    language = active_language()
    rows = []
    for values in found:
        model = models[values["row_model"]]
        title = values.get(column("title", language)) or values[column("title", DEFAULT)]
        opts = model._meta
        rows.append(Row(
            model=model, pk=values["pk"], title=title, kind=values["row_kind"], who=values["row_who"],
            at=values["row_at"], total=values.get("row_total", 0),
            url=reverse(f"admin:{opts.app_label}_{opts.model_name}_{view(values)}", args=[values["pk"]]),
            **{name: make(model, values) for name, make in extra.items()},
        ))
    return rows


def my_drafts(user, limit=LISTED):
    """The user's drafts: the records they created or last saved that are drafts, and their
    changes to published records not yet submitted; latest saved first."""
    selects = []
    for model in publishable_models():
        if not policy_for(model).may_edit(user):
            continue
        records = model._default_manager.filter(Q(created_by=user) | Q(updated_by=user), status=Status.DRAFT)
        selects.append(selected(records, model, RECORD, at=F("updated_at"), who=Value("", output_field=CharField())))
        changes = PendingChange.objects.of_model(model).filter(object_id=OuterRef("pk"), state=State.DRAFT, authors=user)
        selects.append(selected(
            model._default_manager.filter(Exists(changes)), model, CHANGE,
            at=Subquery(changes.values("saved_at")[:1]), who=Value("", output_field=CharField()),
        ))
    return rows_of(run(selects, "-row_at", limit), lambda values: "change")


def waiting_for_review(user, limit=LISTED):
    """What the user may decide: records submitted for publication and changes to published
    records submitted for review, oldest first, each kind with its count (a window over its
    SELECT, so still one query)."""
    selects = []
    for model in publishable_models():
        if not policy_for(model).may_publish(user):
            continue
        submits = TimelineEntry.objects.of_model(model).filter(
            object_id=OuterRef("pk"), action=Action.SUBMIT, subject=Subject.RECORD
        ).order_by("-at", "-id")
        records = model._default_manager.filter(status=Status.REVIEW).annotate(row_total=Window(Count("pk")))
        selects.append(selected(
            records, model, RECORD, at=Subquery(submits.values("at")[:1]), who=Subquery(submits.values("actor")[:1]),
            extra=["row_total"],
        ).order_by("row_at")[:limit])
        changes = PendingChange.objects.of_model(model).filter(object_id=OuterRef("pk"), state=State.REVIEW)
        waiting = model._default_manager.filter(Exists(changes)).annotate(row_total=Window(Count("pk")))
        selects.append(selected(
            waiting, model, CHANGE, at=Subquery(changes.values("submitted_at")[:1]),
            who=Subquery(changes.values("submitted_by__username")[:1]), extra=["row_total"],
        ).order_by("row_at")[:limit])
    return rows_of(run(selects, "row_at", limit * len(selects)), lambda values: "review")


def waiting_lists(user, limit=LISTED):
    """[(model, kind, total, rows)]: the rows of `waiting_for_review` by model and kind, in the
    order of the models, records first."""
    lists = {}
    for row in waiting_for_review(user, limit):
        lists.setdefault((row.model, row.kind), []).append(row)
    order = {model: position for position, model in enumerate(publishable_models())}
    return [
        (model, kind, rows[0].total, rows)
        for (model, kind), rows in sorted(lists.items(), key=lambda item: (order[item[0][0]], item[0][1] != RECORD))
    ]


def recently_published(user, limit=LISTED):
    """Published records the user may see, latest first: by their last publishing step (published,
    or approved), or by their last save for those no step published (imported). Only the records
    of the latest such steps, and the last saved few, are candidates: not every record ever
    published, whose latest step would each be looked up and sorted."""
    selects = []
    for model in publishable_models():
        if not policy_for(model).may_view(user):
            continue
        steps = TimelineEntry.objects.of_model(model).filter(action__in=[Action.PUBLISH, Action.APPROVE])
        latest_step = steps.filter(object_id=OuterRef("pk")).order_by("-at", "-id")
        published = model._default_manager.filter(status=Status.PUBLISHED)
        candidates = published.filter(
            # Several steps may be one record's: more steps than rows wanted.
            Q(pk__in=steps.order_by("-at", "-id").values("object_id")[: limit * CANDIDATE_STEPS])
            | Q(pk__in=published.order_by("-updated_at").values("pk")[:limit])
        )
        selects.append(selected(
            candidates, model, RECORD,
            at=Coalesce(Subquery(latest_step.values("at")[:1]), F("updated_at"), output_field=DateTimeField()),
            who=Subquery(latest_step.values("actor")[:1]), extra=["status", "publish_at", "unpublish_at"],
        ))
    return rows_of(run(selects, "-row_at", limit), lambda values: "change", record=lambda model, values: model(
        pk=values["pk"], status=values["status"], publish_at=values["publish_at"], unpublish_at=values["unpublish_at"],
    ))


def recent_changes(user, limit=10):
    """The latest steps on the timelines of the records the user may see, whoever took them."""
    seen = [
        Q(content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name)
        for model in publishable_models()
        if policy_for(model).may_view(user)
    ]
    if not seen:
        return []
    either = functools.reduce(operator.or_, seen)
    return list(TimelineEntry.objects.filter(either).select_related("content_type", "user").order_by("-at", "-id")[:limit])
