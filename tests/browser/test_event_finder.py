"""A visitor finds events in a real browser, on the seed content."""

import csv
import io
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def result_count(page):
    return int(page.locator(".result-count strong").inner_text())


def listed_titles(page):
    return page.locator(".items .item__title").all_inner_texts()


def test_visitor_filters_by_country_and_theme_then_downloads_an_event(page, seeded, tmp_path):
    page.goto("/en/events/")
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
    # Every seed event is over: the page says so, and offers no calendar entry.
    assert page.locator(".notice--past").is_visible()
    assert page.get_by_role("link", name="Add to calendar (.ics)").count() == 0
    page.go_back()

    with page.expect_download() as download_info:
        page.locator(".downloads").get_by_role("link", name=re.compile(r"as CSV$")).click()
    path = tmp_path / "events.csv"
    download_info.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == result_count(page) and title in {row["title"] for row in rows}


def test_filters_work_without_javascript(browser, live_server, seeded):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/en/events/")
    page.get_by_role("group", name="Country").get_by_label(re.compile(r"^Uzbekistan")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"country=UZ"))
    assert result_count(page) == len(listed_titles(page)) > 0
    context.close()


def test_keyboard_user_reaches_the_content_with_the_skip_link(page, seeded):
    page.goto("/en/events/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_visitor_chooses_a_region_and_a_theme_and_the_map_follows(page, seeded):
    page.goto("/en/events/")
    page.get_by_role("group", name="Region").get_by_label(re.compile(r"^Central Asia \(\d+")).check()
    page.wait_for_url(re.compile(r"region=central-asia"))
    page.get_by_role("group", name="Theme").get_by_label(re.compile(r"^Policing")).check()
    page.wait_for_url(re.compile(r"theme=policing"))
    shown = result_count(page)
    assert shown > 0

    # The map shades and links the countries of what the list shows (an event in Central Asia
    # may involve a country elsewhere too), with its counts.
    links = page.locator("#event-map a")
    labels = links.evaluate_all("links => links.map(link => link.getAttribute('aria-label'))")
    counts = {label.split(":")[0]: int(re.search(r"(\d+) event", label).group(1)) for label in labels}
    assert set(counts) & {"Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"}
    assert max(counts.values()) <= shown
    # The outlines come from the shared shapes file (`<use>`): drawn, at their size, and filled.
    shape = links.first.locator("use")
    box = shape.bounding_box()
    assert box["width"] > 2 and box["height"] > 2
    assert shape.evaluate("use => getComputedStyle(use).fill") not in ("", "none", "rgb(0, 0, 0)")
    table = page.locator(".event-map__details")
    table.locator("summary").click()
    assert table.locator("tbody tr").count() == len(counts)

    # A country on the map adds it to the filters: the list then holds its count.
    country, expected = max(counts.items(), key=lambda item: item[1])
    page.locator("#event-map").get_by_role("link", name=re.compile(rf"^{country}:")).click()
    page.wait_for_url(re.compile(r"country="))
    assert page.get_by_role("link", name=f"Remove filter Country: {country}").is_visible()
    assert page.get_by_role("link", name="Remove filter Region: Central Asia").is_visible()
    assert result_count(page) == expected


def test_the_map_is_readable_on_a_phone(browser, live_server, seeded):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto("/en/events/")
    box = page.locator("#event-map svg").bounding_box()
    assert 300 <= box["width"] <= 375  # the whole width of the phone, no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_an_event_pages_structured_data_is_read_and_the_csp_holds(page, seeded):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto("/en/events/requesting-electronic-evidence-expert-meeting-tashkent-2024/")
    data = page.evaluate(
        "[...document.querySelectorAll('script[type=\"application/ld+json\"]')].map(s => JSON.parse(s.textContent))"
    )
    assert {block["@type"] for block in data} == {"Event", "BreadcrumbList"}
    assert not [text for text in messages if "Content Security Policy" in text]


def test_on_a_phone_the_results_come_first_and_the_filters_open_from_their_button(browser, live_server, seeded):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto("/en/events/?country=AL&theme=countering-terrorism")
    toggle = page.get_by_text(re.compile(r"^Filters \(2\)"))
    form = page.get_by_role("search", name="Filter events")
    assert toggle.is_visible() and not form.is_visible()
    first_result = page.locator(".items .item__title").first.bounding_box()
    assert first_result["y"] < 740 - 100  # begins on the first screen

    toggle.click()
    assert form.is_visible()
    # A click, not uncheck(): ticking submits the form, and the next page has the box elsewhere.
    page.get_by_role("group", name="Country").get_by_label(re.compile(r"^Albania")).click()
    page.wait_for_url(re.compile(r"^(?!.*country=).*theme=countering-terrorism"))
    # The next page opens the filters again at the box just used, for the next choice.
    assert page.get_by_text(re.compile(r"^Filters \(1\)")).is_visible()
    assert page.get_by_role("search", name="Filter events").is_visible()
    assert page.evaluate("document.activeElement.value") == "AL"
    page.goto("/en/events/?theme=countering-terrorism")  # arriving otherwise: the results first
    assert not page.get_by_role("search", name="Filter events").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_on_a_wide_screen_the_filters_are_always_open_beside_the_results(page, seeded):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/en/events/")
    form = page.get_by_role("search", name="Filter events").bounding_box()
    results = page.locator("#results").bounding_box()
    assert form["x"] + form["width"] <= results["x"]  # side by side
    assert not page.get_by_text(re.compile(r"^Filters")).first.is_visible()


def test_empty_fields_stay_out_of_the_address(page, seeded):
    page.goto("/en/events/")
    page.get_by_label("Keywords").fill("border")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"q=border"))
    assert page.url.split("?", 1)[1] == "q=border"


def test_a_search_without_results_says_so_once_and_offers_the_filters_to_remove(page, seeded):
    page.goto("/en/events/?country=AL&q=nothing-is-called-this")
    status = page.get_by_role("status")
    assert status.is_visible() and status.inner_text()
    assert page.locator(".items li").count() == 0
    assert page.locator("#event-map").count() == 0 and page.locator(".downloads").count() == 0
    # Every facet shown still offers something; none says it has nothing to offer.
    for facet in page.locator(".facet:not(.facet--dates)").all():
        assert facet.locator("input[type=checkbox]").count() > 0
    page.get_by_role("link", name=re.compile(r"^Remove filter Keywords")).click()
    page.wait_for_url(re.compile(r"^(?!.*q=).*country=AL"))
    assert result_count(page) > 0
