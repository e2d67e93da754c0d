"""The back office's forms and lists at 1,024 px (issue 23, items 1 and 3): the event list's "Public"
column in view, a date typed in the browser's own date input and saved, the title as wide as the
form and clear of the object tools, a news item scheduled with its one publication control, the
country filter searched, and an amount typed without separators shown with them."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from activities.models import Event
from news.models import NewsItem
from organisation.models import Budget, Country
from tests import factories
from tests.browser.test_editorial_workflow import sign_in
from tests.test_admin import user_in_group

WIDTH = 1024
LONG_TITLE = (
    "Regional training course for border police officers and customs officials of Central Asia on detecting "
    "forged travel documents, with a practical exercise at the Tashkent international airport"
)


def box(locator):
    found = locator.bounding_box()
    assert found is not None, locator
    return found


def overlap(a, b):
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_publisher_at_1024_px_sees_the_key_columns_and_fills_in_dates_that_fit(page, settings, roles):
    page.set_viewport_size({"width": WIDTH, "height": 800})
    user_in_group("Publishers")
    uzbekistan = Country.objects.get(code="UZ")
    event = factories.EventFactory(
        title=LONG_TITLE, slug="long-course", start_date=datetime.date(2024, 12, 4), venue_country=uzbekistan,
        venue_city="Tashkent", countries=[uzbekistan],
    )
    for code in ("AL", "AT", "BA", "BY", "KG", "KZ", "RS", "TJ"):  # a country filter long enough to search
        factories.EventFactory(countries=[Country.objects.get(code=code)])
    sign_in(page, settings, "publishers")

    # The list: "Public" in view, without scrolling sideways.
    page.goto(f"/{settings.ADMIN_URL}activities/event/")
    public = page.locator("#result_list thead th.column-publication")
    expect(public).to_be_visible()
    assert box(public)["x"] + box(public)["width"] <= WIDTH
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH

    # The country filter, narrowed to Uzbekistan as one types.
    countries = page.locator('#changelist-filter details[data-filter-title="country"]')
    countries.get_by_role("searchbox").fill("uzb")
    expect(countries.locator("li:visible")).to_have_text(["All", "Uzbekistan"])
    countries.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**country=UZ**")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)

    # The form: the long title in full view, the title box as wide as the form.
    page.locator("#result_list").get_by_role("link", name=LONG_TITLE).click()
    heading, tools = page.locator("#content h2").first, page.locator("#content-main > .object-tools")
    title = page.locator("#id_title_en")
    assert not overlap(box(heading), box(tools))
    assert not overlap(box(tools), box(title))
    fieldset = box(page.locator("#content-main fieldset").first)
    assert box(title)["x"] + box(title)["width"] >= fieldset["x"] + fieldset["width"] - 30  # to the form's edge
    assert box(title)["width"] >= 0.6 * fieldset["width"]

    # A date through the browser's date input, shown in the site's words, saved as typed.
    start = page.locator("#id_start_date")
    assert start.get_attribute("type") == "date"
    start.fill("2024-12-05")
    expect(page.locator(".field-start_date .date-shown")).to_have_text("5 December 2024")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Event.objects.get(pk=event.pk).start_date == datetime.date(2024, 12, 5)
    # No calendar widget, no note about the server's time.
    page.locator("#result_list").get_by_role("link", name=LONG_TITLE).click()
    assert page.locator(".datetimeshortcuts, .timezonewarning").count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_news_item_is_scheduled_with_one_control_and_an_amount_is_typed_without_separators(
    page, settings, roles
):
    page.set_viewport_size({"width": WIDTH, "height": 800})
    user_in_group("Publishers"), user_in_group("Finance")
    sign_in(page, settings, "publishers")

    page.goto(f"/{settings.ADMIN_URL}news/newsitem/add/")
    page.locator("#id_title_en").press_sequentially("Call for applications")
    expect(page.get_by_label("Now: dated today", exact=False)).to_be_checked()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.locator("#id_published_on").fill(f"{tomorrow.isoformat()}T09:00")
    expect(page.locator("#id_published_on_at")).to_be_checked()  # typing a date chooses "At"
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("is scheduled")
    item = NewsItem.objects.get()
    assert item.published_on == tomorrow
    assert timezone.localtime(item.publish_at).replace(tzinfo=None) == datetime.datetime.combine(
        tomorrow, datetime.time(9, 0))

    # Finance types an amount without separators; the form shows it grouped, in euros.
    department = factories.DepartmentFactory(name="Transnational Threats Department", acronym="TNTD")
    sign_in(page, settings, "finance")
    page.goto(f"/{settings.ADMIN_URL}tntd/budget/add/")
    expect(page.locator("#id_department")).to_have_value(str(department.pk))  # the only department
    for field, value in (("year", "2018"), ("extrabudgetary_pledges", "1000000"), ("staff_total", "30"),
                         ("staff_extrabudgetary", "5")):
        page.locator(f"#id_{field}").fill(value)
    page.locator("#id_unified_budget").fill("2965500")
    page.locator("#id_unified_budget").blur()
    expect(page.locator("#id_unified_budget")).to_have_value("2,965,500.00")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#result_list")).to_contain_text("EUR 2,965,500.00")
    assert Budget.objects.get().unified_budget == Decimal("2965500.00")
