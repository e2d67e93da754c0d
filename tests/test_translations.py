"""The interface in Russian (issue 10, part 1): the catalogue complete and in step with the code,
Russian plural forms, and every public page rendered in Russian with no interface string left
in English (checked against the catalogue), with dates and numbers written the Russian way.

The English pages are what every other test reads. Content from the database (titles, names,
bodies) stays English until it is translated itself, so the page check leaves it aside.

One helper chooses the language of a request: `in_russian()`, which asks for the page's /ru/
address (website/languages.py).
"""

import csv
import datetime
import json
import re
import shutil
from html.parser import HTMLParser

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

from activities.models import DatePrecision, Event, EventStatus
from news.models import NewsItem
from organisation import map as event_map
from organisation.models import Country, Department, DepartmentLink, OsceStructure, PartnerOrganisation, Region, Theme, Unit
from richtext import markdown as rich_text
from tests import factories
from tests.seeded import seed_site_for_module
from website.languages import in_language, without_language

pytestmark = pytest.mark.django_db

PO = settings.BASE_DIR / "locale" / "ru" / "LC_MESSAGES" / "django.po"
# What makemessages leaves out, as the Makefile's `messages` target does.
NOT_SCANNED = ["tests", "docs", "staticfiles", "media", "locale"]
RUSSIAN_PLURALS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)
# What an untranslated msgid is looked for by: its English words between placeholders and tags.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>")


def read_catalogue(path=PO):
    with open(path, "rb") as po:
        return read_po(po, locale="ru")


def messages(catalogue):
    return [message for message in catalogue if message.id]


def key(message):
    return message.context, message.id


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """The catalogue as Django reads it: compiled here when the .mo is missing or older than
    the .po (`make` does the same before running the tests), then read afresh by Django
    (overriding LOCALE_PATHS empties its cache of catalogues)."""
    mo = PO.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < PO.stat().st_mtime:
        with open(mo, "wb") as out:
            write_mo(out, read_catalogue())
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


def in_russian(client, url):
    """The page at `url` (an address in any language, or in none) as a visitor reading Russian
    gets it: at its /ru/ address."""
    return client.get(in_language(url, "ru"))


# --- The catalogue ------------------------------------------------------------------------------


def test_catalogue_is_russian_with_russian_plural_forms():
    catalogue = read_catalogue()
    header = dict(catalogue.mime_headers)
    assert header["Language"] == "ru"
    assert header["Plural-Forms"] == RUSSIAN_PLURALS
    assert not catalogue.fuzzy


def test_every_message_is_translated_in_every_plural_form_and_none_is_fuzzy():
    catalogue = read_catalogue()
    assert len(messages(catalogue)) > 300
    untranslated = [key(m) for m in messages(catalogue) if not all(m.string if m.pluralizable else [m.string])]
    assert untranslated == []
    plural_counts = {key(m): len(m.string) for m in messages(catalogue) if m.pluralizable}
    assert plural_counts and set(plural_counts.values()) == {3}
    assert [key(m) for m in messages(catalogue) if m.fuzzy] == []
    assert list(catalogue.obsolete) == []
    # Babel's checks: placeholders of every translation match its msgid's.
    assert [(key(m), errors) for m, errors in catalogue.check()] == []


def test_russian_plural_forms():
    with translation.override("ru"):
        assert [ngettext("%(count)s event", "%(count)s events", n) % {"count": n} for n in (1, 2, 5, 21, 11, 22, 0)] == [
            "1 мероприятие", "2 мероприятия", "5 мероприятий", "21 мероприятие", "11 мероприятий", "22 мероприятия",
            "0 мероприятий",
        ]
        assert [f"{n} {ngettext('news item', 'news items', n)}" for n in (1, 3, 12)] == ["1 новость", "3 новости", "12 новостей"]
        assert event_map.events(1234) == "1\xa0234 мероприятия"  # grouped the Russian way
    with translation.override("en"):
        assert [event_map.events(n) for n in (0, 1, 1234)] == ["no events", "1 event", "1,234 events"]


