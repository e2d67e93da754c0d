"""The editorial workflow in the back office (editorial/admin.py): the buttons of the change
form, changes to published records kept for review, the review page, History and Recover, bulk
actions, and two people saving at once. Every path goes through the workflow
(editorial/workflow.py); the public sees nothing that a Publisher has not approved."""

import datetime
import re
import threading

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection as db_connection
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from activities.models import DatePrecision, Event
from editorial.models import Action, PendingChange, State, TimelineEntry
from news.models import NewsItem
from organisation.models import Budget, Country, Department
from publishing.models import Status
from tests import factories
from tests.public_surfaces import everywhere, surfaces_showing
from tests.test_admin import admin_url, event_form_data, news_form_data, opened_form_token, post_change, user_in_group
from tests.test_admin_home import waiting_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_event():
    theme = factories.ThemeFactory(name="Border security and management")
    # As tests.test_admin.event_form_data posts it, but for the summary.
    return factories.EventFactory(
        title="Workshop on border checks",
        slug="workshop-on-border-checks",
        start_date=datetime.date(2027, 3, 1),
        date_precision=DatePrecision.MONTH,
        venue_city="Vienna",
        venue_country=Country.objects.get(code="AT"),
        summary="The published summary.",
        themes=[theme],
    )


def form_of(event, **changes):
    """The event's change form as posted, with `changes`."""
    return event_form_data(
        start_date="2027-03-01", **{"themes": [theme.pk for theme in event.themes.all()], **changes}
    )


def edit(client, user, event, step=None, **changes):
    client.force_login(user)
    return post_change(client, event, form_of(event, **changes), step)


def review(client, user, record, decision, note="", **extra):
    """Posts a decision on the review page; a rejection as its confirmation page posts it
    (confirmed), unless `confirmed` is given."""
    client.force_login(user)
    if decision == "reject":
        extra.setdefault("confirmed", "yes")
    return client.post(admin_url(type(record), "review", record.pk), {"decision": decision, "note": note, **extra})


# --- Changes to a published record ------------------------------------------------------------


def test_an_editors_edit_of_a_published_event_is_kept_for_review_and_visitors_see_the_published_version(
    client, editor, published_event
):
    response = edit(client, editor, published_event, summary="A proposed summary.")
    assert response.status_code == 302
    change = PendingChange.objects.get()
    assert (change.state, list(change.authors.all())) == (State.DRAFT, [editor])
    published_event.refresh_from_db()
    assert published_event.summary == "The published summary."
    assert surfaces_showing(client, published_event, "A proposed summary.") == set()
    assert surfaces_showing(client, published_event) == everywhere(published_event)
    assert not Version.objects.get_for_object(published_event).exists()  # no revision of what is not live

    # The Editor, coming back, goes on with the waiting version, and submits it.
    client.force_login(editor)
    form = client.get(admin_url(Event, "change", published_event.pk))
    assert form.context["adminform"].form.initial["summary_en"] == "A proposed summary."
    assert [step for step, _, _ in form.context["steps"]] == ["save", "submit"]
    assert edit(client, editor, published_event, step="submit", summary="A proposed summary.").status_code == 302
    change.refresh_from_db()
    assert change.state == State.REVIEW
    published_event.refresh_from_db()
    assert published_event.summary == "The published summary."
    assert [entry.action for entry in TimelineEntry.objects.of(published_event).order_by("at", "id")] == [
        Action.EDIT, Action.SUBMIT  # saved again as it waited: nothing new to keep, only its submission
    ]


