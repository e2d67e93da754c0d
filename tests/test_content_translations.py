"""Content in English and Russian (issue 10, parts 3 and 4; translations/fields.py): the
admin edits both side by side, the original columns keep the English text, public pages show
the Russian text or mark the English one shown instead, feeds and downloads follow the page's
language, and the admin finds what is missing a translation."""

import csv
import datetime
import io
import json

import pytest
from defusedxml import ElementTree
from django.db import connection
from django.utils import translation
from icalendar import Calendar

from activities.models import Event
from editorial.models import PendingChange
from news.models import NewsItem
from organisation.models import Country, Department, Region, Theme, Unit
from publishing.models import Status
from tests import factories
from tests.markup import classes, headings, hrefs, main, parent_of, parse, text_of, with_class
from tests.test_admin import admin_url, event_form_data, news_form_data, post_change, user_in_group

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def stored(model, pk, column):
    """A column as the database holds it, read without the ORM's rewriting."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def event():
    return factories.EventFactory(
        title="Workshop on border checks", slug="border-checks", summary="A workshop.", body="The **body**.",
        venue_city="Vienna", venue_country=Country.objects.get(code="AT"), start_date=datetime.date(2024, 3, 5),
    )


# --- The original column keeps the English text ---------------------------------------------------


def test_saving_with_russian_active_keeps_english_in_the_original_column(event):
    with translation.override("ru"):
        event.title_ru = "Семинар по пограничному контролю"
        event.save()
        assert event.title == "Семинар по пограничному контролю"
        assert Event.objects.values_list("title", flat=True).get(pk=event.pk) == "Семинар по пограничному контролю"
    assert stored(Event, event.pk, "title") == "Workshop on border checks"
    assert stored(Event, event.pk, "title_ru") == "Семинар по пограничному контролю"
    with translation.override("en"):
        assert Event.objects.values_list("title", flat=True).get(pk=event.pk) == "Workshop on border checks"


def test_an_update_in_english_writes_the_original_column_and_one_in_russian_does_not(event):
    Event.objects.filter(pk=event.pk).update(title="Border checks workshop")
    assert stored(Event, event.pk, "title") == stored(Event, event.pk, "title_en") == "Border checks workshop"
    with translation.override("ru"):
        Event.objects.filter(pk=event.pk).update(title="Семинар")
    assert stored(Event, event.pk, "title") == "Border checks workshop"
    assert stored(Event, event.pk, "title_ru") == "Семинар"


def test_records_without_a_russian_name_may_be_many_though_names_are_unique():
    first, second = factories.ThemeFactory(), factories.ThemeFactory()
    for theme in (first, second):
        theme.full_clean()
    assert list(Theme.objects.filter(pk__in=[first.pk, second.pk]).values_list("name_ru", flat=True)) == [None, None]


def test_a_russian_name_is_unique_too():
    factories.ThemeFactory(name="Policing", name_ru="Полицейская деятельность")
    duplicate = factories.ThemeFactory.build(name="Other", slug="other", name_ru="Полицейская деятельность")
    with pytest.raises(Exception, match="already has this name \\[ru\\]"):
        duplicate.full_clean()


# --- Reference data ---------------------------------------------------------------------------


def test_countries_and_regions_have_their_russian_names():
    names = dict(Country.objects.values_list("code", "name_ru"))
    assert len(names) == 69 and all(names.values())
    assert names["MD"] == "Молдова" and names["VA"] == "Святейший Престол" and names["XK"] == "Косово"
    assert names["US"] == "Соединенные Штаты Америки" and names["KG"] == "Кыргызстан"
    assert Country.objects.get(code="MK").name == "North Macedonia"  # English in the original column
    assert stored(Country, Country.objects.get(code="MK").pk, "name") == "North Macedonia"
    assert Region.objects.get(slug="central-asia").name_ru == "Центральная Азия"
    assert Region.objects.get(slug="mediterranean-partners").name_ru == "Средиземноморские партнеры по сотрудничеству"


def test_the_country_page_is_headed_with_its_russian_name(client):
    factories.EventFactory(venue_country=Country.objects.get(code="TJ"))
    assert headings(parse(client.get("/ru/countries/tj/")), "h1") == ["Таджикистан"]
    assert headings(parse(client.get("/en/countries/tj/")), "h1") == ["Tajikistan"]


# --- Public pages: Russian where translated, English marked where not -------------------------------


def marked(element):
    """([the English texts shown in `element`, marked lang="en"], [the marks that say so])."""
    english = [text_of(part) for part in element.iter() if part.get("lang") == "en"]
    return english, [text_of(mark) for mark in with_class(element, "translation-fallback")]


def english_blocks(element):
    """The texts of the blocks of English (lang="en") in `element`, such as a description not translated."""
    return [text_of(block) for block in element.iter("div") if block.get("lang") == "en"]


def test_the_russian_page_shows_the_russian_title_and_text(client, event):
    event.title_ru, event.summary_ru, event.body_ru = "Семинар", "Краткое описание.", "**Текст**."
    event.save()
    document = parse(client.get("/ru/events/border-checks/"))
    content = main(document)
    assert headings(content, "h1") == ["Семинар"]
    assert [text_of(lead) for lead in with_class(content, "lead", "p")] == ["Краткое описание."]
    assert "Текст" in [text_of(strong) for strong in content.iter("strong")]  # the body's Markdown, rendered
    assert marked(content) == ([], [])  # nothing in English, nothing marked


def test_english_shown_for_want_of_russian_is_marked_and_in_english(client, event):
    content = main(parse(client.get("/ru/events/border-checks/")))
    assert marked(content.find(".//h1")) == (["Workshop on border checks"], ["на английском"])
    (lead,) = with_class(content, "lead", "p")
    assert marked(lead) == (["A workshop."], ["на английском"])
    (body,) = [div for div in content.iter("div") if div.get("lang") == "en"]
    assert text_of(body) == "The body." and [text_of(strong) for strong in body.iter("strong")] == ["body"]
    around = list(parent_of(content, body))
    mark = around[around.index(body) - 1]  # said before the body, outside its English
    assert "translation-fallback" in classes(mark) and text_of(mark) == "на английском"


def test_english_pages_show_no_mark(client, event):
    document = parse(client.get("/en/events/border-checks/"))
    assert headings(document, "h1") == ["Workshop on border checks"]
    assert not with_class(document, "translation-fallback")


def test_list_items_mark_english_titles_on_russian_pages(client, event):
    factories.EventFactory(title="Training", title_ru="Учебный курс", slug="training", start_date=datetime.date(2024, 3, 1))
    links = {a.get("href"): a for a in main(parse(client.get("/ru/events/"))).iter("a")}
    assert text_of(links["/ru/events/training/"]) == "Учебный курс"
    assert marked(links["/ru/events/training/"]) == ([], [])
    assert marked(links["/ru/events/border-checks/"]) == (["Workshop on border checks"], ["на английском"])
    assert not with_class(parse(client.get("/en/events/")), "translation-fallback")


def test_news_department_unit_and_theme_pages_mark_english_too(client):
    item = factories.NewsItemFactory(title="Police cadets trained", slug="cadets", summary="Cadets.")
    department = factories.DepartmentFactory(name="Transnational Threats Department", name_ru="Департамент по ТУ",
                                             description="What it does.")
    unit = factories.UnitFactory(department=department, name="Border Unit", description="Borders.")
    theme = factories.ThemeFactory(name="Policing", name_ru="Полицейская деятельность", description="About policing.")
    factories.EventFactory(themes=[theme])
    def russian(record):
        return main(parse(client.get(record.get_absolute_url().replace("/en/", "/ru/"))))

    assert marked(russian(item).find(".//h1")) == (["Police cadets trained"], ["на английском"])
    page = russian(department)
    assert headings(page, "h1")[0].startswith("Департамент по ТУ") and marked(page.find(".//h1"))[0] == []
    assert english_blocks(page) == ["What it does."]
    assert marked(russian(unit).find(".//h1"))[0] == ["Border Unit"]
    page = russian(theme)
    assert headings(page, "h1") == ["Полицейская деятельность"] and english_blocks(page) == ["About policing."]


# --- Feeds, calendars and downloads in the page's language -------------------------------------------


@pytest.fixture
def translated_event(event):
    event.title_ru, event.summary_ru, event.venue_city_ru = "Семинар по пограничному контролю", "Семинар.", "Вена"
    event.save()
    factories.EventFactory(title="Untranslated meeting", slug="meeting", start_date=datetime.date(2024, 2, 1))
    return event


def test_the_russian_event_feed_gives_russian_titles_where_translated(client, translated_event):
    root = ElementTree.fromstring(client.get("/ru/events/feed/").content)
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    assert titles == ["Семинар по пограничному контролю", "Untranslated meeting"]
    root = ElementTree.fromstring(client.get("/en/events/feed/").content)
    assert [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")][0] == "Workshop on border checks"


def test_the_russian_news_feed_gives_russian_titles(client):
    factories.NewsItemFactory(title="Police cadets trained", title_ru="Курсанты полиции обучены", summary_ru="Обучены.")
    root = ElementTree.fromstring(client.get("/ru/news/feed/").content)
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Курсанты полиции обучены"


def test_the_russian_calendar_gives_russian_titles(client, translated_event):
    calendar = Calendar.from_ical(b"".join(client.get("/ru/events/calendar.ics", {"from": "2000-01-01"}).streaming_content))
    summaries = {str(entry["summary"]): str(entry.get("location", "")) for entry in calendar.walk("VEVENT")}
    assert summaries["Семинар по пограничному контролю"].startswith("Вена")
    assert "Untranslated meeting" in summaries
    single = Calendar.from_ical(b"".join(client.get("/ru/events/border-checks/calendar.ics").streaming_content))
    assert [str(entry["summary"]) for entry in single.walk("VEVENT")] == ["Семинар по пограничному контролю"]


def test_the_russian_csv_and_json_give_russian_titles(client, translated_event):
    text = b"".join(client.get("/ru/events/export.csv").streaming_content).decode()
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["Семинар по пограничному контролю"]["summary"] == "Семинар."
    assert rows["Семинар по пограничному контролю"]["venue_city"] == "Вена"
    assert rows["Семинар по пограничному контролю"]["venue_country"] == "Австрия"
    assert "Untranslated meeting" in rows
    records = json.loads(b"".join(client.get("/ru/events/export.json").streaming_content))["results"]
    assert {record["title"] for record in records} == {"Семинар по пограничному контролю", "Untranslated meeting"}
    english = json.loads(b"".join(client.get("/en/events/export.json").streaming_content))["results"]
    assert {record["title"] for record in english} == {"Workshop on border checks", "Untranslated meeting"}


def test_the_russian_news_downloads_give_russian_titles(client):
    factories.NewsItemFactory(title="Police cadets trained", title_ru="Курсанты полиции обучены")
    records = json.loads(b"".join(client.get("/ru/news/export.json").streaming_content))["results"]
    assert [record["title"] for record in records] == ["Курсанты полиции обучены"]
    text = b"".join(client.get("/ru/news/export.csv").streaming_content).decode()
    assert "Курсанты полиции обучены" in text


# --- The admin ----------------------------------------------------------------------------


def test_the_add_and_change_forms_show_english_and_russian_side_by_side(admin_client, event):
    for url in (admin_url(Event, "add"), admin_url(Event, "change", event.pk)):
        response = admin_client.get(url)
        form = response.context["adminform"].form
        assert {"title_en", "title_ru", "summary_en", "summary_ru", "body_en", "body_ru"} <= set(form.fields)
        assert "title" not in form.fields
        assert form.fields["title_en"].required and not form.fields["title_ru"].required
        fieldsets = dict(response.context["adminform"].model_admin.get_fieldsets(response.wsgi_request, None))
        assert ("title_en", "title_ru") in fieldsets[None]["fields"]  # one row: side by side
    for model in (Theme, Country, Region, Department, Unit, NewsItem):
        fields = admin_client.get(admin_url(model, "add")).context["adminform"].form.fields
        name = "title" if model is NewsItem else "name"
        assert {f"{name}_en", f"{name}_ru"} <= set(fields) and fields[f"{name}_en"].required


def test_saving_a_russian_title_in_the_admin(admin_client):
    data = event_form_data(title_ru="Семинар по пограничному контролю", summary_ru="Семинар.")
    assert admin_client.post(admin_url(Event, "add"), data).status_code == 302
    event = Event.objects.get()
    assert event.slug == "workshop-on-border-checks"
    assert (event.title_en, event.title_ru, event.summary_ru) == ("Workshop on border checks", "Семинар по пограничному контролю", "Семинар.")
    assert stored(Event, event.pk, "title") == "Workshop on border checks"


def test_admin_search_finds_russian_titles(admin_client, event):
    factories.EventFactory(title="Other", title_ru="Другое", slug="other")
    event.title_ru = "Семинар по пограничному контролю"
    event.save()
    found = admin_client.get(admin_url(Event, "changelist"), {"q": "пограничному"}).context["cl"].result_list
    assert list(found) == [event]
    found = admin_client.get(admin_url(Country, "changelist"), {"q": "Молдова"}).context["cl"].result_list
    assert [country.code for country in found] == ["MD"]


def test_the_missing_translation_filter(admin_client, event):
    complete = factories.EventFactory(title="Training", title_ru="Курс", summary="", body="", venue_city="",
                                      slug="training")
    partly = factories.EventFactory(title="Meeting", title_ru="Встреча", summary="Met.", slug="meeting")
    blank = factories.EventFactory(title="Talk", title_ru="", summary="", body="", venue_city="", slug="talk")

    def listed(value):
        response = admin_client.get(admin_url(Event, "changelist"), {"translation_ru": value})
        return {record.slug for record in response.context["cl"].result_list}

    assert listed("missing") == {event.slug, partly.slug, blank.slug}
    assert listed("complete") == {complete.slug}
    response = admin_client.get(admin_url(Event, "changelist"))
    assert "translation_ru" in [getattr(spec, "parameter_name", None) for spec in response.context["cl"].filter_specs]
    assert "?translation_ru=missing" in hrefs(parse(response))

    for model in (Theme, Country, Region, Department, Unit, NewsItem):
        response = admin_client.get(admin_url(model, "changelist"), {"translation_ru": "missing"})
        assert response.status_code == 200, model
    countries = admin_client.get(admin_url(Country, "changelist"), {"translation_ru": "missing"}).context["cl"]
    assert countries.result_count == 0  # every country has its Russian name


def test_the_missing_translation_filter_is_one_query(admin_client, django_assert_max_num_queries):
    for _ in range(30):
        factories.ThemeFactory()
    with django_assert_max_num_queries(20):
        admin_client.get(admin_url(Theme, "changelist"), {"translation_ru": "missing"})


# --- Review: a Russian change waits like any other ----------------------------------------------


def test_a_russian_change_to_a_published_event_waits_for_review_and_is_applied_on_approval(client, event):
    editor, publisher = user_in_group("Editors"), user_in_group("Publishers")
    client.force_login(editor)
    data = event_form_data(title=event.title, slug=event.slug, start_date="2024-03-05", date_precision="day",
                           summary=event.summary, body=event.body, venue_city=event.venue_city,
                           title_ru="Семинар по пограничному контролю")
    assert post_change(client, event, data, step="submit").status_code == 302
    assert PendingChange.objects.of(event).exists()
    event.refresh_from_db()
    assert event.title_ru is None  # not live
    client.logout()
    assert "Семинар по пограничному контролю" not in client.get("/ru/events/border-checks/").content.decode()

    client.force_login(publisher)
    review = client.get(admin_url(Event, "review", event.pk))
    assert [row[0] for row in review.context["rows"]] == ["title [ru]"]
    assert client.post(admin_url(Event, "review", event.pk), {"decision": "approve"}).status_code == 302
    event.refresh_from_db()
    assert event.title_ru == "Семинар по пограничному контролю"
    assert event.status == Status.PUBLISHED
    assert stored(Event, event.pk, "title") == "Workshop on border checks"
    client.logout()
    assert headings(parse(client.get("/ru/events/border-checks/")), "h1") == ["Семинар по пограничному контролю"]


def test_a_news_items_russian_change_is_held_too(client):
    item = factories.NewsItemFactory(title="Police cadets trained", slug="police-cadets-trained",
                                     published_on=datetime.date(2024, 12, 16), summary="Cadets trained.", body="")
    client.force_login(user_in_group("Editors"))
    data = news_form_data(kind=item.kind, summary_ru="Курсанты обучены.")
    assert post_change(client, item, data).status_code == 302
    assert PendingChange.objects.of(item).exists()
    item.refresh_from_db()
    assert item.summary_ru is None
