"""Photos (tntd/photos.py): described for people who cannot see them, served in resized
renditions, previewed in the admin, and never silently dropped by a form with errors."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from activities.models import Event
from news.models import NewsItem
from tests import factories
from tests.test_admin import admin_url, event_form_data, news_form_data
from tntd.photos import RENDITION_WIDTHS

pytestmark = pytest.mark.django_db

FORMS = {Event: event_form_data, NewsItem: news_form_data}
FACTORIES = {Event: factories.EventFactory, NewsItem: factories.NewsItemFactory}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def jpeg(width=2400, height=1200):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "steelblue").save(buffer, "JPEG")
    return buffer.getvalue()


def with_photo(model, **fields):
    record = FACTORIES[model](photo_alt="Officers at a training session", photo_caption="Training in Dushanbe",
                              photo_credit="OSCE/Daler Khamidov", **fields)
    record.photo.save("training.jpg", ContentFile(jpeg()))
    return record


@pytest.mark.parametrize("model", FORMS, ids=lambda m: m._meta.model_name)
def test_the_public_page_offers_resized_renditions_with_the_alt_text(client, media, model):
    record = with_photo(model)
    html = client.get(record.get_absolute_url()).text
    img = re.search(r'<img src="([^"]+)" srcset="([^"]+)" sizes="[^"]+" alt="([^"]*)">', html)
    assert img, html
    src, srcset, alt = img.groups()
    assert alt == "Officers at a training session"
    assert "Training in Dushanbe" in html and "OSCE/Daler Khamidov" in html  # caption and credit beside it
    candidates = [candidate.split() for candidate in srcset.split(", ")]
    assert [width for _, width in candidates] == [f"{width}w" for width in RENDITION_WIDTHS]
    assert record.photo.url not in html  # never the file as uploaded (2,400 pixels wide)
    for url, width in candidates:
        with Image.open(media / url.removeprefix("/media/")) as image:
            assert image.width == int(width[:-1]) and image.format == "JPEG"
    assert src == candidates[1][0]


def test_a_photo_smaller_than_a_rendition_is_never_enlarged(media):
    record = factories.EventFactory(photo_alt="A small photo")
    record.photo.save("small.jpg", ContentFile(jpeg(600, 400)))
    widths = []
    for url, _ in record.photo_renditions:
        with Image.open(media / url.removeprefix("/media/")) as image:
            widths.append(image.width)
    assert widths == [480, 600, 600]


def test_a_photo_whose_file_is_gone_leaves_the_page_without_it(client, media):
    record = with_photo(Event)
    (media / record.photo.name).unlink()
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200 and "<img" not in response.text.split("<main", 1)[1]


@pytest.mark.parametrize("model", FORMS, ids=lambda m: m._meta.model_name)
def test_a_photo_needs_its_alt_text(admin_client, model):
    photo = SimpleUploadedFile("cadets.jpg", jpeg(), content_type="image/jpeg")
    response = admin_client.post(admin_url(model, "add"), {**FORMS[model](), "photo": photo, "photo_alt": " "})
    form = response.context["adminform"].form
    assert form.errors["photo_alt"] == ["Describe the photo for people who cannot see it."]
    assert not model.objects.exists()


@pytest.mark.parametrize("model", FORMS, ids=lambda m: m._meta.model_name)
def test_a_form_with_errors_says_the_chosen_photo_must_be_chosen_again(admin_client, model):
    photo = SimpleUploadedFile("cadets.jpg", jpeg(), content_type="image/jpeg")
    data = {**FORMS[model](), "title_en": "", "photo": photo, "photo_alt": "Cadets"}
    form = admin_client.post(admin_url(model, "add"), data).context["adminform"].form
    assert form.errors["photo"] == [
        "The photo “cadets.jpg” was not kept because of the other errors on this form: choose it again before saving."
    ]


def test_the_admin_shows_a_thumbnail_of_the_photo(admin_client):
    record = with_photo(Event)
    html = admin_client.get(admin_url(Event, "change", record.pk)).text
    thumbnail = re.search(r'<img src="([^"]+)" alt="" width="160">', html)
    assert thumbnail and thumbnail.group(1) == record.photo_renditions[0][0]