def test_catalogue_holds_every_message_of_the_code_and_no_other(tmp_path, monkeypatch):
    """makemessages run afresh over the code gives the committed catalogue's messages: a string
    marked since, or no longer used, means running `make messages` and translating.

    It runs over a copy of the code, with a locale folder of its own: makemessages writes into
    the locale folder beside the files it reads, which must not be the project's."""
    if shutil.which("xgettext") is None:
        pytest.skip("xgettext (GNU gettext) is not installed, so the code's messages cannot be extracted")
    code = tmp_path / "code"
    shutil.copytree(
        settings.BASE_DIR, code,
        ignore=shutil.ignore_patterns(".*", "__pycache__", "*.sqlite3", "node_modules", *NOT_SCANNED),
    )
    monkeypatch.chdir(code)
    with override_settings(LOCALE_PATHS=[code / "locale"]):
        call_command("makemessages", locale=["ru"], no_location=True, ignore_patterns=NOT_SCANNED, verbosity=0)
    extracted = {key(m) for m in messages(read_catalogue(code / "locale" / "ru" / "LC_MESSAGES" / "django.po"))}
    committed = {key(m) for m in messages(read_catalogue())}
    assert sorted(extracted - committed, key=str) == [], "marked in the code but not in the catalogue"
    assert sorted(committed - extracted, key=str) == [], "in the catalogue but no longer in the code"


# --- Every public page in Russian --------------------------------------------------------------


class VisibleText(HTMLParser):
    """The text a visitor reads or hears: text nodes outside scripts and styles, the title, and
    the attributes that are read out or shown (alt, title, aria-label, a meta description)."""

    ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self.skipping += 1
        self.texts += [attrs[name] for name in self.ATTRIBUTES if attrs.get(name)]
        if tag == "meta" and (attrs.get("name") == "description" or attrs.get("property") in ("og:title", "og:description")):
            self.texts.append(attrs.get("content") or "")
        if tag == "input" and attrs.get("type") == "submit":
            self.texts.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data)


def visible_texts(html):
    parser = VisibleText()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.texts if text.strip()]


def content_strings():
    """Every text of the database's content and of the site's country data, as stored and as
    shown (bodies as their rendered text): English until the content itself is translated."""
    texts = set()
    for model in (Event, NewsItem, Theme, Country, Region, Department, DepartmentLink, Unit, OsceStructure,
                  PartnerOrganisation):
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.CharField | models.TextField)]
        for row in model.objects.values_list(*fields):
            for value in row:
                if value:
                    texts.add(" ".join(value.split()))
                    texts.update(visible_texts(rich_text.render(value)))
    with event_map.COUNTRIES_CSV.open(encoding="utf-8", newline="") as rows:
        texts.update(row["name"].strip() for row in csv.DictReader(rows))
    texts.update(json.loads(event_map.MAP_JSON.read_text(encoding="utf-8"))["names"].values())
    return sorted((text for text in texts if len(text) >= 3), key=len, reverse=True)


def without_content(text, content):
    """`text` with the content in it left out: "" for a text that is content (or a shortened
    piece of it, "… words …"), else the text with each piece of content removed."""
    bare = text.strip().rstrip("…").strip()
    if any(bare in piece for piece in content):
        return ""
    for piece in content:
        if piece in text:
            text = text.replace(piece, " ")
    return text


def english_words(catalogue):
    """{English words of a msgid: msgid} for every message whose Russian differs from its
    English, from its words between placeholders with at least four letters ("OSCE", "Events")."""
    found = {}
    for message in messages(catalogue):
        english = message.id if message.pluralizable else (message.id,)
        russian = message.string if message.pluralizable else (message.string,)
        if set(russian) <= set(english):
            continue  # the same in both languages ("%(headline)s — %(noun)s")
        for text in english:
            for piece in PLACEHOLDER.split(text):
                words = " ".join(piece.split()).strip(" ,.:;()–—·")
                if sum(char.isalpha() for char in words) >= 4:
                    found[words] = message.id
    return found


