"""Review before publication, also for changes (tntd/review.py, tntd/review_admin.py): an Editor's
edit of a published event or news item waits for a Publisher, and visitors see the published
version until it is approved."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from reversion.models import Version

from activities.models import DatePrecision, Event
from news.models import NewsItem
from tests import factories
from tests.test_admin import admin_url, event_form_data, news_form_data, user_in_group
from tntd.models import Country, PendingChange
from tntd.publishing import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return user_in_group("Editors")


@pytest.fixture
def publisher():
    return user_in_group("Publishers")


@pytest.fixture
def published_event():
    theme = factories.ThemeFactory(name="Border security and management")
    # As tests.test_admin.event_form_data posts it, but for the summary.
    return factories.EventFactory(
        title="Workshop on border checks",
        slug="workshop-on-border-checks",
        start_date=datetime.date(2026, 3, 1),
        date_precision=DatePrecision.MONTH,
        venue_city="Vienna",
        venue_country=Country.objects.get(code="AT"),
        summary="The published summary.",
        themes=[theme],
    )


def edit(client, user, event, **changes):
    client.force_login(user)
    data = event_form_data(**{"themes": [theme.pk for theme in event.themes.all()], **changes})
    return client.post(admin_url(Event, "change", event.pk), data)


def public_summary(client, event):
    client.logout()
    return client.get(event.get_absolute_url())


def test_an_editors_edit_of_a_published_event_waits_and_visitors_see_the_published_version(
    client, editor, published_event
):
    response = edit(client, editor, published_event, summary="A proposed summary.")
    assert response.status_code == 302
    assert "waits for a Publisher’s review" in str(list(response.wsgi_request._messages)[0])

    published_event.refresh_from_db()
    assert published_event.summary == "The published summary."
    page = public_summary(client, published_event)
    assert "The published summary." in page.text and "A proposed summary." not in page.text
    assert not Version.objects.get_for_object(published_event).exists()  # no revision of what is not live
    assert LogEntry.objects.get().get_change_message() == "Submitted a change for review."

    # The Editor, coming back, goes on with the waiting version.
    client.force_login(editor)
    form = client.get(admin_url(Event, "change", published_event.pk))
    assert form.context["adminform"].form.initial["summary_en"] == "A proposed summary."
    assert "What you save waits for a Publisher’s review" in form.text
    published_event.refresh_from_db()
    assert published_event.summary == "The published summary."


def test_a_publisher_compares_the_values_side_by_side_and_approves(client, editor, publisher, published_event):
    other_theme = factories.ThemeFactory(name="Cybersecurity")
    edit(client, editor, published_event, summary="A proposed summary.", themes=[other_theme.pk], title="Border checks workshop")

    client.force_login(publisher)
    index = client.get(reverse("admin:index"))
    assert "Changes to published events: 1" in index.text
    review = client.get(admin_url(Event, "review", published_event.pk))
    rows = {label: (before, after) for label, before, after in review.context["rows"]}
    assert rows == {
        "title [en]": ("Workshop on border checks", "Border checks workshop"),
        "themes": ("Border security and management", "Cybersecurity"),
        "summary [en]": ("The published summary.", "A proposed summary."),
    }
    published_event.refresh_from_db()
    assert published_event.title == "Workshop on border checks"  # looking changed nothing

    response = client.post(admin_url(Event, "review", published_event.pk), {"decision": "approve"})
    assert response.status_code == 302
    published_event.refresh_from_db()
    assert (published_event.title, published_event.summary) == ("Border checks workshop", "A proposed summary.")
    assert list(published_event.themes.all()) == [other_theme]
    assert published_event.status == Status.PUBLISHED
    assert "A proposed summary." in public_summary(client, published_event).text
    assert not PendingChange.objects.exists()
    version = Version.objects.get_for_object(published_event).get()
    assert version.revision.comment == "Approved the change submitted by editors."
    assert version.revision.user == publisher
    assert version.field_dict["themes"] == [other_theme.pk]


def test_an_editors_forged_approval_is_refused(client, editor, published_event):
    edit(client, editor, published_event, summary="A proposed summary.")
    response = client.post(admin_url(Event, "review", published_event.pk), {"decision": "approve"})
    assert response.status_code == 403
    published_event.refresh_from_db()
    assert published_event.summary == "The published summary."
    assert PendingChange.objects.exists()


def test_a_publisher_rejects_and_the_published_version_stays(client, editor, publisher, published_event):
    edit(client, editor, published_event, summary="A proposed summary.")
    client.force_login(publisher)
    client.post(admin_url(Event, "review", published_event.pk), {"decision": "reject"})
    assert not PendingChange.objects.exists()
    published_event.refresh_from_db()
    assert published_event.summary == "The published summary."


def test_only_its_author_may_withdraw_a_change(client, editor, published_event):
    edit(client, editor, published_event, summary="A proposed summary.")
    other_editor = factories.UserFactory(username="another-editor")
    other_editor.groups.add(*editor.groups.all())
    client.force_login(other_editor)
    assert client.post(admin_url(Event, "review", published_event.pk), {"decision": "withdraw"}).status_code == 403
    client.force_login(editor)
    assert client.post(admin_url(Event, "review", published_event.pk), {"decision": "withdraw"}).status_code == 302
    assert not PendingChange.objects.exists()


def test_saving_the_published_values_again_withdraws_the_waiting_change(client, editor, published_event):
    edit(client, editor, published_event, summary="A proposed summary.")
    edit(client, editor, published_event, summary="The published summary.")
    assert not PendingChange.objects.exists()


def test_approving_never_publishes_or_unpublishes(client, editor, publisher, published_event):
    edit(client, editor, published_event, summary="A proposed summary.")
    Event.objects.filter(pk=published_event.pk).update(status=Status.DRAFT)  # unpublished meanwhile
    client.force_login(publisher)
    client.post(admin_url(Event, "review", published_event.pk), {"decision": "approve"})
    published_event.refresh_from_db()
    assert (published_event.summary, published_event.status) == ("A proposed summary.", Status.DRAFT)


def test_a_change_that_names_a_deleted_theme_cannot_be_approved_and_is_kept(client, editor, publisher, published_event):
    doomed = factories.ThemeFactory(name="Doomed theme")
    edit(client, editor, published_event, themes=[doomed.pk], summary="A proposed summary.")
    doomed.delete()
    client.force_login(publisher)
    review = client.get(admin_url(Event, "review", published_event.pk))
    assert "can no longer be approved" in review.text
    response = client.post(admin_url(Event, "review", published_event.pk), {"decision": "approve"}, follow=True)
    assert "The change cannot be approved" in response.text
    published_event.refresh_from_db()
    assert published_event.summary == "The published summary."
    assert PendingChange.objects.exists()


def test_an_editors_revert_of_a_published_event_waits_for_review_too(client, editor, publisher, published_event):
    client.force_login(publisher)
    client.post(admin_url(Event, "change", published_event.pk), event_form_data(summary="First published text."))
    client.post(admin_url(Event, "change", published_event.pk), event_form_data(summary="Second published text."))
    first = Version.objects.get_for_object(published_event).order_by("pk").first()

    client.force_login(editor)
    revert = reverse("admin:activities_event_revision", args=[published_event.pk, first.pk])
    assert client.post(revert, event_form_data(summary="First published text.")).status_code == 302
    published_event.refresh_from_db()
    assert published_event.summary == "Second published text."
    assert Version.objects.get_for_object(published_event).count() == 2  # no revision for the held revert
    assert PendingChange.objects.of(published_event).exists()


def test_a_publishers_edit_goes_live_at_once_and_drafts_are_edited_directly(client, editor, publisher, published_event):
    client.force_login(publisher)
    client.post(admin_url(Event, "change", published_event.pk), event_form_data(summary="Straight to the public."))
    published_event.refresh_from_db()
    assert published_event.summary == "Straight to the public."

    draft = factories.EventFactory(status=Status.DRAFT, slug="a-draft")
    client.force_login(editor)
    client.post(admin_url(Event, "change", draft.pk), event_form_data(slug="a-draft", status=Status.DRAFT, summary="Edited."))
    draft.refresh_from_db()
    assert draft.summary == "Edited." and not PendingChange.objects.exists()


def test_news_items_are_reviewed_alike_and_the_changelist_marks_them(client, editor, publisher):
    item = factories.NewsItemFactory(slug="police-cadets-trained", summary="Published.")
    client.force_login(editor)
    client.post(admin_url(NewsItem, "change", item.pk), news_form_data(summary="Proposed."))
    item.refresh_from_db()
    assert item.summary == "Published."
    client.force_login(publisher)
    changelist = client.get(admin_url(NewsItem, "changelist"), {"pending_change": "yes"})
    assert [row.pk for row in changelist.context["cl"].result_list] == [item.pk]
    assert "a change waits for review" in changelist.text


def test_deleting_a_record_deletes_its_waiting_change(client, editor, published_event):
    edit(client, editor, published_event, summary="A proposed summary.")
    published_event.delete()
    assert not PendingChange.objects.exists()
