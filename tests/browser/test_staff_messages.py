"""A member of staff who gets something wrong is told in their words, and keeps what they typed
(issue 23, item 4)."""

import datetime

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_editorial_workflow import sign_in
from tests.test_admin import user_in_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_who_reuses_a_web_address_is_told_so_and_loses_nothing(page, settings, roles):
    user_in_group("Editors")
    factories.EventFactory(slug="border-course-2024", start_date=datetime.date(2024, 5, 1))
    sign_in(page, settings, "editors")
    page.goto(f"/{settings.ADMIN_URL}activities/event/add/")
    page.locator("#id_title_en").fill("Another border course")
    page.locator("#id_start_date").fill("2024-06-03")
    page.locator("#id_event_type").select_option("training_course")
    page.locator("#id_summary_en").fill("Typed with care.")
    page.locator("#id_slug").fill("border-course-2024")  # last: the title's typing fills it in too
    page.get_by_role("button", name="Save and submit for review").click()

    error = page.locator(".errorlist").first
    expect(error).to_contain_text("Another event already has this web address")
    assert "Event with this Slug already exists" not in page.content()
    # What was typed is still there.
    assert page.locator("#id_title_en").input_value() == "Another border course"
    assert page.locator("#id_summary_en").input_value() == "Typed with care."
    assert page.locator("#id_start_date").input_value() == "2024-06-03"
