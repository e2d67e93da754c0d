"""A member of staff signs in to the back office in a real browser."""

import pytest

from tests.factories import UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_signs_in_to_the_admin(page, settings):
    UserFactory(username="editor", password="correct horse battery staple", is_superuser=True)

    page.goto(f"/{settings.ADMIN_URL}")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(f"**/{settings.ADMIN_URL}")
    assert page.get_by_role("link", name="Log out").count() + page.get_by_role("button", name="Log out").count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_event_form_works_under_the_content_security_policy(page, settings):
    UserFactory(username="publisher", password="correct horse battery staple", is_superuser=True)
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)

    page.goto(f"/{settings.ADMIN_URL}")
    page.get_by_label("Username").fill("publisher")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/{settings.ADMIN_URL}activities/event/add/")
    page.locator("#id_title_en").press_sequentially("Workshop on border checks")

    assert page.locator("#id_slug").input_value() == "workshop-on-border-checks"  # the admin's own script ran
    assert refused == []
