"""The back office in each member of staff's language (issue 22, item 2): English or Russian as
their profile says, else as their browser asks (backoffice/staff_language.py); chosen on the page
"Language"; public pages keep the language of their address. The translation filter says which
fields miss their Russian, and the translation page (backoffice/model_admins.py: TranslatedAdmin) shows the
English beside the Russian to write, saved as the change form saves: the review workflow and
the edit-conflict check apply.

The catalogue's own checks (every message translated, none fuzzy) are in test_translations.py.
"""

import datetime
import re

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from activities.models import DatePrecision, Event
from backoffice.models import StaffProfile
from editorial.models import PendingChange, State, TimelineEntry
from organisation.models import Country, Theme
from publishing.models import Status
from tests import factories
from tests.markup import by_id, field, fields, hrefs, parse, text_of, with_class
from tests.test_admin import admin_url, event_form_data, filter_choices, opened_form_token, user_in_group
from tests.test_translations import content_strings, visible_texts

pytestmark = pytest.mark.django_db

PO = settings.BASE_DIR / "locale" / "ru" / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """The catalogue as Django reads it, compiled when the .mo is missing or older than the .po
    (as tests/test_translations.py does)."""
    mo = PO.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < PO.stat().st_mtime:
        with open(PO, "rb") as po, open(mo, "wb") as out:
            write_mo(out, read_po(po, locale="ru"))
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


def original_column(record, name):
    """What the original column of a translated field holds (`title`, not title_en or title_ru),
    read past modeltranslation, which rewrites `title` to the active language's column."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {name} FROM {record._meta.db_table} WHERE id = %s", [record.pk])
        return cursor.fetchone()[0]


def html_lang(response):
    return parse(response).get("lang")


def speaking(user, language):
    """`user`, whose profile asks for the back office in `language` ("" for the browser's)."""
    StaffProfile.objects.update_or_create(
        user=user, defaults={"language": language, "second_factor_due": datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)}
    )
    return user


@pytest.fixture
def russian_publisher(db):
    return speaking(user_in_group("Publishers"), "ru")


# --- Which language ------------------------------------------------------------------------------


@pytest.mark.parametrize(("accept", "expected"), [("ru", "ru"), ("ru-RU,ru;q=0.9,en;q=0.8", "ru"), ("en-GB,en", "en"),
                                                  ("de-DE,de", "en"), ("", "en")])
def test_without_a_choice_the_back_office_speaks_the_browsers_language(admin_client, accept, expected):
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    assert html_lang(response) == expected
    assert response["Content-Language"] == expected
    assert "Accept-Language" in response["Vary"]


def test_the_sign_in_and_password_reset_pages_speak_the_browsers_language(client):
    sign_in = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="ru")
    assert html_lang(sign_in) == "ru"
    assert "Одноразовый код" in sign_in.content.decode()  # the one-time code's label
    reset = client.get(reverse("admin_password_reset"), HTTP_ACCEPT_LANGUAGE="ru")
    assert html_lang(reset) == "ru"
    assert html_lang(client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")) == "en"


@pytest.mark.parametrize(("chosen", "accept", "expected"), [("ru", "en", "ru"), ("en", "ru", "en"), ("", "ru", "ru")])
def test_a_staff_members_choice_comes_before_the_browsers(client, superuser, chosen, accept, expected):
    speaking(superuser, chosen)
    client.force_login(superuser)
    for path in ("/admin/", admin_url(Event, "changelist"), admin_url(Event, "add"), reverse("admin:language")):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept)
        assert (path, html_lang(response)) == (path, expected)


def test_each_member_of_staff_gets_their_own_language(superuser):
    russian, english = Client(), Client()
    russian.force_login(speaking(superuser, "ru"))
    english.force_login(speaking(factories.UserFactory(username="anna", is_superuser=True), "en"))
    for _ in range(2):
        assert html_lang(russian.get("/admin/")) == "ru"
        assert html_lang(english.get("/admin/")) == "en"


