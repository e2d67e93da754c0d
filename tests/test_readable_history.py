"""History a person can read (issue 23, item 2): the timeline says who did what in words, with
one "Revert to this version" per row where the policy lets the user revert; two versions are
compared word by word, every value escaped, the title once and no note for developers; the
review page highlights the changed words, and a rejection is confirmed on a page of its own."""

import datetime

import html5lib
import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from reversion.models import Version

from activities.models import DatePrecision, Event
from backoffice.word_diff import word_diff
from editorial import workflow
from editorial.models import Action, PendingChange, Subject, TimelineEntry
from organisation.models import Budget, Country
from publishing.models import Status
from tests import factories
from tests.markup import text_of
from tests.test_admin import admin_url, event_form_data, post_change, user_in_group
from tests.test_review import edit, review

pytestmark = pytest.mark.django_db


def parse(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def timeline_rows(response):
    return parse(response).findall(".//table[@id='timeline']/tbody/tr")


def links(element, text):
    return [a for a in element.iter("a") if text_of(a) == text]


@pytest.fixture
def published_event():
    """As tests.test_review's: a published workshop, as tests.test_admin.event_form_data posts it."""
    return factories.EventFactory(
        title="Workshop on border checks", slug="workshop-on-border-checks", start_date=datetime.date(2027, 3, 1),
        date_precision=DatePrecision.MONTH, venue_city="Vienna", venue_country=Country.objects.get(code="AT"),
        summary="The published summary.", themes=[factories.ThemeFactory(name="Border security and management")],
    )


@pytest.fixture
def edited_draft(client, publisher):
    """A draft a Publisher saved three times: created, then its title, then its summary."""
    client.force_login(publisher)
    client.post(admin_url(Event, "add"), event_form_data(title="Workshop on border checks", start_date="2026-03-01"))
    event = Event.objects.get()
    post_change(client, event, event_form_data(title="Workshop on border controls", start_date="2026-03-01"))
    post_change(client, event, event_form_data(title="Workshop on border controls", start_date="2026-03-01",
                                               summary="Officers compared notes."))
    return event


# --- The timeline -------------------------------------------------------------------------------


def test_each_step_says_who_did_what_in_words_with_one_revert_button_per_earlier_version(client, publisher, edited_draft):
    client.force_login(publisher)
    rows = timeline_rows(client.get(admin_url(Event, "history", edited_draft.pk)))
    said = [text_of(row.find(".//span[@class='timeline-what']")) for row in rows]
    assert said == ["publishers edited it", "publishers edited it", "publishers created it"]
    changed = [text_of(row.find(".//span[@class='timeline-fields']")) for row in rows[:2]]
    assert changed == ["Changed: Summary [en]", "Changed: Title [en]"]
    assert not any("Status" in text_of(row) for row in rows)
    # One button per row with a version to go back to; none on the latest, which is the record now.
    reverts = [links(row, "Revert to this version") for row in rows]
    assert [len(found) for found in reverts] == [0, 1, 1]
    assert all("button" in found[0].get("class").split() for found in reverts[1:])


def test_someone_who_may_only_look_is_offered_no_revert(client, edited_draft):
    viewer = factories.UserFactory(username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(viewer)
    rows = timeline_rows(client.get(admin_url(Event, "history", edited_draft.pk)))
    assert rows and not any(links(row, "Revert to this version") for row in rows)
    assert all(links(row, "What changed") for row in rows[:2])  # comparing is for anyone who may see it


def test_a_rows_revert_is_the_workflows_step(client, publisher, edited_draft):
    client.force_login(publisher)
    rows = timeline_rows(client.get(admin_url(Event, "history", edited_draft.pk)))
    (revert,) = links(rows[2], "Revert to this version")  # back to the first version
    page = client.get(revert.get("href"))
    assert page.status_code == 200
    assert client.post(revert.get("href")).status_code == 302
    edited_draft.refresh_from_db()
    assert (edited_draft.title, edited_draft.summary) == ("Workshop on border checks", "A workshop.")
    step = TimelineEntry.objects.of(edited_draft).first()
    assert (step.action, step.user, step.changed_fields) == (Action.REVERT, publisher, ["title_en", "summary_en"])


def test_an_editors_revert_of_a_published_record_waits_for_review(client, editor, publisher, published_event):
    client.force_login(publisher)
    post_change(client, published_event, event_form_data(start_date="2027-03-01", summary="A second summary."))
    post_change(client, published_event, event_form_data(start_date="2027-03-01", summary="A third summary."))
    client.force_login(editor)
    rows = timeline_rows(client.get(admin_url(Event, "history", published_event.pk)))
    (revert,) = links(rows[1], "Revert to this version")
    assert client.post(revert.get("href")).status_code == 302
    published_event.refresh_from_db()
    assert published_event.summary == "A third summary."  # the public sees no change yet
    change = PendingChange.objects.get()
    assert change.in_review and "A second summary." in change.snapshot


# --- Comparing two versions --------------------------------------------------------------------


def compare(client, record, older, newer):
    return client.get(reverse("admin:activities_event_compare", args=[record.pk]),
                      {"version_id1": older.pk, "version_id2": newer.pk})


def test_two_versions_are_compared_word_by_word_the_title_once_without_notes_for_developers(client, publisher,
                                                                                           edited_draft):
    client.force_login(publisher)
    first, second, third = Version.objects.get_for_object(edited_draft).order_by("pk")
    response = compare(client, edited_draft, first, third)
    assert response.status_code == 200
    table = parse(response).find(".//table[@id='compare']")
    rows = {text_of(row.find("th")): row.findall("td") for row in table.findall("tbody/tr")}
    assert list(rows) == ["Title [en]", "Summary [en]"]  # once, not also as "Title"
    before, after = rows["Title [en]"]
    assert [text_of(word) for word in before.iter("del")] == ["checks"]
    assert [text_of(word) for word in after.iter("ins")] == ["controls"]
    assert text_of(after) == "Workshop on border controls"
    assert [text_of(word) for word in rows["Summary [en]"][0].iter("del")] == ["A workshop"]
    assert [text_of(word) for word in rows["Summary [en]"][1].iter("ins")] == ["Officers compared notes"]
    page = response.content.decode()
    assert "reversion control" not in page and "Edit comment" not in page
    # The comparison of any two is offered on the History page, and each compare page leads on.
    history = parse(client.get(admin_url(Event, "history", edited_draft.pk)))
    assert [option.get("value") for option in history.findall(".//select[@name='version_id1']/option")] == [
        str(third.pk), str(second.pk), str(first.pk)]
    nav = parse(compare(client, edited_draft, second, third)).find(".//p[@class='compare-nav']")
    assert [text_of(a) for a in nav.iter("a")] == ["‹ The change before", "Back to the history"]


def test_html_in_a_title_is_shown_as_text_in_the_comparison(client, publisher, edited_draft):
    client.force_login(publisher)
    post_change(client, edited_draft, event_form_data(title="Workshop <script>alert(1)</script> <b>now</b>",
                                                      start_date="2026-03-01", summary="Officers compared notes."))
    older, newer = list(Version.objects.get_for_object(edited_draft).order_by("pk"))[-2:]
    response = compare(client, edited_draft, older, newer)
    table = parse(response).find(".//table[@id='compare']")
    assert table.find(".//script") is None and table.find(".//b") is None
    (after,) = [row.findall("td")[1] for row in table.findall("tbody/tr") if text_of(row.find("th")) == "Title [en]"]
    assert text_of(after) == "Workshop <script>alert(1)</script> <b>now</b>"
    assert "<script>alert" not in response.content.decode()  # escaped wherever the page shows it


def test_a_budgets_versions_are_compared_the_same_way(client):
    client.force_login(user_in_group("Finance"))
    department = factories.DepartmentFactory()
    data = {"department": department.pk, "year": 2018, "unified_budget": "100", "extrabudgetary_pledges": "0",
            "staff_total": 3, "staff_extrabudgetary": 0}
    client.post(admin_url(Budget, "add"), data)
    budget = Budget.objects.get()
    post_change(client, budget, {**data, "staff_total": 4})
    older, newer = Version.objects.get_for_object(budget).order_by("pk")
    response = client.get(reverse("admin:tntd_budget_compare", args=[budget.pk]),
                          {"version_id1": older.pk, "version_id2": newer.pk})
    rows = parse(response).findall(".//table[@id='compare']/tbody/tr")
    assert [(text_of(row.find("th")), *[text_of(cell) for cell in row.findall("td")]) for row in rows] == [
        ("Staff", "3", "4")]


def test_a_budgets_history_reads_the_same_way(client):
    """Records with revisions but no workflow (departments, units, budgets): a row per version,
    in words, one revert button on each earlier one, not django-reversion-compare's radio list."""
    finance = user_in_group("Finance")
    client.force_login(finance)
    department = factories.DepartmentFactory()
    data = {"department": department.pk, "year": 2018, "unified_budget": "100", "extrabudgetary_pledges": "0",
            "staff_total": 3, "staff_extrabudgetary": 0}
    client.post(admin_url(Budget, "add"), data)
    budget = Budget.objects.get()
    post_change(client, budget, {**data, "staff_total": 4})
    response = client.get(admin_url(Budget, "history", budget.pk))
    rows = timeline_rows(response)
    assert [text_of(row.findall("td")[1]) for row in rows] == ["finance", "finance"]
    assert [len(links(row, "Revert to this version")) for row in rows] == [0, 1]
    assert [len(links(row, "What changed")) for row in rows] == [1, 0]
    # Not django-reversion-compare's list of dates to pick with radio buttons.
    assert not [box for box in parse(response).iter("input") if box.get("type") == "radio"]
    client.force_login(user_in_group("Editors"))  # may not see budgets
    assert client.get(admin_url(Budget, "history", budget.pk)).status_code in (302, 403)


def test_the_word_diff_marks_whole_words_and_escapes_everything():
    old, new = word_diff("The cat sat on the mat.", "The dog sat on a mat, <i>today</i>.")
    assert old == "The <del>cat</del> sat on <del>the</del> mat."
    assert new == "The <ins>dog</ins> sat on <ins>a</ins> mat<ins>, &lt;i&gt;today&lt;/i&gt;</ins>."
    assert word_diff("—", "Vienna") == ("—", "<ins>Vienna</ins>")  # nothing is not a word taken out
    assert word_diff("one\ntwo", "one\nthree") == ("one<br><del>two</del>", "one<br><ins>three</ins>")


# --- The review page ----------------------------------------------------------------------------


def test_the_review_page_highlights_the_words_a_change_alters(client, editor, publisher, published_event):
    edit(client, editor, published_event, step="submit", summary="The published summary, now longer.")
    client.force_login(publisher)
    page = parse(client.get(admin_url(Event, "review", published_event.pk)))
    (row,) = page.findall(".//table[@id='under-review']/tbody/tr")
    published, proposed = row.findall("td")
    assert [text_of(word) for word in proposed.iter("ins")] == [", now longer"]
    assert text_of(proposed) == "The published summary, now longer."
    assert list(published.iter("del")) == []
    approve = page.find(".//button[@value='approve']")
    reject = page.find(".//button[@value='reject']")
    assert {"default", "approve-button"} <= set(approve.get("class").split())
    assert "reject-button" in reject.get("class").split()


def test_a_rejection_is_confirmed_before_anything_is_thrown_away(client, editor, publisher, published_event,
                                                                 django_capture_on_commit_callbacks):
    edit(client, editor, published_event, step="submit", summary="A proposed summary.")
    asked = review(client, publisher, published_event, "reject", note="Not in our remit.\nSee the mandate.",
                   confirmed="")
    assert asked.status_code == 200
    assert PendingChange.objects.exists() and not mail.outbox  # nothing done yet
    page = parse(asked)
    reason = page.find(".//blockquote[@id='reject-reason']")
    assert [text.strip() for text in reason.itertext()] == ["Not in our remit.", "See the mandate."]
    form = page.find(".//form[@id='confirm-reject-form']")
    posted = {field.get("name"): field.get("value") for field in form.iter("input") if field.get("type") == "hidden"}
    assert posted["decision"] == "reject" and posted["confirmed"] == "yes"
    assert posted["note"] == "Not in our remit.\nSee the mandate."
    assert "reject-button" in form.find(".//button").get("class").split()
    assert links(page, "No, back to the review")[0].get("href") == admin_url(Event, "review", published_event.pk)

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(admin_url(Event, "review", published_event.pk),
                           {name: value for name, value in posted.items() if name != "csrfmiddlewaretoken"})
    assert done.status_code == 302
    assert not PendingChange.objects.exists()
    assert "Not in our remit.\nSee the mandate." in mail.outbox[0].body
    entry = TimelineEntry.objects.of(published_event).first()
    assert (entry.action, entry.subject) == (Action.REJECT, Subject.CHANGE)


def test_a_record_in_review_is_rejected_after_its_confirmation_too(client, editor, publisher):
    draft = factories.EventFactory(status=Status.DRAFT, start_date=datetime.date(2027, 3, 1),
                                   date_precision=DatePrecision.MONTH)
    workflow.submit(draft, editor)
    asked = review(client, publisher, draft, "reject", note="Too early.", confirmed="")
    assert asked.status_code == 200 and "Yes, reject it" in text_of(parse(asked).find(".//form[@id='confirm-reject-form']"))
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert review(client, publisher, draft, "reject", note="Too early.").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_editor_cannot_reach_the_rejection_by_its_confirmation(client, editor, published_event):
    edit(client, editor, published_event, step="submit", summary="A proposed summary.")
    assert review(client, editor, published_event, "reject", note="Mine.", confirmed="").status_code == 403
    assert review(client, editor, published_event, "reject", note="Mine.").status_code == 403
    assert PendingChange.objects.exists()
