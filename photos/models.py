"""An optional photo on a record, with the alt text, caption and credit the OSCE prints beside it.

Served in resized renditions, made after the commit and never by a visitor's page; uploads are
bounded, and a photo on a form that comes back with errors is kept.
"""

import logging
import os
import secrets
import threading

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.core.signals import setting_changed
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import LazyObject, cached_property, empty
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.strategies import Optimistic
from imagekit.processors import ResizeToFit
from PIL import Image

from publishing.edit_conflicts import VersionedForm

logger = logging.getLogger(__name__)

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# The widths a page offers the browser (`srcset`); it picks by screen size and density.
RENDITION_WIDTHS = (480, 960, 1600)
THUMBNAIL_WIDTH = 160  # the admin's preview
KEPT_UPLOADS = "uploads/"  # in the held storage: photos of forms that came back with errors
KEPT_FOR = 24 * 3600  # seconds a kept photo may be claimed; find_orphaned_photos removes it after


class HeldStorage(LazyObject):
    """settings.STORAGES["held"], looked up when first used, as django.core.files.storage.
    default_storage is for "default" (and again when the setting changes, in tests)."""

    def _setup(self):
        self._wrapped = storages["held"]


HELD = HeldStorage()


@receiver(setting_changed)
def storages_changed(setting, **kwargs):
    if setting == "STORAGES":
        HELD._wrapped = empty


def held_photos():
    """The storage of files the public must not see (settings.STORAGES["held"]): photos of
    changes waiting for review and of forms that came back with errors. A callable, so that a
    migration names it, not its settings."""
    return HELD


def megapixels(pixels):
    return f"{pixels / 1_000_000:.0f}"


def validate_photo_limits(photo):
    """A new photo of at most PHOTO_MAX_BYTES and PHOTO_MAX_PIXELS, read from its header only
    (a photo stored already was checked when it came)."""
    if getattr(photo, "_committed", False):
        return
    size = getattr(photo, "size", 0) or 0
    if size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; a photo may be up to %(limit)s. Make it smaller and choose it again."),
            params={"size": filesizeformat(size), "limit": filesizeformat(settings.PHOTO_MAX_BYTES)},
            code="photo_too_large",
        )
    try:
        position = photo.tell() if hasattr(photo, "tell") else None
        with Image.open(photo) as image:
            width, height = image.size
        if position is not None:
            photo.seek(position)
    except (OSError, ValueError, Image.DecompressionBombError):
        return  # not readable as an image: the image field itself says so
    if width * height > settings.PHOTO_MAX_PIXELS:
        raise ValidationError(
            _(
                "This photo is %(width)s × %(height)s pixels (%(megapixels)s megapixels); the limit is "
                "%(limit)s megapixels. Make it smaller and choose it again."
            ),
            params={"width": width, "height": height, "megapixels": megapixels(width * height),
                    "limit": megapixels(settings.PHOTO_MAX_PIXELS)},
            code="photo_too_many_pixels",
        )


class TooLargeUpload(UploadedFile):
    """What a file over the limit becomes: its name and size, none of its content."""

    def __init__(self, name, size):
        super().__init__(file=None, name=name, size=size, content_type="application/octet-stream")

    def open(self, mode=None):
        raise ValidationError("too large")


class UploadSizeLimit(FileUploadHandler):
    """First of settings.FILE_UPLOAD_HANDLERS: a file's bytes past PHOTO_MAX_BYTES are dropped
    as they arrive, and the form receives a TooLargeUpload, which it refuses with a message
    (PhotoField): nothing over the limit is held in memory or on disk."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received, self.too_large = 0, False

    def receive_data_chunk(self, raw_data, start):
        self.received = start + len(raw_data)
        if self.received > settings.PHOTO_MAX_BYTES:
            self.too_large = True
            return None  # the next handlers get no more of this file
        return raw_data

    def file_complete(self, file_size):
        return TooLargeUpload(self.file_name, self.received) if self.too_large else None


class PhotoField(forms.ImageField):
    """The photo's form field: a file over the limits is refused with its size, before Pillow
    reads any of it."""

    def to_python(self, data):
        if isinstance(data, TooLargeUpload):
            raise ValidationError(
                _("This file is larger than %(limit)s, the most a photo may be. Make it smaller and choose it again."),
                params={"limit": filesizeformat(settings.PHOTO_MAX_BYTES)},
                code="photo_too_large",
            )
        return super().to_python(data)


def photo_path(record, filename, folder="photos"):
    """Where an uploaded photo is stored: "photos/2026/12/<16 random hex>/<its name>", an address
    nobody can guess, so that a draft's photo is out of reach until its page shows it."""
    return f"{folder}/{timezone.now():%Y/%m}/{secrets.token_hex(8)}/{os.path.basename(filename)}"


def held_photo_path(change, filename):
    """Where a change's photo waits (in the held storage), under its own name."""
    return photo_path(change, filename, folder="changes")


