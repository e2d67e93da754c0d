"""Photos (photos/models.py): described for people who cannot see them, served in resized
renditions made once when saved, previewed in the admin, bounded in size, never dropped by a
form with errors, and, in a change waiting for review, out of the public's reach."""

import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from activities.models import Event
from editorial.models import PendingChange
from news.models import NewsItem
from photos.models import RENDITION_WIDTHS
from tests import factories
from tests.markup import by_id, main, parse, text_of
from tests.test_admin import admin_url, event_form_data, news_form_data, post_change, user_in_group

pytestmark = pytest.mark.django_db

FORMS = {Event: event_form_data, NewsItem: news_form_data}
FACTORIES = {Event: factories.EventFactory, NewsItem: factories.NewsItemFactory}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture(autouse=True)
def held(settings, tmp_path):
    """The held storage (settings.STORAGES["held"]) in a folder of the test's own."""
    settings.STORAGES = {**settings.STORAGES, "held": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "held"}}}
    return tmp_path / "held"


def files_under(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


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
    (figure,) = main(parse(html)).iter("figure")
    (img,) = figure.iter("img")
    src, srcset, alt = img.get("src"), img.get("srcset"), img.get("alt")
    assert alt == "Officers at a training session" and img.get("sizes")
    assert "Training in Dushanbe" in text_of(figure) and "OSCE/Daler Khamidov" in text_of(figure)  # caption and credit beside it
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


def test_a_photo_whose_renditions_are_missing_leaves_the_page_without_it(client, media):
    record = with_photo(Event)
    for rendition in (media / "CACHE").rglob("*.jpg"):
        rendition.unlink()
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200 and not list(main(parse(response)).iter("img"))


def test_renditions_are_made_when_the_photo_is_saved_never_by_a_page(client, media, monkeypatch):
    record = with_photo(Event)
    made = set(files_under(media / "CACHE"))
    assert len(made) == len(RENDITION_WIDTHS)
    monkeypatch.setattr("photos.models.Rendition.generate", lambda self: pytest.fail("a page made a rendition"))
    assert client.get(record.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("model", FORMS, ids=lambda m: m._meta.model_name)
def test_a_photo_needs_its_alt_text(admin_client, model):
    photo = SimpleUploadedFile("cadets.jpg", jpeg(), content_type="image/jpeg")
    response = admin_client.post(admin_url(model, "add"), {**FORMS[model](), "photo": photo, "photo_alt": " "})
    form = response.context["adminform"].form
    assert form.errors["photo_alt"] == ["Describe the photo for people who cannot see it."]
    assert not model.objects.exists()


def test_alt_text_without_a_photo_is_refused(admin_client):
    response = admin_client.post(admin_url(Event, "add"), {**event_form_data(), "photo_alt": "Cadets in a classroom"})
    assert "photo_alt" in response.context["adminform"].form.errors
    assert not Event.objects.exists()


@pytest.mark.parametrize("model", FORMS, ids=lambda m: m._meta.model_name)
def test_a_photo_chosen_before_a_validation_error_is_kept_and_saved_with_the_form(admin_client, model, media, held):
    photo = SimpleUploadedFile("cadets.jpg", jpeg(), content_type="image/jpeg")
    data = {**FORMS[model](), "title_en": "", "photo_alt": "Cadets"}
    form = admin_client.post(admin_url(model, "add"), {**data, "photo": photo}).context["adminform"].form
    assert "photo" not in form.errors and "title_en" in form.errors
    assert form.kept_name == "cadets.jpg" and "“cadets.jpg”" in str(form.fields["photo"].help_text)  # staff are told
    assert files_under(media) == []  # nowhere the public could reach it
    assert [name.rsplit("/", 1)[-1] for name in files_under(held)] == ["cadets.jpg"]

    # The second try, without choosing the file again: saved with the photo.
    again = {**data, "title_en": FORMS[model]()[next(key for key in FORMS[model]() if key == "title_en")],
             "kept_photo": form["kept_photo"].value()}
    assert admin_client.post(admin_url(model, "add"), again).status_code == 302
    record = model.objects.get()
    assert record.photo.name.endswith(".jpg") and (media / record.photo.name).exists()
    assert files_under(held) == []


def test_a_kept_photo_is_never_claimed_with_a_forged_token(admin_client, media):
    data = {**event_form_data(), "photo_alt": "", "kept_photo": "uploads/abc/cadets.jpg:forged"}
    assert admin_client.post(admin_url(Event, "add"), data).status_code == 302
    assert not Event.objects.get().photo


def test_a_photo_over_the_size_limit_is_refused_with_its_limit_and_never_stored(admin_client, settings, media, held):
    settings.PHOTO_MAX_BYTES = 100_000
    big = SimpleUploadedFile("big.jpg", jpeg(3000, 3000) + b"\0" * 200_000, content_type="image/jpeg")
    response = admin_client.post(admin_url(Event, "add"), {**event_form_data(), "photo": big, "photo_alt": "Big"})
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["photo"]
    assert "larger than 97.7\xa0KB" in error
    assert files_under(media) == [] and files_under(held) == []


def test_a_photo_over_the_pixel_limit_is_refused_with_its_size(admin_client, settings, media):
    settings.PHOTO_MAX_PIXELS = 1_000_000
    wide = SimpleUploadedFile("wide.png", factories.png_bytes(2000, 1000), content_type="image/png")
    response = admin_client.post(admin_url(Event, "add"), {**event_form_data(), "photo": wide, "photo_alt": "Wide"})
    (error,) = response.context["adminform"].form.errors.as_data()["photo"]
    assert error.code == "photo_too_many_pixels"
    assert {name: str(error.params[name]) for name in ("width", "height", "limit")} == {"width": "2000", "height": "1000",
                                                                                       "limit": "1"}
    assert "2000" in error.messages[0] and "1000" in error.messages[0]  # said to staff with the photo's size
    assert not Event.objects.exists()


def test_the_admin_shows_a_thumbnail_of_the_photo(admin_client):
    record = with_photo(Event)
    document = parse(admin_client.get(admin_url(Event, "change", record.pk)))
    thumbnails = [img for img in by_id(document, "content").iter("img") if img.get("src") == record.photo_renditions[0][0]]
    (thumbnail,) = thumbnails
    assert (thumbnail.get("alt"), thumbnail.get("width")) == ("", "160")  # beside the field that names the photo


# --- A photo in a change waiting for review --------------------------------------------------------


def test_a_photo_in_a_change_waiting_for_review_is_out_of_the_publics_reach_until_approved(
    client, media, held, django_capture_on_commit_callbacks
):
    editor, publisher = user_in_group("Editors"), user_in_group("Publishers")
    event = with_photo(Event)
    published_photo, public_files = event.photo.name, files_under(media)
    client.force_login(editor)
    new_photo = SimpleUploadedFile("new-photo.jpg", jpeg(1200, 800), content_type="image/jpeg")
    data = {**event_form_data(slug=event.slug, title=event.title, summary=event.summary, start_date="2017-05-10",
                              date_precision="day"), "photo": new_photo, "photo_alt": "Cadets", "photo_caption": "",
            "photo_credit": ""}
    assert post_change(client, event, data, step="submit").status_code == 302
    change = PendingChange.objects.get()
    assert files_under(media) == public_files  # nothing new where the proxy serves files
    assert [name.rsplit("/", 1)[-1] for name in files_under(held)] == ["new-photo.jpg"]
    photo_url = reverse("admin:editorial_pendingchange_photo", args=[change.pk])
    assert client.get(photo_url)["Content-Type"] == "image/jpeg"  # staff see it in the back office
    client.logout()
    assert client.get(photo_url).status_code == 302  # to the sign-in page
    event.refresh_from_db()
    assert event.photo.name == published_photo

    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url(Event, "review", event.pk), {"decision": "approve"})
    event.refresh_from_db()
    assert event.photo.name.endswith("new-photo.jpg") and (media / event.photo.name).exists()
    assert files_under(held) == []
    assert len([name for name in files_under(media) if "new-photo" in name]) == 1 + len(RENDITION_WIDTHS)


def test_a_rejected_or_withdrawn_change_takes_its_held_photo_with_it(client, media, held, django_capture_on_commit_callbacks):
    editor, publisher = user_in_group("Editors"), user_in_group("Publishers")
    event = with_photo(Event)
    client.force_login(editor)
    for decision in ("reject", "withdraw"):
        new_photo = SimpleUploadedFile("new-photo.jpg", jpeg(800, 600), content_type="image/jpeg")
        data = {**event_form_data(slug=event.slug, title=event.title, summary=event.summary, start_date="2017-05-10",
                                  date_precision="day"), "photo": new_photo, "photo_alt": "Cadets"}
        client.force_login(editor)
        post_change(client, event, data, step="submit")
        assert len(files_under(held)) == 1
        client.force_login(publisher if decision == "reject" else editor)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(admin_url(Event, "review", event.pk), {"decision": decision, "note": "No.", "confirmed": "yes"})
        assert not PendingChange.objects.exists()
        assert files_under(held) == []


def test_orphaned_photos_are_found_and_removed_on_request(media, held):
    kept = with_photo(Event)
    gone = with_photo(Event)
    orphan = gone.photo.name
    Event.objects.filter(pk=gone.pk).update(photo="")  # as an import might leave it
    stale_upload = held / "uploads" / "abc" / "left.jpg"
    stale_upload.parent.mkdir(parents=True)
    stale_upload.write_bytes(jpeg(10, 10))
    old = time.time() - 2 * 24 * 3600
    os.utime(stale_upload, (old, old))

    out = io.StringIO()
    call_command("find_orphaned_photos", stdout=out)
    listed = out.getvalue()
    assert f"default: {orphan}" in listed and "held: uploads/abc/left.jpg" in listed
    assert kept.photo.name not in listed
    assert listed.count(orphan.rsplit(".", 1)[0]) == 1 + len(RENDITION_WIDTHS)  # the photo and its renditions
    assert (media / orphan).exists()  # only listed

    call_command("find_orphaned_photos", "--delete", stdout=io.StringIO())
    assert not (media / orphan).exists() and not stale_upload.exists()
    assert (media / kept.photo.name).exists()