def test_a_publisher_compares_the_values_side_by_side_and_approves(client, editor, publisher, published_event):
    other_theme = factories.ThemeFactory(name="Cybersecurity")
    edit(client, editor, published_event, step="submit", summary="A proposed summary.", themes=[other_theme.pk],
         title="Border checks workshop")

    client.force_login(publisher)
    index = client.get(reverse("admin:index"))
    assert waiting_counts(index)[admin_url(Event, "changelist") + "?pending_change=yes"] == ["1"]
    page = client.get(admin_url(Event, "review", published_event.pk))
    rows = {label: (before, after) for label, before, after in page.context["rows"]}
    assert rows == {
        "title [en]": ("Workshop on border checks", "Border checks workshop"),
        "themes": ("Border security and management", "Cybersecurity"),
        "summary [en]": ("The published summary.", "A proposed summary."),
    }
    published_event.refresh_from_db()
    assert published_event.title == "Workshop on border checks"  # looking changed nothing

    response = review(client, publisher, published_event, "approve", seen_version=page.context["seen_version"])
    assert response.status_code == 302
    published_event.refresh_from_db()
    assert (published_event.title, published_event.summary) == ("Border checks workshop", "A proposed summary.")
    assert list(published_event.themes.all()) == [other_theme]
    assert published_event.status == Status.PUBLISHED
    assert surfaces_showing(client, published_event, "A proposed summary.") >= {"page", "csv", "json", "api record"}
    assert not PendingChange.objects.exists()
    version = Version.objects.get_for_object(published_event).get()
    assert version.revision.user == publisher
    assert version.field_dict["themes"] == [other_theme.pk]
    entry = TimelineEntry.objects.of(published_event).first()
    assert (entry.action, entry.user, entry.revision_id) == (Action.APPROVE, publisher, version.revision_id)


def test_an_editors_forged_approval_is_refused(client, editor, published_event):
    edit(client, editor, published_event, step="submit", summary="A proposed summary.")
    assert review(client, editor, published_event, "approve").status_code == 403
    published_event.refresh_from_db()
    assert published_event.summary == "The published summary."
    assert PendingChange.objects.exists()


def test_a_forged_button_saves_nothing(client, editor, published_event):
    """An Editor's form offers no Publish button; a POST that presses it anyway is refused
    before anything is saved."""
    draft = factories.EventFactory(status=Status.DRAFT, slug="a-draft", title="A draft")
    client.force_login(editor)
    response = post_change(client, draft, event_form_data(slug="a-draft", title="Renamed"), step="publish")
    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("A draft", Status.DRAFT)
    response = edit(client, editor, published_event, step="unpublish", summary="Gone?")
    assert response.status_code == 403
    assert not PendingChange.objects.exists()


def test_a_rejection_needs_a_reason_and_tells_the_authors(client, editor, publisher, published_event,
                                                          django_capture_on_commit_callbacks):
    edit(client, editor, published_event, step="submit", summary="A proposed summary.")
    page = review(client, publisher, published_event, "reject", note="")
    assert page.status_code == 200 and page.context["error"]
    assert PendingChange.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert review(client, publisher, published_event, "reject", note="Not in our remit.").status_code == 302
    assert not PendingChange.objects.exists()
    published_event.refresh_from_db()
    assert published_event.summary == "The published summary."
    (message,) = mail.outbox
    assert message.to == [editor.email] and "Not in our remit." in message.body
    entry = TimelineEntry.objects.of(published_event).first()
    assert (entry.action, entry.note) == (Action.REJECT, "Not in our remit.")


def test_a_change_sent_back_shows_its_note_to_its_authors(client, editor, publisher, published_event):
    edit(client, editor, published_event, step="submit", summary="A proposed summary.")
    review(client, publisher, published_event, "send_back", note="Name the venue, please.")
    change = PendingChange.objects.get()
    assert (change.state, change.note) == (State.DRAFT, "Name the venue, please.")
    client.force_login(editor)
    form = client.get(admin_url(Event, "change", published_event.pk))
    assert form.context["workflow"]["change"].note == "Name the venue, please."
    mine = client.get(reverse("admin:editorial_my_work"))
    assert [entry.note for entry, _ in mine.context["decisions"]] == ["Name the venue, please."]


def test_only_its_sole_author_may_withdraw_a_change(client, editor, other_editor, published_event):
    edit(client, editor, published_event, step="submit", summary="A proposed summary.")
    assert review(client, other_editor, published_event, "withdraw").status_code == 403
    assert review(client, editor, published_event, "withdraw").status_code == 302
    assert not PendingChange.objects.exists()


