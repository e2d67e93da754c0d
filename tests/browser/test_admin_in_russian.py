"""A Russian-speaking member of staff does the six daily tasks in a real browser, entirely in
Russian (issue 22): adds an event, submits it, publishes it, finds Uzbekistan's 2017 events,
translates a record on the translation page and corrects a budget. Their browser asks for
Russian; they also choose it on the page "Language" (backoffice/staff_language.py)."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from activities.models import Event
from backoffice.models import StaffProfile
from organisation.models import Budget, Country
from tests.test_admin import user_in_group
from website.languages import in_language

PASSWORD = "correct horse battery staple"


def in_russian(page):
    """The page is in Russian: its language, and no English left in its heading."""
    assert page.locator("html").get_attribute("lang") == "ru", page.url


def visitor_sees(browser, live_server, path):
    context = browser.new_context(base_url=live_server.url, locale="ru-RU")
    try:
        visitor = context.new_page()
        response = visitor.goto(path)
        return None if response.status == 404 else visitor.locator("main").inner_text()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_russian_speaking_member_of_staff_does_the_daily_tasks_in_russian(browser, live_server, settings, seeded, roles):
    olga = user_in_group("Publishers")  # username "publishers": publishes, and keeps the budgets
    olga.groups.add(Group.objects.get(name="Finance"))
    context = browser.new_context(base_url=live_server.url, locale="ru-RU")  # Accept-Language: ru-RU
    page = context.new_page()
    admin = f"/{settings.ADMIN_URL}"

    # Signing in: the page speaks the browser's language.
    page.goto(admin)
    in_russian(page)
    page.locator("#id_username").fill("publishers")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"**{admin}")
    in_russian(page)

    # Russian chosen for good, whatever the browser says next time.
    page.locator("#language-link").click()
    in_russian(page)
    page.get_by_label("Русский").check()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".messagelist")).to_contain_text("Язык административного раздела: Русский")
    assert StaffProfile.objects.get(user=olga).language == "ru"

    # 1. An event, added as a draft: English first (the content's own language), the Russian beside it.
    page.goto(f"{admin}activities/event/add/")
    in_russian(page)
    expect(page.locator("h1")).to_have_text("Добавить мероприятие")
    page.locator("#id_title_en").press_sequentially("Training course on document security")
    page.locator("#id_title_ru").fill("Учебный курс по безопасности документов")
    page.locator("#id_event_type").select_option(label="Учебный курс")
    page.locator("#id_start_date").fill("2027-03-01")
    page.locator("#id_summary_en").fill("Border guards learned to spot forged passports.")
    page.get_by_role("button", name="Сохранить черновик").click()
    in_russian(page)
    expect(page.locator(".messagelist")).to_contain_text("успешно добавлен")
    event = Event.objects.get(slug="training-course-on-document-security")
    assert event.status == "draft"

    # 2. Submitted for review.
    page.locator("#result_list").get_by_role("link", name="Учебный курс по безопасности документов").click()
    in_russian(page)
    page.get_by_role("button", name="Сохранить и отправить на проверку").click()
    expect(page.locator(".messagelist")).to_contain_text("отправлена на проверку")

    # 3. Published: found on the home page, approved on the review page.
    page.goto(admin)
    waiting = page.locator("#waiting-for-review")
    expect(waiting.locator("h2")).to_have_text("Ожидают моей проверки")
    waiting.get_by_role("link", name=re.compile("Учебный курс по безопасности документов")).click()
    in_russian(page)
    page.get_by_role("button", name="Утвердить и опубликовать").click()
    expect(page.locator(".messagelist")).to_contain_text("Утверждено")
    event.refresh_from_db()
    assert event.status == "published"
    assert "Учебный курс по безопасности документов" in visitor_sees(browser, live_server, in_language(event.get_absolute_url(), "ru"))

    # 4. Uzbekistan's 2017 events, with the list's filters.
    page.goto(f"{admin}activities/event/")
    page.locator('#changelist-filter details[data-filter-title="страна"]').get_by_role("link", name="Узбекистан").click()
    page.wait_for_url("**country=UZ**")
    page.locator('#changelist-filter details[data-filter-title="год"]').get_by_role("link", name="2017").click()
    page.wait_for_url("**year=2017**")
    in_russian(page)
    expected = Event.objects.involving(Country.objects.filter(code="UZ")).filter(start_date__year=2017).count()
    assert expected >= 1
    expect(page.locator("#result_list tbody tr")).to_have_count(expected)

    # 5. A record translated: the list names what misses its Russian; the translation page shows
    # the English beside the Russian to write.
    page.goto(f"{admin}activities/event/")
    page.locator('#changelist-filter details[data-filter-title="Перевод: Русский"]').get_by_role("link", name="нет", exact=True).click()
    row = page.locator("#result_list tbody tr", has_text="Учебный курс по безопасности документов")
    expect(row.locator(".missing-fields")).to_have_text("Краткое описание")
    row.get_by_role("link", name="Перевести").click()
    in_russian(page)
    expect(page.locator(".field-summary_en .readonly")).to_have_text("Border guards learned to spot forged passports.")
    expect(page.locator("#id_title_ru")).to_have_count(0)  # translated already: not shown
    page.locator("#id_summary_ru").fill("Пограничники научились распознавать поддельные паспорта.")
    page.get_by_role("button", name="Сохранить", exact=True).click()
    in_russian(page)
    event.refresh_from_db()
    assert event.summary_ru == "Пограничники научились распознавать поддельные паспорта."
    assert event.summary_en == "Border guards learned to spot forged passports."
    assert "Пограничники научились" in visitor_sees(browser, live_server, in_language(event.get_absolute_url(), "ru"))

    # 6. A budget corrected.
    page.goto(f"{admin}tntd/budget/")
    in_russian(page)
    page.locator("#result_list").get_by_role("link", name="2017").click()
    page.locator("#id_unified_budget").fill("2955600.00")
    page.get_by_role("button", name="Сохранить", exact=True).click()
    in_russian(page)
    expect(page.locator("#result_list")).to_contain_text(re.compile(r"2\s955\s600,00\sевро"))
    assert Budget.objects.get(year=2017).unified_budget == 2955600
    context.close()