class PhotoModel(models.Model):
    """Abstract base for records that may carry one photo.

    The caption and credit stand alone: the seed documents give them without the image. The alt text
    says what the photo shows, for people who cannot see it, which the caption may not say."""

    photo = models.ImageField(
        upload_to=photo_path,
        blank=True,
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS), validate_photo_limits],
        verbose_name=_("photo"),
        help_text=_("JPEG, PNG or WebP, up to 10 MB and 40 megapixels."),
    )
    photo_alt = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the photo shows, for people who cannot see it, such as “Officers at a training "
            "session in Dushanbe”. Required with a photo."
        ),
    )
    photo_caption = models.TextField(_("caption"), blank=True)
    photo_credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_('For example "OSCE/Daler Khamidov".')
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.photo and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": gettext("Describe the photo for people who cannot see it.")})
        if self.photo_alt.strip() and not self.photo:
            raise ValidationError({"photo_alt": gettext("Alt text describes a photo: choose the photo, or clear the alt text.")})

    # The photo's name as loaded from the database: a save that changes it makes renditions.
    _stored_photo = ""

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        record._stored_photo = record.__dict__.get("photo") or ""
        return record

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        name = self.photo.name if self.photo else ""
        if name and name != str(self._stored_photo):
            make_renditions_soon(name)
        self._stored_photo = name

    @cached_property
    def photo_renditions(self):
        """[(url, width)] of the photo's renditions; [] when there is no photo, or while they
        are not made (just saved; its file missing or damaged), which leaves the page without it.
        Whether they exist is remembered in the cache (django-imagekit): no storage is asked per page."""
        if not self.photo:
            return []
        try:
            middle = rendition(self.photo, RENDITION_WIDTHS[len(RENDITION_WIDTHS) // 2])
            if not middle.cachefile_backend.exists(middle):
                return []
            return [(rendition_url(self.photo, width), width) for width in RENDITION_WIDTHS]
        except (OSError, ValueError):
            logger.exception("No renditions of %s", self.photo.name)
            return []

    @property
    def photo_srcset(self):
        return ", ".join(f"{url} {width}w" for url, width in self.photo_renditions)

    @property
    def photo_src(self):
        """The middle rendition: for browsers that ignore `srcset`."""
        renditions = self.photo_renditions
        return renditions[len(renditions) // 2][0] if renditions else ""


class Rendition(ImageSpec):
    """The photo resized to fit a width (never enlarged), as a JPEG."""

    format = "JPEG"
    options = {"quality": 82, "optimize": True}

    def __init__(self, source, width):
        super().__init__(source=source)
        self.processors = [ResizeToFit(width=width, upscale=False)]


register.generator("tntd:photo-rendition", Rendition)


def rendition(photo, width):
    """A rendition that a page asking for its address never makes (the Optimistic strategy):
    `make_renditions` makes them when the photo is saved."""
    return ImageCacheFile(Rendition(photo, width), cachefile_strategy=Optimistic())


def rendition_url(photo, width):
    return rendition(photo, width).url


def make_renditions(name):
    """Makes the renditions of the stored photo `name` that do not exist yet."""
    photo = storages["default"].open(name)
    photo.name = name  # as the record names it: the renditions' names come from it
    try:
        for width in RENDITION_WIDTHS:
            cached = rendition(photo, width)
            if not cached.cachefile_backend.exists(cached):
                cached.generate(force=True)
    finally:
        photo.close()


def make_renditions_soon(name):
    """For a photo just saved: once the save is committed, in a thread of its own, so that no
    request waits for them (settings.PHOTO_RENDITIONS_IN_BACKGROUND; the tests make them at once)."""

    def make():
        try:
            make_renditions(name)
        except Exception:  # a damaged file, a full disk: the page shows no photo; the log says why
            logger.exception("Could not make the renditions of %s", name)

    if settings.PHOTO_RENDITIONS_IN_BACKGROUND:
        transaction.on_commit(lambda: threading.Thread(target=make, name=f"renditions-{name}", daemon=True).start())
    else:
        make()


class PhotoAdminForm(VersionedForm):
    """For an admin form with a photo. When the form comes back with errors, the browser drops
    the chosen file (a file input cannot be filled in again): the photo is kept in the held
    storage, named in the form by a signed token (`kept_photo`), and saved with the form the
    next time unless another file is chosen or the photo cleared."""

    kept_photo = forms.CharField(label=_("kept photo"), widget=forms.HiddenInput, required=False)
    signer = signing.TimestampSigner(salt="photos.models.kept")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_name = None
        if self.is_bound and "photo" in self.fields:
            self.claim_kept_photo()

    def claim_kept_photo(self):
        """Puts the kept photo back as the form's chosen file, if no other was chosen."""
        field = self.add_prefix("photo")
        if self.files.get(field) or self.data.get(f"{field}-clear"):
            return
        try:
            name = self.signer.unsign(self.data.get(self.add_prefix("kept_photo"), ""), max_age=KEPT_FOR)
        except signing.BadSignature:
            return
        if not name.startswith(KEPT_UPLOADS) or not held_photos().exists(name):
            return
        with held_photos().open(name) as kept:
            content = kept.read()
        held_photos().delete(name)
        self.files = self.files.copy()
        self.files[field] = SimpleUploadedFile(os.path.basename(name), content)

    def _post_clean(self):
        super()._post_clean()
        chosen = self.files.get(self.add_prefix("photo"))
        if chosen and self.errors and "photo" not in self.errors and not isinstance(chosen, TooLargeUpload):
            self.keep_photo(chosen)

    def keep_photo(self, chosen):
        chosen.seek(0)
        name = held_photos().save(f"{KEPT_UPLOADS}{secrets.token_hex(8)}/{os.path.basename(chosen.name)}", chosen)
        self.kept_name = os.path.basename(name)
        self.data = self.data.copy()
        self.data[self.add_prefix("kept_photo")] = self.signer.sign(name)
        self.fields["photo"].help_text = gettext(
            "Still attached: “%(name)s”, kept from your last try; it is saved with the form. "
            "Choose another file to replace it."
        ) % {"name": self.kept_name}
