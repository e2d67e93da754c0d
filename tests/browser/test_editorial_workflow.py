"""The editorial tasks walked in a real browser: an Editor writes a training course with a photo
and submits it; a Publisher finds it waiting, approves it, renames it (the old address keeps
working) and unpublishes it after a confirmation; two people saving one record at once are told."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from activities.models import Event
from organisation.models import Country
from tests import factories
from tests.factories import png_bytes
from tests.test_admin import user_in_group

PASSWORD = "correct horse battery staple"


def sign_in(page, settings, username):
    page.context.clear_cookies()  # whoever was signed in before
    page.goto(f"/{settings.ADMIN_URL}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/{settings.ADMIN_URL}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_and_a_publisher_take_a_training_course_from_draft_to_public_and_back(
    page, browser, live_server, settings, tmp_path, roles, request
):
    settings.MEDIA_ROOT = tmp_path
    user_in_group("Editors"), user_in_group("Publishers")  # usernames "editors", "publishers"
    photo = tmp_path / "cadets.png"
    photo.write_bytes(png_bytes(1200, 800))

    # The Editor writes the course, with a photo, and marks it ready for review.
    sign_in(page, settings, "editors")
    page.goto(f"/{settings.ADMIN_URL}activities/event/add/")
    page.locator("#id_title_en").press_sequentially("Training course on document security")
    page.locator("#id_event_type").select_option("training_course")
    page.locator("#id_start_date").fill("2027-03-01")
    page.locator("fieldset summary", has_text="Photo").click()  # a section folded while it is empty
    page.locator("#id_photo").set_input_files(str(photo))
    page.locator("#id_photo_alt").fill("Cadets examining passports")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("is submitted")

    preview = page.goto("/en/events/training-course-on-document-security/")
    assert preview.status == 200
    assert "In review." in page.locator(".notice--draft").inner_text()
    assert page.locator("figure.photo img").get_attribute("alt") == "Cadets examining passports"
    assert "960w" in page.locator("figure.photo img").get_attribute("srcset")

    def visit(path):
        """A visitor's first look: a browser of their own, with nothing cached (pages may be
        reused for a minute: Cache-Control: public, max-age=60)."""
        context = browser.new_context(base_url=live_server.url)
        visitors.append(context)
        visitor = context.new_page()
        return visitor, visitor.goto(path)

    visitors = []
    request.addfinalizer(lambda: [context.close() for context in visitors])

    assert visit("/en/events/training-course-on-document-security/")[1].status == 404

    # The Publisher finds it waiting, and publishes it.
    sign_in(page, settings, "publishers")
    waiting = page.locator("#waiting-for-review")
    assert "Training course on document security" in waiting.inner_text()
    assert "submitted by editors" in waiting.inner_text()
    waiting.get_by_role("link", name="Training course on document security").click()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Approved")
    assert visit("/en/events/training-course-on-document-security/")[1].status == 200

    # Renamed: the old address leads to the new one.
    page.goto(f"/{settings.ADMIN_URL}activities/event/")
    page.get_by_role("link", name="Training course on document security").click()
    page.locator("#id_slug").fill("document-security-training")
    page.get_by_role("button", name="Save", exact=True).click()
    visitor, _ = visit("/en/events/training-course-on-document-security/")
    assert visitor.url.endswith("/en/events/document-security-training/")

    # Unpublished from the list, after a confirmation that names it.
    page.goto(f"/{settings.ADMIN_URL}activities/event/")
    page.locator("input.action-select").first.check()
    page.locator("select[name=action]").select_option("unpublish")
    page.get_by_role("button", name="Go").click()
    assert "Training course on document security" in page.locator("#content").inner_text()
    page.get_by_role("button", name="Yes, unpublish 1 event").click()
    assert visit("/en/events/document-security-training/")[1].status == 404


def visitor_sees(browser, live_server, path):
    """The page's text as a visitor's first look finds it (a browser of its own, nothing cached),
    or None for a 404."""
    context = browser.new_context(base_url=live_server.url)
    try:
        visitor = context.new_page()
        response = visitor.goto(path)
        return None if response.status == 404 else visitor.locator("main").inner_text()
    finally:
        context.close()


def choose_in_autocomplete(page, field_id, typed, option):
    """Picks `option` in the admin's autocomplete (Select2) for the field `field_id`."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).first.click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editors_change_waits_for_approval_then_a_publisher_schedules_reverts_and_unpublishes(
    page, browser, live_server, settings, seeded, roles
):
    user_in_group("Editors"), user_in_group("Publishers")
    path = "/en/events/requesting-electronic-evidence-expert-meeting-tashkent-2024/"
    admin_path = f"/{settings.ADMIN_URL}activities/event/"
    published_text = "hosted the second expert-level meeting"
    assert published_text in visitor_sees(browser, live_server, path)

    # A mistake first: an end before the start is pointed out at the end date.
    sign_in(page, settings, "editors")
    page.goto(admin_path)
    page.get_by_role("link", name="Second expert-level meeting on requesting electronic evidence").click()
    page.locator("#id_end_date").fill("2024-12-01")
    page.get_by_role("button", name="Save change", exact=True).click()
    expect(page.locator(".field-end_date")).to_contain_text("cannot be before the start date")

    # The Editor's change to the published event waits; visitors see the published text.
    page.locator("#id_end_date").fill("")
    page.locator("#id_summary_en").fill("A proposed summary, waiting for review.")
    page.get_by_role("button", name="Save change and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("waits for a Publisher’s review")
    seen = visitor_sees(browser, live_server, path)
    assert published_text in seen and "A proposed summary" not in seen

    # The Publisher finds it, compares, and approves it.
    sign_in(page, settings, "publishers")
    waiting = page.locator("#waiting-for-review")
    assert "Changes to published events: 1" in waiting.inner_text()
    waiting.get_by_role("link", name="Second expert-level meeting").click()
    table = page.locator("#under-review").inner_text()
    assert published_text in table and "A proposed summary, waiting for review." in table
    page.get_by_role("button", name="Approve the change").click()
    expect(page.locator(".messagelist")).to_contain_text("Approved")
    assert "A proposed summary, waiting for review." in visitor_sees(browser, live_server, path)

    # A mistaken edit, then a revert to the approved text from the history.
    page.locator("#id_summary_en").fill("A mistaken summary.")
    page.get_by_role("button", name="Save and continue editing").click()
    assert "A mistaken summary." in visitor_sees(browser, live_server, path)
    page.get_by_role("link", name="History").click()
    timeline = page.locator("#timeline tbody tr")
    expect(timeline.first).to_contain_text("publishers edited it")  # the mistake, on top
    page.locator("#timeline tr.timeline-approve").get_by_role("link", name="Revert to this version").click()
    assert "A mistaken summary." in page.locator("#revert-differences").inner_text()
    page.get_by_role("button", name="Revert to this version").click()
    expect(page.locator(".messagelist")).to_contain_text("back to that version")
    seen = visitor_sees(browser, live_server, path)
    assert "A proposed summary, waiting for review." in seen and "mistaken" not in seen

    # Scheduled: off the site until tomorrow 09:00 (Vienna), public from then.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.goto(admin_path)
    page.get_by_role("link", name="Second expert-level meeting on requesting electronic evidence").click()
    page.locator("#id_publish_at").fill(f"{tomorrow.isoformat()}T09:00")  # the browser's date-time input
    page.get_by_role("button", name="Save", exact=True).click()
    assert visitor_sees(browser, live_server, path) is None
    with time_machine.travel(timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(9, 1)))):
        assert visitor_sees(browser, live_server, path) is not None

    # Uzbekistan's 2024 events, found with the list's filters and unpublished after a confirmation.
    page.goto(admin_path)
    page.locator('#changelist-filter details[data-filter-title="country"]').get_by_role("link", name="Uzbekistan").click()
    page.wait_for_url("**country=UZ**")
    page.locator('#changelist-filter details[data-filter-title="year"]').get_by_role("link", name="2024").click()
    page.wait_for_url("**year=2024**")
    found = page.locator("#result_list tbody tr").count()
    assert found >= 2
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("unpublish")
    page.get_by_role("button", name="Go").click()
    page.get_by_role("button", name=f"Yes, unpublish {found} events").click()
    uzbekistan = Country.objects.filter(code="UZ")
    assert not Event.objects.published().involving(uzbekistan).filter(start_date__year=2024).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_finance_keeps_the_budgets_and_an_editor_links_a_news_item_to_an_event(
    page, browser, live_server, settings, seeded, roles
):
    user_in_group("Finance"), user_in_group("Editors"), user_in_group("Publishers")

    # Finance corrects the 2017 budget and adds 2018's (figures made up for the test).
    sign_in(page, settings, "finance")
    page.goto(f"/{settings.ADMIN_URL}tntd/budget/")
    page.locator("#result_list").get_by_role("link", name="2017").click()
    page.locator("#id_unified_budget").fill("2955600.00")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#result_list")).to_contain_text("EUR 2,955,600.00")
    page.get_by_role("link", name="Add budget").click()
    choose_in_autocomplete(page, "id_department", "Transnational", "Transnational Threats Department")
    for field, value in (("year", "2018"), ("unified_budget", "3000000"), ("extrabudgetary_pledges", "1000000"),
                         ("staff_total", "30"), ("staff_extrabudgetary", "5")):
        page.locator(f"#id_{field}").fill(value)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#result_list")).to_contain_text("EUR 3,000,000.00")
    budget = visitor_sees(browser, live_server, "/en/budget/")
    assert "EUR 2,955,600" in budget and "EUR 3,000,000" in budget

    # An Editor writes a news item linked to an event (picked by its date and place) for review.
    sign_in(page, settings, "editors")
    page.goto(f"/{settings.ADMIN_URL}news/newsitem/add/")
    page.locator("#id_title_en").press_sequentially("Experts meet again on electronic evidence")
    page.locator("#id_published_on").fill("2024-12-05")
    page.locator("#id_summary_en").fill("Experts met in Tashkent.")
    choose_in_autocomplete(page, "id_related_events", "electronic evidence", "(4 December 2024, Tashkent")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("is submitted")

    # The Publisher publishes it; the event's page lists it.
    sign_in(page, settings, "publishers")
    page.locator("#waiting-for-review").get_by_role("link", name="Experts meet again on electronic evidence").click()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Approved")
    event = visitor_sees(browser, live_server, "/en/events/requesting-electronic-evidence-expert-meeting-tashkent-2024/")
    assert "Experts meet again on electronic evidence" in event


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_one_draft_at_once_are_told_and_lose_nothing(page, browser, live_server, settings, seeded, roles):
    """Both open a draft; one changes the summary and saves; the other, from the form opened
    before, changes the body and saves: told who changed what, with both versions side by side,
    and their body still in the form; saving again keeps both."""
    first = user_in_group("Editors")
    second = factories.UserFactory(username="second-editor", password=PASSWORD)
    second.groups.add(*first.groups.all())
    draft = factories.EventFactory(title="Workshop on risk analysis", slug="risk-analysis", status="draft",
                                   start_date=datetime.date(2027, 5, 3), summary="The first summary.", body="The first body.")
    change_url = f"/{settings.ADMIN_URL}activities/event/{draft.pk}/change/"

    sign_in(page, settings, "editors")
    other = browser.new_context(base_url=live_server.url).new_page()
    sign_in(other, settings, "second-editor")
    page.goto(change_url)
    other.goto(change_url)  # both forms open

    page.locator("#id_summary_en").fill("The summary the first editor wrote.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    other.locator("#id_body_en").fill("The body the second editor wrote.")
    other.get_by_role("button", name="Save", exact=True).click()
    conflict = other.locator("#edit-conflict")
    expect(conflict).to_contain_text("Saved by someone else since you opened this form")
    expect(conflict).to_contain_text("editors")
    expect(conflict.locator("table")).to_contain_text("The summary the first editor wrote.")
    assert other.locator("#id_body_en").input_value() == "The body the second editor wrote."

    # Keeping both: the first editor's summary taken into the form, then saved knowingly.
    other.locator("#id_summary_en").fill("The summary the first editor wrote.")
    other.get_by_role("button", name="Save", exact=True).click()
    expect(other.locator(".messagelist")).to_contain_text("was changed successfully")
    draft.refresh_from_db()
    assert (draft.summary, draft.body) == ("The summary the first editor wrote.", "The body the second editor wrote.")
    other.context.close()
