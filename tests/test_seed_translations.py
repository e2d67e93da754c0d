"""The seed content in Russian (issue 22): every text of every seed record has its Russian,
which keeps the English's figures and dates, and the Russian pages of the seed content show
no English in place of a missing translation."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from activities.models import Event
from news.models import NewsItem
from organisation.models import Country, Department, DepartmentLink, OsceStructure, PartnerOrganisation, Region, Theme, Unit
from tests.seeded import seed_site_for_module
from translations.fields import translated_fields

pytestmark = pytest.mark.django_db
SEEDED = [Department, DepartmentLink, Theme, Unit, OsceStructure, PartnerOrganisation, Event, NewsItem]


@pytest.fixture(scope="module")
def seeded_site(django_db_setup, django_db_blocker, tmp_path_factory):
    with seed_site_for_module(django_db_blocker, tmp_path_factory):
        yield


def texts(model):
    """(record, field, English, Russian) for every translated text of `model`'s seed records."""
    for record in model.objects.all():
        for field in translated_fields(model):
            yield record, field, getattr(record, f"{field}_en") or "", getattr(record, f"{field}_ru") or ""


@pytest.mark.parametrize("model", SEEDED, ids=lambda model: model.__name__)
def test_every_seed_text_has_its_russian(seeded_site, model):
    missing = [f"{record} · {field}" for record, field, english, russian in texts(model) if english and not russian]
    assert model.objects.exists() and missing == []


@pytest.mark.parametrize("model", SEEDED, ids=lambda model: model.__name__)
def test_the_russian_keeps_every_figure_and_date_of_the_english(seeded_site, model):
    changed = []
    for record, field, english, russian in texts(model):
        if sorted(re.findall(r"\d+", english)) != sorted(re.findall(r"\d+", russian)):
            changed.append((str(record), field, re.findall(r"\d+", english), re.findall(r"\d+", russian)))
    assert changed == []


def test_the_places_of_the_seed_are_named_in_russian(seeded_site):
    places = Event.objects.exclude(venue_city="").select_related("venue_country")
    assert places.exists()
    for event in places:
        assert re.fullmatch(r"[А-Яа-яЁё\- ]+", event.venue_city_ru), event.venue_city_ru
        if event.venue_country:
            assert re.fullmatch(r"[А-Яа-яЁё\- ]+", event.venue_country.name_ru), event.venue_country.name_ru


def test_the_countries_and_regions_the_seed_names_have_russian_names(seeded_site):
    named = Country.objects.filter(events_taking_part__isnull=False).distinct() | Country.objects.filter(events_hosted__isnull=False).distinct()
    assert named.exists() and not named.filter(name_ru__in=["", None]).exists()
    assert not Region.objects.filter(name_ru__in=["", None]).exists()


def seed_pages():
    with translation.override("ru"):
        yield reverse("home")
        yield reverse("event_list")
        yield reverse("news_list")
        for model in (Event, NewsItem, Theme, Unit):
            for record in model.objects.all():
                yield record.get_absolute_url()
        yield Department.objects.get().get_absolute_url()


def test_the_russian_pages_of_the_seed_content_show_no_english_stand_in(seeded_site, client):
    marked = []
    for path in seed_pages():
        assert path.startswith("/ru/")
        response = client.get(path)
        assert response.status_code == 200, path
        if b'class="translation-fallback"' in response.content:
            marked.append(path)
    assert marked == []