def test_the_language_page_keeps_the_choice_and_returns_where_the_user_was(admin_client, superuser):
    page = admin_client.get(reverse("admin:language"), {"next": "/admin/activities/event/"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert [value for value, _ in page.context["form"].fields["language"].choices] == ["", "en", "ru"]

    response = admin_client.post(reverse("admin:language"), {"language": "ru", "next": "/admin/activities/event/"})
    assert response.status_code == 302 and response["Location"] == "/admin/activities/event/"
    assert StaffProfile.objects.get(user=superuser).language == "ru"
    followed = admin_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(followed) == "ru"
    assert [str(message) for message in followed.context["messages"]] == ["Язык административного раздела: Русский."]

    # Back to the browser's language; an address elsewhere is not followed.
    response = admin_client.post(reverse("admin:language"), {"language": "", "next": "https://example.com/"})
    assert response["Location"] == reverse("admin:index")
    assert StaffProfile.objects.get(user=superuser).language == ""
    assert html_lang(admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")) == "en"

    refused = admin_client.post(reverse("admin:language"), {"language": "de"})
    assert refused.status_code == 200 and refused.context["form"].errors
    assert StaffProfile.objects.get(user=superuser).language == ""


def test_every_admin_page_links_to_the_language_page(admin_client):
    links = hrefs(parse(admin_client.get(admin_url(Theme, "changelist"))))
    assert f'{reverse("admin:language")}?next={admin_url(Theme, "changelist")}' in links


def test_the_language_page_needs_a_member_of_staff(client):
    response = client.get(reverse("admin:language"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.post(reverse("admin:language"), {"language": "ru"}).status_code == 302
    assert not StaffProfile.objects.exists()


# --- Public pages keep the language of their address ---------------------------------------------


def test_public_pages_keep_the_language_of_their_address_for_staff_who_chose_russian(client, superuser):
    factories.EventFactory(title="Workshop on border checks", slug="workshop-on-border-checks")
    client.force_login(speaking(superuser, "ru"))
    assert html_lang(client.get("/admin/")) == "ru"
    english = client.get("/en/events/", HTTP_ACCEPT_LANGUAGE="ru")
    assert html_lang(english) == "en" and english["Content-Language"] == "en"
    assert html_lang(client.get("/ru/events/", HTTP_ACCEPT_LANGUAGE="en")) == "ru"
    # The bare root chooses by the browser, not by the back office's setting.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/en/"


def test_a_public_page_never_reads_the_back_offices_setting(client, superuser):
    """The language is chosen in the back office's views only: no middleware does it for every
    request, so a public page costs what it did."""
    factories.EventFactory()
    client.force_login(speaking(superuser, "ru"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/events/").status_code == 200
    assert not [query for query in queries if "tntd_staffprofile" in query["sql"]]
    assert not [name for name in settings.MIDDLEWARE if "staff_language" in name]
    with CaptureQueriesContext(connection) as queries:
        client.get("/admin/")
    assert len([query for query in queries if "tntd_staffprofile" in query["sql"]]) == 1


# --- The back office in Russian ------------------------------------------------------------------


def test_the_event_form_is_in_russian(client, russian_publisher):
    client.force_login(russian_publisher)
    html = client.get(admin_url(Event, "add")).content.decode()
    texts = visible_texts(html)
    assert html_lang_of(html) == "ru"
    for label in ("Заголовок [en]:", "Дата начала:", "Краткое описание [ru]:", "Добавить мероприятие"):
        assert label in texts, label
    assert 'value="Сохранить и отправить на проверку"' in html


def html_lang_of(html):
    return parse(html).get("lang")


def test_the_lists_filters_and_actions_are_in_russian(client, russian_publisher):
    factories.EventFactory()
    client.force_login(russian_publisher)
    html = client.get(admin_url(Event, "changelist")).content.decode()
    for text in ("Мероприятия", "Опубликовать выбранные записи (мероприятия)", "Перевод: Русский", "статус"):
        assert text in html, text


def test_a_namesake_is_found_by_its_english_title_in_russian_too(client, russian_publisher):
    factories.EventFactory(title="Workshop on border checks", slug="first", title_ru="Семинар")
    second = factories.EventFactory(title="Workshop on border checks", slug="second", status=Status.DRAFT)
    client.force_login(russian_publisher)
    response = client.post(admin_url(Event, "change", second.pk), {
        **event_form_data(slug="second", start_date="2017-05-10", date_precision="day"),
        "edit_token": opened_form_token(client, second)}, follow=True)
    assert any("first" in str(message) or "Семинар" in str(message) for message in response.context["messages"]
               if message.level_tag == "warning")


def test_the_workflow_keeps_what_it_stores_in_english_whoever_takes_the_step(client, russian_publisher):
    event = factories.EventFactory(title="Workshop on border checks", status=Status.DRAFT, title_ru="Семинар")
    client.force_login(russian_publisher)
    response = client.post(admin_url(Event, "changelist"), {
        "action": "publish", "_selected_action": [event.pk], "confirmed": "yes"})
    assert response.status_code == 302
    entry = TimelineEntry.objects.of(event).get()
    assert entry.object_repr.startswith("Workshop on border checks")
    assert LogEntry.objects.get(object_id=str(event.pk)).change_message == "Published (bulk action)."
    assert Version.objects.get_for_object(event).first().revision.get_comment() == "Published"
    messages = [str(message) for message in client.get("/admin/").context["messages"]]
    assert messages == ["Опубликована 1 запись (мероприятие)."]


def test_authors_read_the_publishers_decision_in_their_own_language(client, russian_publisher,
                                                                    django_capture_on_commit_callbacks):
    english_author = user_in_group("Editors")
    russian_author = speaking(factories.UserFactory(username="olga"), "ru")
    russian_author.groups.add(*english_author.groups.all())
    for author, slug in ((english_author, "in-english"), (russian_author, "in-russian")):
        event = factories.EventFactory(title=f"Workshop {slug}", slug=slug, status=Status.DRAFT)
        client.force_login(author)
        client.post(admin_url(Event, "change", event.pk), {
            **event_form_data(title=event.title, slug=slug, start_date="2027-03-01"),
            "edit_token": opened_form_token(client, event), "_step_submit": "1"})
        assert Event.objects.get(pk=event.pk).status == Status.REVIEW
        client.force_login(russian_publisher)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(admin_url(Event, "review", event.pk), {"decision": "send_back", "note": "Даты?"})
    english, russian = mail.outbox
    assert english.to == [english_author.email] and english.subject.startswith("[TNTD] Sent back to you")
    assert russian.to == [russian_author.email] and russian.subject.startswith("[TNTD] Возвращено вам на доработку")
    assert "Даты?" in russian.body and "Даты?" in english.body


# --- Which fields miss their translation ---------------------------------------------------------


@pytest.fixture
def translations():
    """Three events: one with no Russian at all, one missing only its summary's, one complete."""
    common = {"start_date": datetime.date(2017, 5, 10), "status": Status.DRAFT}
    return {
        "none": factories.EventFactory(title="No Russian", slug="no-russian", **common),
        "summary": factories.EventFactory(title="Russian title only", slug="title-only", title_ru="Только заголовок",
                                          **common),
        "complete": factories.EventFactory(title="All in Russian", slug="all-russian", title_ru="Всё по-русски",
                                           summary="A summary.", summary_ru="Краткое описание.", **common),
    }


def listed(response):
    return {row.title for row in response.context["cl"].result_list}


def test_the_filter_finds_records_missing_a_field_and_the_list_says_which(admin_client, translations):
    assert filter_choices(admin_client, Event, "Russian translation") == [
        "All", "missing", "missing: Title", "missing: Venue city", "missing: Summary", "missing: Text", "complete"]

    missing = admin_client.get(admin_url(Event, "changelist"), {"translation_ru": "missing"})
    assert listed(missing) == {"No Russian", "Russian title only"}
    assert listed(admin_client.get(admin_url(Event, "changelist"), {"translation_ru": "missing-title"})) == {"No Russian"}
    assert listed(admin_client.get(admin_url(Event, "changelist"), {"translation_ru": "missing-summary"})) == {
        "No Russian", "Russian title only"}
    assert listed(admin_client.get(admin_url(Event, "changelist"), {"translation_ru": "complete"})) == {"All in Russian"}
    assert listed(admin_client.get(admin_url(Event, "changelist"), {"translation_ru": "missing-nonsense"})) == {
        "No Russian", "Russian title only", "All in Russian"}

    assert missing_in_russian(missing) == {
        "No Russian": ("Title, Summary", [f"{translate_url(translations['none'])}?_changelist_filters=translation_ru%3Dmissing"]),
        "Russian title only": ("Summary", [f"{translate_url(translations['summary'])}?_changelist_filters=translation_ru%3Dmissing"]),
    }
    # Without the filter, no column.
    assert missing_in_russian(admin_client.get(admin_url(Event, "changelist"))) == {}


def test_the_organisations_lists_say_which_fields_miss_their_russian_too(admin_client):
    theme = factories.ThemeFactory(name="Policing", description="About policing.", name_ru="Полицейская деятельность")
    response = admin_client.get(admin_url(Theme, "changelist"), {"translation_ru": "missing"})
    assert listed_names(response) == {"Policing"}
    assert missing_in_russian(response) == {"Policing": ("Description", [translate_url(theme) + "?_changelist_filters=translation_ru%3Dmissing"])}


def missing_in_russian(response):
    """{each record listed: (the fields its Russian lacks, the links to its translation page)}, as
    the column that the filter adds shows them; {} without that column."""
    document = parse(response)
    rows = document.findall(".//table[@id='result_list']/tbody/tr")
    if not with_class(document, "column-missing_ru", "th"):
        assert not [cell for row in rows for cell in with_class(row, "field-missing_ru")]
        return {}
    found = {}
    for record, row in zip(response.context["cl"].result_list, rows, strict=True):
        (cell,) = with_class(row, "field-missing_ru")
        names = with_class(cell, "missing-fields")
        found[getattr(record, "title", None) or str(record)] = (text_of(names[0]) if names else None, hrefs(cell))
    return {record: missing for record, missing in found.items() if missing != (None, [])}


def listed_names(response):
    return {str(row) for row in response.context["cl"].result_list}


def changelist_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(Event, "changelist"), params)
    assert response.status_code == 200
    return len(queries), response.context["cl"].result_count


def test_the_missing_fields_column_costs_no_query(admin_client):
    countries = list(Country.objects.order_by("code")[:3])
    factories.EventFactory.create_batch(3, countries=countries, status=Status.DRAFT)
    changelist_queries(admin_client, {})  # warm the content types' cache
    with_column, rows = changelist_queries(admin_client, {"translation_ru": "missing"})
    without_column, _ = changelist_queries(admin_client, {"translation_ru": "complete"})
    assert rows == 3 and with_column == without_column
    factories.EventFactory.create_batch(27, countries=countries, status=Status.DRAFT)
    assert changelist_queries(admin_client, {"translation_ru": "missing"}) == (with_column, 30)
    assert changelist_queries(admin_client, {"translation_ru": "missing-summary"}) == (with_column, 30)


# --- The translation page ------------------------------------------------------------------------


def translate_url(record, language="ru"):
    return admin_url(type(record), "translate", record.pk, language)


def fields_shown(response):
    return [name for line in response.context["adminform"] for row in line for name in row.fields]


def test_the_translation_page_shows_the_english_beside_the_fields_that_need_russian(admin_client, translations):
    record = translations["summary"]
    response = admin_client.get(translate_url(record))
    assert response.status_code == 200
    assert fields_shown(response) == ["summary_en", "summary_ru", "edit_token"]
    document = parse(response)
    assert "Summary of Russian title only." in [text_of(shown) for shown in with_class(document, "readonly", "div")]
    assert fields(document, "summary_ru") and not fields(document, "summary_en") and not fields(document, "title_ru")
    assert by_id(document, "translation-toggle").get("href")

    everything = admin_client.get(translate_url(record), {"all": "1"})
    assert fields_shown(everything)[:-1] == ["title_en", "title_ru", "venue_city_en", "venue_city_ru", "summary_en",
                                             "summary_ru", "body_en", "body_ru"]
    assert field(parse(everything), "title_ru").get("value") == "Только заголовок"
    # A record with nothing missing shows every field, and says so.
    complete = admin_client.get(translate_url(translations["complete"]))
    assert len(fields_shown(complete)) == 9 and complete.context["complete"]


def test_the_change_form_links_to_the_translation_page(admin_client, translations):
    document = parse(admin_client.get(admin_url(Event, "change", translations["none"].pk)))
    assert translate_url(translations["none"]) in hrefs(document)


def test_the_translation_page_saves_the_russian_and_leaves_the_english_alone(admin_client, translations):
    record = translations["none"]
    opened = admin_client.get(translate_url(record), {"_changelist_filters": "translation_ru=missing"})
    token = opened.context["adminform"].form["edit_token"].value()
    response = admin_client.post(f"{translate_url(record)}?_changelist_filters=translation_ru%3Dmissing", {
        "title_ru": "Без перевода", "summary_ru": "Краткое описание.", "edit_token": token, "_step_save": "1"})
    assert response.status_code == 302
    assert response["Location"] == admin_url(Event, "changelist") + "?translation_ru=missing"
    record.refresh_from_db()
    assert (record.title_en, record.title_ru, record.summary_ru) == ("No Russian", "Без перевода", "Краткое описание.")
    assert original_column(record, "title") == "No Russian"
    assert Version.objects.get_for_object(record).exists()  # a revision, as every save in the admin


def test_save_and_continue_stays_on_the_translation_page(admin_client, translations):
    record = translations["none"]
    token = admin_client.get(translate_url(record)).context["adminform"].form["edit_token"].value()
    response = admin_client.post(translate_url(record), {"title_ru": "Без перевода", "summary_ru": "",
                                                         "edit_token": token, "_continue": "1"})
    assert response.status_code == 302 and response["Location"] == translate_url(record)
    # The fields are those the form had, even once the title has its Russian.
    again = admin_client.get(response["Location"])
    assert fields_shown(again)[:-1] == ["summary_en", "summary_ru"]


def test_a_russian_change_to_a_published_event_waits_for_review(client, translations):
    editor, publisher = user_in_group("Editors"), speaking(user_in_group("Publishers"), "ru")
    event = factories.EventFactory(title="Workshop on border checks", slug="workshop-on-border-checks",
                                   start_date=datetime.date(2027, 3, 1), date_precision=DatePrecision.MONTH)
    client.force_login(speaking(editor, "ru"))
    page = client.get(translate_url(event))
    assert with_class(parse(page), "review-notice")  # the form says edits wait for review
    assert [step for step, _, _ in page.context["steps"]] == ["save", "submit"]
    token = page.context["adminform"].form["edit_token"].value()
    response = client.post(translate_url(event), {"title_ru": "Семинар по пограничному контролю",
                                                  "summary_ru": "Краткое описание.", "edit_token": token,
                                                  "_step_submit": "1"})
    assert response.status_code == 302
    change = PendingChange.objects.get()
    assert change.state == State.REVIEW and list(change.authors.all()) == [editor]
    event.refresh_from_db()
    assert event.title_ru in (None, "") and event.status == Status.PUBLISHED
    client.logout()
    assert "Семинар по пограничному контролю" not in client.get("/ru/events/workshop-on-border-checks/").content.decode()

    client.force_login(publisher)
    review = client.get(admin_url(Event, "review", event.pk))
    assert "Семинар по пограничному контролю" in review.content.decode()
    client.post(admin_url(Event, "review", event.pk), {"decision": "approve", "seen_version": review.context["seen_version"]})
    event.refresh_from_db()
    assert event.title_ru == "Семинар по пограничному контролю" and event.title_en == "Workshop on border checks"
    assert original_column(event, "title") == "Workshop on border checks"
    client.logout()
    assert "Семинар по пограничному контролю" in client.get("/ru/events/workshop-on-border-checks/").content.decode()


def test_a_translation_from_a_page_opened_before_someone_elses_save_is_refused(client, superuser, translations):
    record = translations["none"]
    client.force_login(superuser)
    token = client.get(translate_url(record)).context["adminform"].form["edit_token"].value()
    other = Client()
    other.force_login(factories.UserFactory(username="anna", is_superuser=True))
    other_token = other.get(translate_url(record)).context["adminform"].form["edit_token"].value()
    assert other.post(translate_url(record), {"title_ru": "Их заголовок", "summary_ru": "", "edit_token": other_token,
                                              "_step_save": "1"}).status_code == 302

    response = client.post(translate_url(record), {"title_ru": "Мой заголовок", "summary_ru": "Моё описание.",
                                                   "edit_token": token, "_step_save": "1"})
    assert response.status_code == 200
    assert response.context["adminform"].form.conflict is not None
    document = parse(response)
    assert by_id(document, "edit-conflict").get("role") == "alert"
    assert field(document, "title_ru").get("value") == "Мой заголовок"  # nothing typed is lost
    record.refresh_from_db()
    assert record.title_ru == "Их заголовок"


def test_the_translation_page_of_an_organisation_record(admin_client):
    theme = factories.ThemeFactory(name="Policing", description="About policing.")
    page = admin_client.get(translate_url(theme))
    assert fields_shown(page)[:-1] == ["name_en", "name_ru", "description_en", "description_ru"]
    token = page.context["adminform"].form["edit_token"].value()
    response = admin_client.post(translate_url(theme), {"name_ru": "Полицейская деятельность", "description_ru": "",
                                                        "edit_token": token, "_save": "1"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.name_en, theme.name_ru, theme.slug) == ("Policing", "Полицейская деятельность", theme.slug)


def test_the_translation_page_refuses_what_it_cannot_do(client, translations):
    record = translations["none"]
    client.force_login(user_in_group("Finance"))  # may not see events
    assert client.get(translate_url(record)).status_code == 403
    client.force_login(factories.UserFactory(username="root", is_superuser=True))
    assert client.get(translate_url(record, "en")).status_code == 404  # English is the original
    assert client.get(translate_url(record, "de")).status_code == 404
    assert client.get(admin_url(Event, "translate", 999999, "ru")).status_code == 302  # gone: back to the list


def test_the_translation_page_in_russian(client, russian_publisher, translations):
    client.force_login(russian_publisher)
    html = client.get(translate_url(translations["summary"])).content.decode()
    assert html_lang_of(html) == "ru"
    texts = visible_texts(html)
    assert "Краткое описание [en]:" in texts and "Краткое описание [ru]:" in texts
    assert "Показать все переводимые поля" in texts


# --- Every page of the back office in Russian ------------------------------------------------------

# Words that stay as they are in Russian: formats, codes, addresses, apps' names, the language's own
# name, and Django's one untranslated text (the search field's icon, alt="Search").
NOT_ENGLISH = re.compile(
    r"Markdown|JSON|JPEG|PNG|WebP|\bISO\b|\d+-\d alpha-\d|\bXK\b|\bURL\b|\(slug\)|\[en\]|\[ru\]|https?://\S+|www\.\S+|/[a-z/-]+/"
    r"|OSCE/Daler Khamidov|\bEnglish\b|\bSearch\b|\bEUR\b|FreeOTP|Google Authenticator|Microsoft Authenticator"
    r"|\b[A-Z2-7]{16,}\b"  # an authenticator's key, in base 32
    r"|\bCES?T\b"  # the time zone's abbreviation (backoffice.widgets.time_zone_label), the same in Russian
)


# Third-party apps listed beside the project's (django-axes, django-otp), and the list of revisions
# (django-reversion-compare) with their stored comments: their own catalogues, and data.
THIRD_PARTY = re.compile(
    r'<div class="app-(axes|otp_static|otp_totp)\b.*?</table>\s*</div>|<div class="module" id="revisions">.*?</table>', re.S
)


def english_left(html, content, names):
    """The visible texts of a page that still hold English words once its content, the users'
    names and the words that stay as they are in Russian are left out."""
    html = THIRD_PARTY.sub("", html)
    found = []
    for text in visible_texts(html):
        bare = text.strip().rstrip("…").strip()
        if any(bare in piece for piece in content) or bare.startswith(("[{", '["')):  # content, or data as JSON
            continue
        rest = text
        for piece in [*content, *names]:
            rest = rest.replace(piece, " ")
        rest = NOT_ENGLISH.sub(" ", rest)
        if re.search(r"[A-Za-z]{3,}", rest):
            found.append(rest)
    return found


def back_office_pages(in_review, published, draft, version):
    """The addresses of every kind of page of the back office: the workflow's, a record's history,
    and each list, add and change page of the project's models."""
    pages = {
        "/admin/", reverse("admin:language"), reverse("admin:editorial_my_work"), reverse("admin:second_factor"),
        reverse("admin:password_change"),
        admin_url(Event, "changelist") + "?translation_ru=missing", admin_url(Event, "recoverlist"),
        admin_url(Event, "review", in_review.pk), admin_url(Event, "review", published.pk),
        admin_url(Event, "history", draft.pk), admin_url(Event, "revision", draft.pk, version.pk),
        admin_url(Event, "compare", draft.pk) + f"?version_id1={version.pk}&version_id2={version.pk}",
        translate_url(draft), translate_url(draft) + "?all=1", translate_url(Theme.objects.first()),
    }
    for model in admin.site._registry:
        if model._meta.app_label not in {"tntd", "activities", "news", "editorial"}:
            continue
        pages.add(admin_url(model, "changelist"))
        if model not in (PendingChange, TimelineEntry):
            pages.add(admin_url(model, "add"))
        record = model._default_manager.first()
        if record is not None:
            pages.add(admin_url(model, "change", record.pk))
    return pages


def test_every_page_of_the_back_office_in_russian_has_no_english_interface_text(client, russian_publisher):
    call_command("load_seed_content", verbosity=0)
    ivan = speaking(factories.UserFactory(username="ivan", is_superuser=True), "ru")
    editor = speaking(user_in_group("Editors"), "ru")
    in_review = factories.EventFactory(title="Workshop in review", slug="in-review", status=Status.REVIEW)
    published = factories.EventFactory(title="Workshop on border checks", slug="workshop-on-border-checks",
                                       start_date=datetime.date(2027, 3, 1), date_precision=DatePrecision.MONTH)
    client.force_login(editor)
    client.post(admin_url(Event, "change", published.pk), {
        **event_form_data(start_date="2027-03-01", summary="A proposed summary."),
        "edit_token": opened_form_token(client, published), "_step_submit": "1"})
    assert PendingChange.objects.filter(object_id=published.pk).exists()
    client.force_login(ivan)
    draft = Event.objects.exclude(pk__in=[in_review.pk, published.pk]).first()
    client.post(admin_url(Event, "change", draft.pk), {
        **event_form_data(title=draft.title_en, slug=draft.slug, start_date=str(draft.start_date),
                          date_precision=draft.date_precision, venue_city="Tirana"),
        "edit_token": opened_form_token(client, draft), "_continue": "1"})
    version = Version.objects.get_for_object(draft).first()
    pages = back_office_pages(in_review, published, draft, version)
    # The records' text, and what the workflow stores of them in English (publishing/snapshots.py: in_english).
    stored = [*TimelineEntry.objects.values_list("object_repr", flat=True), "A proposed summary."]
    content, names = sorted({*content_strings(), *stored}, key=len, reverse=True), ["ivan", "editors", "publishers"]
    left = {}
    for page in sorted(pages):
        response = client.get(page)
        assert response.status_code == 200, page
        assert html_lang(response) == "ru", page
        if found := english_left(response.content.decode(), content, names):
            left[page] = found
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="ru")
    for page in ("/admin/login/", reverse("admin_password_reset")):
        if found := english_left(anonymous.get(page).content.decode(), content, names):
            left[page] = found
    confirm = client.post(admin_url(Event, "changelist"), {"action": "publish", "_selected_action": [in_review.pk]})
    assert confirm.status_code == 200 and html_lang(confirm) == "ru"
    if found := english_left(confirm.content.decode(), content, names):
        left["confirm publishing"] = found
    reject = client.post(admin_url(Event, "review", published.pk), {"decision": "reject", "note": "Нет."})
    assert reject.status_code == 200 and html_lang(reject) == "ru"
    if found := english_left(reject.content.decode(), content, names):
        left["confirm rejecting"] = found
    assert left == {}
    # The check itself: an English text is found, the same words in content are not.
    assert english_left("<p>Save draft</p><p>Workshop in review</p>", content, names) == ["Save draft"]
