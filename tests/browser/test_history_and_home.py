"""History a person can read and the admin's home, in a real browser (issue 23, items 2 and 4): a
Publisher reads an event's History, sees the words a step changed highlighted, reverts one row,
then rejects an Editor's change after confirming it, without JavaScript; the home page shows
each member of staff their drafts, what waits for their review and what was published lately."""

import datetime

import pytest
from playwright.sync_api import expect

from activities.models import DatePrecision, Event
from editorial import workflow
from editorial.models import PendingChange
from news.models import NewsItem
from publishing import snapshots
from publishing.models import Status
from tests import factories
from tests.browser.test_editorial_workflow import sign_in
from tests.test_admin import user_in_group

GREEN, RED = "rgb(46, 125, 50)", "rgb(183, 28, 28)"  # static/css/back_office.css: Approve, Reject


def background(locator):
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


def decoration(locator):
    return locator.evaluate("element => getComputedStyle(element).textDecorationLine")


def saved(event, user, summary):
    """`user` saves the event with `summary`, as the back office's form does: a revision and a step."""
    with workflow.saving(event, user):
        event.summary = summary
        event.save()


def proposed(event, user, summary):
    """`user` (an Editor) submits a change of the published event's summary for review."""
    with snapshots.rolled_back():
        stored = Event.objects.get(pk=event.pk)
        stored.summary = summary
        stored.save()
        change = snapshots.snapshot(stored)
    workflow.keep_change(Event.objects.get(pk=event.pk), user, change, submit=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_publisher_reads_a_history_reverts_a_row_and_rejects_a_change_after_confirming(
    page, browser, live_server, settings, roles
):
    editor, publisher = user_in_group("Editors"), user_in_group("Publishers")
    event = factories.EventFactory(title="Border checks workshop", slug="border-checks-workshop", status=Status.DRAFT,
                                   start_date=datetime.date(2027, 3, 1), date_precision=DatePrecision.MONTH)
    saved(event, publisher, "Officers compared notes on passports.")
    saved(event, publisher, "Officers compared their notes on forged passports.")
    workflow.publish(event, publisher)
    admin = f"/{settings.ADMIN_URL}"

    # The History: a sentence per step, a button to revert on each earlier version.
    sign_in(page, settings, "publishers")
    page.goto(f"{admin}activities/event/{event.pk}/history/")
    rows = page.locator("#timeline tbody tr")
    expect(rows.locator(".timeline-what")).to_have_text(
        ["publishers published it", "publishers edited it", "publishers edited it"])
    expect(rows.nth(1).locator(".timeline-fields")).to_have_text("Changed: Summary [en]")
    expect(rows.nth(0).get_by_role("link", name="Revert to this version")).to_have_count(0)

    # What the second save changed, word by word: the words put in highlighted in green.
    rows.nth(1).get_by_role("link", name="What changed").click()
    expect(page.locator("h1")).to_have_text("Compare two versions")
    summary = page.locator("#compare tbody tr", has_text="Summary [en]")
    expect(summary.locator("ins")).to_have_text(["their", "forged"])
    assert background(summary.locator("ins").first) == "rgb(217, 242, 222)"
    expect(page.locator("#compare tbody tr")).to_have_count(1)  # the title, unchanged, is not repeated
    expect(page.locator("body")).not_to_contain_text("reversion control")

    # Reverting the row of the first save: what would change, highlighted, then done.
    page.get_by_role("link", name="Back to the history").click()
    rows.nth(2).get_by_role("link", name="Revert to this version").click()
    taken_out = page.locator("#revert-differences del")
    expect(taken_out).to_have_text(["their", "forged"])
    assert decoration(taken_out.first) == "line-through"
    page.get_by_role("button", name="Revert to this version").click()
    expect(page.locator(".messagelist")).to_contain_text("back to that version")
    event.refresh_from_db()
    assert (event.summary, event.status) == ("Officers compared notes on passports.", Status.PUBLISHED)
    page.goto(f"{admin}activities/event/{event.pk}/history/")
    expect(rows.first.locator(".timeline-what")).to_have_text("publishers restored an earlier version")

    # An Editor's change waits; the Publisher rejects it, without JavaScript, after confirming.
    proposed(event, editor, "Officers compared notes on passports and visas.")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    plain = context.new_page()
    sign_in(plain, settings, "publishers")
    plain.locator("#waiting-for-review").get_by_role("link", name="Border checks workshop").click()
    expect(plain.locator("#under-review ins")).to_have_text("and visas")
    approve = plain.get_by_role("button", name="Approve the change")
    reject = plain.get_by_role("button", name="Reject the change…")
    assert (background(approve), background(reject)) == (GREEN, RED)
    plain.locator("#id_return_note").fill("Visas are not in the course.")
    reject.click()
    expect(plain.locator("h1")).to_contain_text("Reject the change to")
    expect(plain.locator("#reject-reason")).to_have_text("Visas are not in the course.")
    assert PendingChange.objects.exists()  # asked, not yet done
    plain.get_by_role("button", name="Yes, reject the change").click()
    expect(plain.locator(".messagelist")).to_contain_text("Rejected")
    assert not PendingChange.objects.exists()
    event.refresh_from_db()
    assert event.summary == "Officers compared notes on passports."
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_home_shows_my_drafts_what_waits_for_my_review_and_what_was_published(page, settings, roles):
    editor, publisher = user_in_group("Editors"), user_in_group("Publishers")
    draft = factories.EventFactory(title="Cyber drill for prosecutors", status=Status.DRAFT, created_by=editor)
    ready = factories.EventFactory(title="Border checks workshop", status=Status.DRAFT, created_by=editor)
    workflow.submit(ready, editor)
    story = factories.NewsItemFactory(title="Cadets trained in Dushanbe", status=Status.DRAFT)
    workflow.publish(story, publisher)

    sign_in(page, settings, "publishers")
    waiting, drafts, published = (page.locator(f"#{name}") for name in ("waiting-for-review", "my-drafts",
                                                                          "recently-published"))
    for section in (waiting, drafts, published):  # before the list of models
        assert section.bounding_box()["y"] < page.locator(".app-activities").bounding_box()["y"]
    expect(waiting.locator("h3")).to_have_text(["Events submitted for publication: 1"])
    expect(waiting.locator("li")).to_contain_text(["Border checks workshop · submitted by editors"])
    expect(drafts).to_contain_text("None: nothing of yours is a draft.")
    expect(published.locator("li")).to_have_count(1)
    expect(published.locator("li")).to_contain_text("Cadets trained in Dushanbe News item · Public · published by publishers")
    expect(page.locator("#recent-changes li").first).to_contain_text("publishers published it")
    published.get_by_role("link", name="Cadets trained in Dushanbe").click()
    expect(page.locator("#id_title_en")).to_have_value("Cadets trained in Dushanbe")
    assert f"/news/newsitem/{story.pk}/change/" in page.url

    sign_in(page, settings, "editors")
    expect(page.locator("#waiting-for-review")).to_have_count(0)  # nothing an Editor decides
    expect(page.locator("#my-drafts li")).to_have_count(1)
    page.locator("#my-drafts").get_by_role("link", name="Cyber drill for prosecutors").click()
    assert f"/activities/event/{draft.pk}/change/" in page.url
    page.go_back()
    page.locator("#recently-published").get_by_role("link", name="Cadets trained in Dushanbe").click()
    assert f"/news/newsitem/{story.pk}/change/" in page.url
    assert NewsItem.objects.get(pk=story.pk).status == Status.PUBLISHED