def untranslated(html, content, english):
    texts = [left for text in visible_texts(html) if (left := without_content(text, content)).strip()]
    page = "\n".join(texts)
    return sorted(
        (words, msgid) for words, msgid in english.items() if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", page)
    )


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seed content, plus events that are cancelled, postponed, rescheduled and moved online,
    with participants: every public page kind, fetched in Russian once for the tests here (and
    in English, for comparison), in a transaction rolled back afterwards."""
    with seed_site_for_module(django_db_blocker, tmp_path_factory):
        tajikistan = Country.objects.get(code="TJ")
        for status in (EventStatus.CANCELLED, EventStatus.POSTPONED, EventStatus.MOVED_ONLINE):
            factories.EventFactory(title=f"Event {status}", slug=f"event-{status}", event_status=status,
                                   venue_country=tajikistan, start_date=datetime.date(2026, 3, 1),
                                   date_precision=DatePrecision.MONTH)
        factories.EventFactory(
            title="Event rescheduled", slug="event-rescheduled", event_status=EventStatus.RESCHEDULED,
            start_date=datetime.date(2025, 11, 28), end_date=datetime.date(2025, 12, 2),
            original_start_date=datetime.date(2025, 10, 1), original_end_date=datetime.date(2025, 10, 3),
            participants_total=27, participants_women=18, participants_men=9, is_online=True,
        )
        theme, unit = Theme.objects.first(), Unit.objects.first()
        region, structure = Region.objects.first(), OsceStructure.objects.exclude(events=None).first()
        news = NewsItem.objects.published().exclude(kind="").first()
        pages = [
            "/", "/events/", "/events/?when=past&page=2", "/news/", "/themes/", "/countries/", "/budget/",
            "/departments/", "/units/", "/units/?theme=" + theme.slug + "&theme=nope&colour=blue",
            # A facet in effect, and input the finder ignores, with its notes.
            "/events/?type=training_course&country=tj&colour=blue&year=soon&from=2018-01-01&to=2017-01-01&page=x",
            "/events/?theme=" + theme.slug + "&when=upcoming&q=border",
            "/news/?type=press_release&region=" + region.slug + "&from=2024-01-01&to=2024-12-31&page=0",
            # Nothing found.
            "/events/?q=nothing-matches-this", "/news/?q=nothing-matches-this&type=statement",
            "/events/?page=999",  # the 404 that says where the results end
            Event.objects.get(slug="patrolling-and-leadership-course-afghan-border-police-gissar-2017").get_absolute_url(),
            *(f"/events/event-{status}/" for status in ("cancelled", "postponed", "moved_online", "rescheduled")),
            news.get_absolute_url(), theme.get_absolute_url(), "/countries/tj/", region.get_absolute_url(),
            structure.get_absolute_url(), unit.get_absolute_url(), unit.department.get_absolute_url(),
            "/no-such-page/",
        ]
        pages = [without_language(url) for url in pages]  # "/en/events/x/" -> "/events/x/"
        client = Client()
        russian = {url: in_russian(client, url) for url in pages}
        english = {url: client.get(in_language(url, "en")) for url in pages}
        with translation.override("ru"):
            errors = {name: render_to_string(name) for name in ("500.html", "503.html")}
        content = content_strings()
    for url, response in russian.items():
        assert response.status_code == english[url].status_code == (404 if "999" in url or "no-such" in url else 200), url
    return {
        "russian": {url: response.content.decode() for url, response in russian.items()} | errors,
        "english": {url: response.content.decode() for url, response in english.items()},
        "content": content,
    }


def test_every_public_page_in_russian_has_no_english_interface_string(site):
    english = english_words(read_catalogue())
    assert "Events" in english and "Apply filters" in english  # the check has something to find
    left_in_english = {
        url: found for url, html in site["russian"].items() if (found := untranslated(html, site["content"], english))
    }
    assert left_in_english == {}


def test_the_check_finds_an_english_string_left_on_a_russian_page(site):
    """The check itself: an English interface string is found; the same words in content are not."""
    english = english_words(read_catalogue())
    html = site["russian"]["/events/"]
    assert untranslated(html.replace("Применить фильтры", "Apply filters"), site["content"], english) == [
        ("Apply filters", "Apply filters")
    ]
    assert untranslated("<p>Training course for Afghan border police</p>", ["Training course for Afghan border police"],
                        english) == []


def test_russian_pages_say_what_they_are_in_russian(site):
    pages = site["russian"]
    assert '<html lang="ru">' in pages["/"] and '<meta property="og:locale" content="ru_RU">' in pages["/"]
    assert "<title>Департамент по транснациональным угрозам ОБСЕ</title>" in pages["/"]
    assert ">Применить фильтры</button>" in pages["/events/"]
    filtered = pages["/events/?type=training_course&country=tj&colour=blue&year=soon&from=2018-01-01&to=2017-01-01&page=x"]
    assert "<h1>Учебные курсы — Таджикистан с 1 января 2018 г. по 1 января 2017 г.</h1>" in filtered
    assert "Неизвестный фильтр «colour» не учтен." in filtered
    assert "Дата в поле «С» (1 января 2018 г.) позже даты в поле «По» (1 января 2017 г.)." in filtered
    assert "«x» — не номер страницы; показана страница 1." in filtered
    assert "Опубликованных мероприятий, соответствующих запросу, нет." in pages["/events/?q=nothing-matches-this"]
    assert "Страницы 999 нет: результаты заканчиваются на странице" in pages["/events/?page=999"]
    assert "Страница не найдена" in pages["/no-such-page/"]
    assert "Отменено: мероприятие не состоится." in pages["/events/event-cancelled/"]
    assert "<dd>27 (18 женщин, 9 мужчин)</dd>" in pages["/events/event-rescheduled/"]
    assert "<html lang=\"ru\">" in pages["503.html"] and "Временно недоступно" in pages["503.html"]


def test_russian_dates_and_numbers(site):
    russian, english = site["russian"], site["english"]
    month = "/events/patrolling-and-leadership-course-afghan-border-police-gissar-2017/"
    # A month in lower case mid-line, as Russian writes it (Django's format capitalises it).
    # The machine-readable date says no more than the page: a month.
    assert '<time datetime="2017-07">июль 2017 г.</time>' in russian[month]
    assert '<time datetime="2017-07">July 2017</time>' in english[month]
    # Days in the genitive; a period across two months; the machine-readable date unchanged.
    rescheduled = russian["/events/event-rescheduled/"]
    assert '<time datetime="2025-11-28">28 ноября – 2 декабря 2025 г.</time>' in rescheduled
    assert "Перенесено. Новые сроки: 28 ноября – 2 декабря 2025 г. (первоначально: 1–3 октября 2025 г.)." in rescheduled
    # Amounts grouped with a no-break space, the currency after them.
    assert "2\xa0955\xa0500 евро" in russian["/budget/"] and "EUR 2,955,500" in english["/budget/"]
    assert "2\xa0955\xa0500 евро" in russian["/"]


def test_headline_patterns_let_russian_reorder_and_keep_english_as_it_was(site):
    with translation.override("en"):
        assert gettext("%(subject)s in %(country)s") % {"subject": "Training courses", "country": "Uzbekistan"} == (
            "Training courses in Uzbekistan"
        )
    with translation.override("ru"):
        assert gettext("%(subject)s in %(country)s") % {"subject": "Учебные курсы", "country": "Узбекистан"} == (
            "Учебные курсы — Узбекистан"
        )


def test_archive_counts_show_choice_labels_in_the_page_language(client):
    """The counts are of keys, the same in every language: a finder shows its own words for
    the choices (event types), and the names of records (countries) in its language."""
    factories.EventFactory(event_type=Event.Type.TRAINING_COURSE, venue_country=Country.objects.get(code="TJ"))
    factories.EventFactory(event_type=Event.Type.CONFERENCE, venue_country=Country.objects.get(code="UZ"))  # two of each: shown
    html = in_russian(client, "/events/").content.decode()
    assert 'Учебный курс <span class="count">(1<span class="visually-hidden"> мероприятие</span>)</span>' in html
    # Countries have Russian names (organisation/data/osce-countries.csv): the page shows them.
    assert 'Таджикистан <span class="count">(1<span class="visually-hidden"> мероприятие</span>)</span>' in html
