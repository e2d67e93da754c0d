"""The pages of issue 22 (items 3 and 5) on a 375-pixel phone, in Chromium, on the seed content: no
sideways scrolling, the home page's news on the first screen, and the units' theme filter
usable by its labels."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("url", ["/en/", "/ru/", "/en/departments/", "/ru/units/", "/en/units/", "/en/budget/",
                                 "/en/events/patrolling-and-leadership-course-afghan-border-police-gissar-2017/"])
def test_no_sideways_scrolling_on_a_phone(phone, seeded, url):
    phone.goto(url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url


def test_the_home_page_shows_the_latest_news_on_the_first_screen(phone, seeded):
    phone.goto("/en/")
    news = phone.get_by_role("heading", name="Latest news").bounding_box()
    assert news["y"] < PHONE["height"] - 100
    first = phone.locator("section[aria-labelledby='latest-news'] .item__title").first.bounding_box()
    assert first["y"] < PHONE["height"]


def test_the_units_are_filtered_by_a_theme_ticked_by_its_label(phone, seeded):
    phone.goto("/en/units/")
    everyone = phone.locator(".cards > li").count()
    phone.get_by_role("group", name="Theme").get_by_label(re.compile(r"^Policing")).check()
    phone.get_by_role("button", name="Apply filters").click()
    phone.wait_for_url(re.compile(r"theme=policing"))
    assert 0 < phone.locator(".cards > li").count() < everyone
    assert phone.get_by_role("status").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
