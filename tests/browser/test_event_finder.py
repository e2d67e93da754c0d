"""A visitor finds events in a real browser, on the seed content."""

import re

import pytest
from icalendar import Calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def result_count(page):
    return int(page.locator(".result-count strong").inner_text())


def listed_titles(page):
    return page.locator(".items .item__title").all_inner_texts()


def test_visitor_filters_by_country_and_theme_then_downloads_an_event(page, seeded, tmp_path):
    page.goto("/events/")
    total = result_count(page)
    assert total == 36

    # Ticking a box applies it at once (progressive enhancement); the URL is shareable.
    page.get_by_role("group", name="Country").get_by_label(re.compile(r"^Albania \(\d+")).check()
    page.wait_for_url(re.compile(r"country=AL"))
    in_albania = result_count(page)
    assert 0 < in_albania < total

    page.get_by_role("group", name="Theme").get_by_label(re.compile(r"^Countering terrorism")).check()
    page.wait_for_url(re.compile(r"theme=countering-terrorism"))
    both = result_count(page)
    assert 0 < both <= in_albania
    assert len(listed_titles(page)) == both
    assert page.get_by_role("link", name="Remove filter Country: Albania").is_visible()

    page.get_by_role("link", name="Remove filter Country: Albania").click()
    page.wait_for_url(re.compile(r"^(?!.*country=).*theme=countering-terrorism"))
    assert result_count(page) >= both
    assert page.get_by_role("link", name="Remove filter Country: Albania").count() == 0

    first = page.locator(".items .item__title a").first
    title = first.inner_text()
    first.click()
    assert page.get_by_role("heading", level=1).inner_text() == title

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    path = tmp_path / "event.ics"
    download_info.value.save_as(path)
    (entry,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(entry["summary"]) == title


def test_filters_work_without_javascript(browser, live_server, seeded):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/events/")
    page.get_by_role("group", name="Country").get_by_label(re.compile(r"^Uzbekistan")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"country=UZ"))
    assert result_count(page) == len(listed_titles(page)) > 0
    context.close()


def test_keyboard_user_reaches_the_content_with_the_skip_link(page, seeded):
    page.goto("/events/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