def test_a_second_editor_builds_on_the_first_editors_change_and_both_are_credited(
    client, editor, other_editor, published_event
):
    edit(client, editor, published_event, summary="The first editor's summary.")
    client.force_login(other_editor)
    form = client.get(admin_url(Event, "change", published_event.pk))
    assert form.context["adminform"].form.initial["summary_en"] == "The first editor's summary."
    edit(client, other_editor, published_event, summary="The first editor's summary.", venue_city="Bishkek")
    change = PendingChange.objects.get()
    assert set(change.authors.all()) == {editor, other_editor}
    assert review(client, editor, published_event, "withdraw").status_code == 403  # not only theirs now


def test_a_second_editors_stale_form_does_not_replace_the_first_editors_change(
    client, editor, other_editor, published_event
):
    """Two Editors open the published event; the first saves a new title; the second, from the
    form opened earlier, saves a new venue city: refused, with what changed, and nothing lost."""
    first, second = client, client.__class__()
    first.force_login(editor)
    second.force_login(other_editor)
    token_first, token_second = opened_form_token(first, published_event), opened_form_token(second, published_event)
    url = admin_url(Event, "change", published_event.pk)
    assert first.post(url, {**form_of(published_event, title="Border checks workshop"), "edit_token": token_first}).status_code == 302

    response = second.post(url, {**form_of(published_event, venue_city="Bishkek"), "edit_token": token_second})
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.conflict is not None
    assert [who for _, who, _ in form.conflict.steps] == ["editors"]
    assert ("title [en]", "Border checks workshop", "Workshop on border checks") in form.conflict.differences
    assert form["venue_city_en"].value() == "Bishkek"  # what they typed, kept
    change = PendingChange.objects.get()
    assert list(change.authors.all()) == [editor]
    assert "Border checks workshop" in change.snapshot and "Bishkek" not in change.snapshot

    # Saving again, now knowingly, from the form as it came back.
    data = {**form_of(published_event, venue_city="Bishkek"), "edit_token": form["edit_token"].value()}
    assert second.post(url, data).status_code == 302
    change.refresh_from_db()
    assert set(change.authors.all()) == {editor, other_editor}


def test_two_people_saving_the_same_draft_never_lose_each_others_work(client, editor, other_editor):
    draft = factories.EventFactory(status=Status.DRAFT, slug="workshop-on-border-checks", summary="Old summary.",
                                   body="Old body.", start_date=datetime.date(2027, 3, 1))
    first, second = client, client.__class__()
    first.force_login(editor)
    second.force_login(other_editor)
    token_first, token_second = opened_form_token(first, draft), opened_form_token(second, draft)
    url = admin_url(Event, "change", draft.pk)
    data = event_form_data(start_date="2027-03-01", summary="Old summary.", body="Old body.")
    assert first.post(url, {**data, "summary_en": "New summary.", "edit_token": token_first}).status_code == 302
    response = second.post(url, {**data, "body_en": "New body.", "edit_token": token_second})
    assert response.status_code == 200 and response.context["adminform"].form.conflict
    draft.refresh_from_db()
    assert (draft.summary, draft.body) == ("New summary.", "Old body.")
    # The second person sees the first's summary beside their own form's, and keeps both.
    rows = response.context["adminform"].form.conflict.differences
    assert ("summary [en]", "New summary.", "Old summary.") in rows


def test_saving_the_published_values_again_withdraws_ones_own_change(client, editor, published_event):
    edit(client, editor, published_event, summary="A proposed summary.")
    edit(client, editor, published_event, summary="The published summary.")
    assert not PendingChange.objects.exists()


def test_a_change_that_names_a_deleted_theme_cannot_be_approved_and_is_kept(client, editor, publisher, published_event):
    doomed = factories.ThemeFactory(name="Doomed theme")
    edit(client, editor, published_event, step="submit", themes=[doomed.pk], summary="A proposed summary.")
    doomed.delete()
    client.force_login(publisher)
    page = client.get(admin_url(Event, "review", published_event.pk))
    assert page.context["broken"]
    response = review(client, publisher, published_event, "approve")
    assert response.status_code == 200 and "cannot be approved" in response.context["error"]
    published_event.refresh_from_db()
    assert published_event.summary == "The published summary."
    assert PendingChange.objects.exists()


def test_a_publishers_edit_goes_live_at_once_and_drafts_are_edited_directly(client, editor, publisher, published_event):
    edit(client, publisher, published_event, summary="Straight to the public.")
    published_event.refresh_from_db()
    assert published_event.summary == "Straight to the public."

    draft = factories.EventFactory(status=Status.DRAFT, slug="a-draft")
    client.force_login(editor)
    post_change(client, draft, event_form_data(slug="a-draft", summary="Edited."))
    draft.refresh_from_db()
    assert draft.summary == "Edited." and not PendingChange.objects.exists()


def test_news_items_are_reviewed_alike_and_the_changelist_marks_them(client, editor, publisher):
    item = factories.NewsItemFactory(slug="police-cadets-trained", summary="Published.")
    client.force_login(editor)
    post_change(client, item, news_form_data(summary="Proposed."), step="submit")
    item.refresh_from_db()
    assert item.summary == "Published."
    client.force_login(publisher)
    changelist = client.get(admin_url(NewsItem, "changelist"), {"pending_change": "yes"})
    assert [row.pk for row in changelist.context["cl"].result_list] == [item.pk]
    assert "a change waits for review" in changelist.text


# --- A new record --------------------------------------------------------------------------------


def test_an_editor_writes_submits_and_a_publisher_publishes_with_the_buttons(client, editor, publisher):
    client.force_login(editor)
    add = client.get(admin_url(Event, "add"))
    assert [step for step, _, _ in add.context["steps"]] == ["save", "submit"]
    response = client.post(admin_url(Event, "add"), {**event_form_data(start_date="2027-03-01"), "_step_submit": "1"})
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.status, event.created_by) == (Status.REVIEW, editor)
    assert surfaces_showing(client, event) == set()

    client.force_login(publisher)
    waiting = client.get(reverse("admin:index")).context
    assert waiting_counts(client.get(reverse("admin:index"))) == {admin_url(Event, "changelist") + "?status__exact=review": ["1"]}
    assert waiting is not None
    assert review(client, publisher, event, "approve").status_code == 302
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED
    assert surfaces_showing(client, event) == everywhere(event)

    client.force_login(publisher)
    assert post_change(client, event, event_form_data(start_date="2027-03-01"), step="unpublish").status_code == 302
    event.refresh_from_db()
    assert event.status == Status.UNPUBLISHED
    assert surfaces_showing(client, event) == set()
    assert [entry.action for entry in TimelineEntry.objects.of(event).order_by("at", "id")] == [
        Action.CREATE, Action.SUBMIT, Action.APPROVE, Action.UNPUBLISH
    ]


def test_a_post_that_says_published_creates_a_draft(client, editor):
    client.force_login(editor)
    client.post(admin_url(Event, "add"), {**event_form_data(), "status": Status.PUBLISHED})
    assert Event.objects.get().status == Status.DRAFT


# --- History, Recover, delete and bulk actions: the bypasses of issue 18 -------------------------


def test_an_editor_cannot_publish_through_history(client, editor, publisher):
    """A Publisher publishes a draft, then sets it back to draft; an Editor reverts to the
    published revision from History: its text comes back, and it stays off the public site."""
    client.force_login(publisher)
    client.post(admin_url(Event, "add"), {**event_form_data(start_date="2027-03-01"), "_step_publish": "1"})
    event = Event.objects.get()
    assert surfaces_showing(client, event) == everywhere(event)
    client.force_login(publisher)
    post_change(client, event, event_form_data(start_date="2027-03-01", summary="Rewritten."), step="unpublish")
    published_version = next(v for v in Version.objects.get_for_object(event) if v.field_dict["status"] == Status.PUBLISHED)

    client.force_login(editor)
    url = reverse("admin:activities_event_revision", args=[event.pk, published_version.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert ("summary [en]", "Rewritten.", "A workshop.") in page.context["rows"]
    assert client.post(url).status_code == 302
    event.refresh_from_db()
    assert (event.summary, event.status) == ("A workshop.", Status.UNPUBLISHED)
    assert surfaces_showing(client, event) == set()
    entry = TimelineEntry.objects.of(event).first()
    assert (entry.action, entry.user, entry.changed_fields) == (Action.REVERT, editor, ["summary_en"])
    assert LogEntry.objects.filter(user=editor).get().get_change_message().startswith("Reverted to")


def test_an_editors_revert_of_a_published_event_waits_for_review(client, editor, publisher, published_event):
    client.force_login(publisher)
    edit(client, publisher, published_event, summary="First published text.")
    edit(client, publisher, published_event, summary="Second published text.")
    first = Version.objects.get_for_object(published_event).order_by("pk").first()

    client.force_login(editor)
    revert = reverse("admin:activities_event_revision", args=[published_event.pk, first.pk])
    assert client.post(revert).status_code == 302
    published_event.refresh_from_db()
    assert published_event.summary == "Second published text."
    assert Version.objects.get_for_object(published_event).count() == 2  # no revision for the held revert
    assert PendingChange.objects.of(published_event).get().state == State.REVIEW


def test_an_editor_cannot_publish_through_recover(client, editor, publisher, published_event):
    """A Publisher deletes a published event; an Editor recovers it: it comes back as a draft."""
    client.force_login(publisher)
    assert client.post(admin_url(Event, "delete", published_event.pk), {"post": "yes"}).status_code == 302
    assert not Event.objects.exists()
    version = Version.objects.get_deleted(Event).get()

    client.force_login(editor)
    recover = reverse("admin:activities_event_recover", args=[version.pk])
    assert client.get(recover).status_code == 200
    assert client.post(recover).status_code == 302
    event = Event.objects.get()
    assert event.status == Status.DRAFT
    assert surfaces_showing(client, event) == set()
    assert TimelineEntry.objects.of(event).first().action == Action.RECOVER


def test_an_editor_may_not_delete(client, editor, published_event):
    client.force_login(editor)
    assert client.post(admin_url(Event, "delete", published_event.pk), {"post": "yes"}).status_code == 403
    assert Event.objects.exists()


def test_bulk_actions_write_a_revision_and_a_step_per_record_and_say_which_way(client, publisher):
    drafts = [factories.EventFactory(status=Status.DRAFT, slug=f"draft-{n}") for n in range(3)]
    client.force_login(publisher)
    data = {"action": "publish", "_selected_action": [d.pk for d in drafts], "confirmed": "yes"}
    assert client.post(admin_url(Event, "changelist"), data).status_code == 302
    for draft in drafts:
        draft.refresh_from_db()
        assert draft.status == Status.PUBLISHED
        (version,) = Version.objects.get_for_object(draft)
        assert version.revision.user == publisher
        assert TimelineEntry.objects.of(draft).get().action == Action.PUBLISH
    revisions = {Version.objects.get_for_object(draft).get().revision_id for draft in drafts}
    assert len(revisions) == 3  # one each
    assert {entry.get_change_message() for entry in LogEntry.objects.all()} == {"Published (bulk action)."}

    data["action"] = "unpublish"
    client.post(admin_url(Event, "changelist"), data)
    assert {entry.get_change_message() for entry in LogEntry.objects.all()} == {
        "Published (bulk action).", "Unpublished (bulk action)."
    }
    assert all(Event.objects.get(pk=d.pk).status == Status.UNPUBLISHED for d in drafts)


def test_the_history_page_tells_the_timeline(client, editor, publisher):
    client.force_login(editor)
    client.post(admin_url(Event, "add"), {**event_form_data(start_date="2027-03-01"), "_step_submit": "1"})
    event = Event.objects.get()
    review(client, publisher, event, "approve", note="Fine.")
    client.force_login(publisher)
    history = client.get(admin_url(Event, "history", event.pk))
    rows = history.context["timeline"]
    assert [(row["entry"].action, row["entry"].actor, row["from"], row["to"]) for row in rows] == [
        (Action.APPROVE, "publishers", "In review", "Published"),
        (Action.SUBMIT, "editors", "Draft", "In review"),
        (Action.CREATE, "editors", "New", "Draft"),
    ]
    assert rows[0]["entry"].note == "Fine." and not rows[0]["compare_url"]  # it changed a status only
    # Each step that made a revision may be reverted to, but the latest: it is the record as it is.
    assert not rows[0]["revert_url"] and rows[1]["revert_url"] and rows[2]["revert_url"]
    assert [row["what"] for row in rows] == [
        "publishers approved it, and it was published", "editors submitted it for review", "editors created it"
    ]


def test_deleting_a_record_deletes_its_waiting_change(client, editor, publisher, published_event):
    edit(client, editor, published_event, summary="A proposed summary.")
    client.force_login(publisher)
    client.post(admin_url(Event, "delete", published_event.pk), {"post": "yes"})
    assert not PendingChange.objects.exists()


# --- What a hostile try found (issue 18, after the first build) ---------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_a_published_event_at_the_same_moment_never_lose_a_change(roles):
    """Both open the form, then both save at once: one is kept, the other is told."""
    editor, other = user_in_group("Editors"), factories.UserFactory(username="second-editor")
    other.groups.add(*editor.groups.all())
    event = factories.EventFactory(slug="workshop-on-border-checks", start_date=datetime.date(2027, 3, 1),
                                   date_precision=DatePrecision.MONTH, summary="The published summary.")
    url = admin_url(Event, "change", event.pk)
    for attempt in range(4):
        answers = save_at_once(url, event, attempt, [(editor, "summary", "First editor's summary"),
                                                     (other, "venue_city", "Bishkek")])
        codes = sorted(answer.status_code for answer in answers)
        assert codes == [200, 302], codes  # one kept, one told
        told = next(answer for answer in answers if answer.status_code == 200)
        assert told.context["adminform"].form.conflict is not None


def save_at_once(url, event, attempt, saves):
    """Each (user, field, text) of `saves` opens the event's form, then all save at the same moment."""
    clients = [Client() for _ in saves]
    for client, (user, _, _) in zip(clients, saves, strict=True):
        client.force_login(user)
    tokens = [opened_form_token(client, event) for client in clients]
    barrier, answers = threading.Barrier(len(saves)), [None] * len(saves)

    def save(n, field, text):
        barrier.wait()
        answers[n] = clients[n].post(url, {**form_of(event, **{field: f"{text} {attempt}"}), "edit_token": tokens[n]})
        db_connection.close()

    threads = [threading.Thread(target=save, args=(n, field, text)) for n, (_, field, text) in enumerate(saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_saving_someone_elses_change_unchanged_takes_nothing_over(client, editor, other_editor, published_event):
    edit(client, editor, published_event, summary="The first editor's summary.")
    edit(client, other_editor, published_event, summary="The first editor's summary.")  # opened and saved as it was
    change = PendingChange.objects.get()
    assert list(change.authors.all()) == [editor]
    assert review(client, editor, published_event, "withdraw").status_code == 302


def test_a_replaced_or_rejected_change_stays_in_its_revisions(client, editor, other_editor, publisher, published_event):
    edit(client, editor, published_event, summary="The first editor's summary.")
    change_id = PendingChange.objects.get().pk
    edit(client, other_editor, published_event, summary="The second editor's summary.")
    review(client, other_editor, published_event, "withdraw")  # not theirs alone: refused
    edit(client, editor, published_event, step="submit", summary="The second editor's summary.")
    review(client, publisher, published_event, "reject", note="No.")
    texts = [version.field_dict["snapshot"] for version in Version.objects.get_for_model(PendingChange).filter(object_id=str(change_id))]
    assert any("The first editor's summary." in text for text in texts)
    assert any("The second editor's summary." in text for text in texts)


def test_a_new_photo_on_a_published_event_without_one_is_approved(client, editor, publisher, published_event, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(editor)
    photo = SimpleUploadedFile("cadets.png", factories.png_bytes(40, 30), content_type="image/png")
    data = {**form_of(published_event, summary="The published summary."), "photo": photo, "photo_alt": "Cadets"}
    assert post_change(client, published_event, data, step="submit").status_code == 302
    response = review(client, publisher, published_event, "approve")
    assert response.status_code == 302, response.context and response.context["error"]
    published_event.refresh_from_db()
    assert published_event.photo.name.endswith("cadets.png") and published_event.photo_alt == "Cadets"


def test_photos_are_stored_under_an_address_nobody_can_guess(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = factories.EventFactory(status=Status.DRAFT)
    draft.photo.save("cadets.png", ContentFile(factories.png_bytes()), save=False)
    folder = draft.photo.name.split("/")[-2]
    assert re.fullmatch(r"[0-9a-f]{16}", folder) and draft.photo.name.endswith("/cadets.png")


def test_the_comparison_of_revisions_is_for_those_who_may_see_the_record(client, editor, publisher):
    draft = factories.EventFactory(status=Status.DRAFT, slug="a-draft")
    client.force_login(publisher)
    post_change(client, draft, event_form_data(slug="a-draft", summary="One."))
    post_change(client, draft, event_form_data(slug="a-draft", summary="Two."))
    older, newer = Version.objects.get_for_object(draft).order_by("pk")
    compare = reverse("admin:activities_event_compare", args=[draft.pk])
    query = {"version_id1": older.pk, "version_id2": newer.pk}
    assert client.get(compare, query).status_code == 200
    client.force_login(user_in_group("Finance"))
    assert client.get(compare, query).status_code == 403


def test_a_budgets_revert_touches_nothing_finance_may_not_change(client, admin_client):
    department = factories.DepartmentFactory(head_name="First head")
    budget = factories.BudgetFactory(department=department, staff_total=30)
    with reversion.create_revision():  # a department saved with its budgets, as its form saves them
        reversion.add_to_revision(department)
        reversion.add_to_revision(budget)
    Department.objects.filter(pk=department.pk).update(head_name="Second head")
    Budget.objects.filter(pk=budget.pk).update(staff_total=31)
    client.force_login(user_in_group("Finance"))
    version = Version.objects.get_for_object(budget).get()
    url = reverse("admin:tntd_budget_revision", args=[budget.pk, version.pk])
    assert client.get(url).status_code == 200  # what it would change
    assert client.post(url).status_code == 302
    assert Budget.objects.get().staff_total == 30
    assert Department.objects.get().head_name == "Second head"  # not Finance's


@pytest.mark.parametrize("url", [
    "/admin/activities/event/?status__exact=%00",
    "/admin/autocomplete/?app_label=activities&model_name=event&field_name=countries&term=%00",
    "/admin/activities/event/?start_date__year=99999",  # no such year
    "/admin/news/newsitem/?published_on__year=9999",
    "/admin/editorial/timelineentry/?at__year=9999",
    "/admin/axes/accessattempt/?attempt_time__year=9999",
])
def test_malformed_list_addresses_are_refused_never_an_error_page(admin_client, url):
    assert admin_client.get(url).status_code in (302, 400)


@pytest.mark.parametrize("opened_at", ["nan", "inf", "-inf", "1e20", "-5"])
def test_a_forged_token_time_is_a_conflict_never_an_error_page(client, publisher, published_event, opened_at):
    client.force_login(publisher)
    data = {**form_of(published_event, summary="Edited."), "edit_token": f"1.0@{opened_at}"}
    response = client.post(admin_url(Event, "change", published_event.pk), data)
    assert response.status_code == 200 and response.context["adminform"].form.conflict


@pytest.mark.parametrize("model", ["budget", "department", "unit"])
def test_the_revert_page_of_a_record_outside_the_workflow_opens(admin_client, model):
    record = {"budget": factories.BudgetFactory, "department": factories.DepartmentFactory, "unit": factories.UnitFactory}[model]()
    with reversion.create_revision():
        reversion.add_to_revision(record)
    version = Version.objects.get_for_object(record).get()
    assert admin_client.get(reverse(f"admin:tntd_{model}_revision", args=[record.pk, version.pk])).status_code == 200
