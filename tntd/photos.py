"""An optional photo with the alt text, caption and credit the OSCE prints beside it, served
in resized renditions (`srcset`), never at the size it was uploaded."""

import logging

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.functional import cached_property
from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFit

logger = logging.getLogger(__name__)

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# The widths a page offers the browser (`srcset`); it picks by screen size and density.
RENDITION_WIDTHS = (480, 960, 1600)
THUMBNAIL_WIDTH = 160  # the admin's preview


class PhotoModel(models.Model):
    """Abstract base for records that may carry one photo.

    The caption and credit are text in their own right: the seed documents give them
    ("OSCE/Daler Khamidov") without the image file itself. The alt text is for people who
    cannot see the photo: what it shows, which the caption, written for those who can, may not say.
    """

    photo = models.ImageField(
        upload_to="photos/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS)],
        help_text="JPEG, PNG or WebP.",
    )
    photo_alt = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the photo shows, for people who cannot see it, such as “Officers at a training "
        "session in Dushanbe”. Required with a photo.",
    )
    photo_caption = models.TextField("caption", blank=True)
    photo_credit = models.CharField("credit", max_length=200, blank=True, help_text='For example "OSCE/Daler Khamidov".')

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.photo and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": "Describe the photo for people who cannot see it."})

    @cached_property
    def photo_renditions(self):
        """[(url, width)] of the photo's renditions; [] when there is no photo, or when its file
        cannot be read (missing from the storage, damaged), which leaves the page without it."""
        if not self.photo:
            return []
        try:
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


# Registered, so that django-imagekit makes a rendition the first time its address is asked for.
register.generator("tntd:photo-rendition", Rendition)


def rendition_url(photo, width):
    """Made on first use (django-imagekit), then kept in the media storage beside the original."""
    return ImageCacheFile(Rendition(photo, width)).url


class PhotoAdminForm(forms.ModelForm):
    """For an admin form with a photo: when the form comes back with errors, the browser has
    dropped the chosen file (a file input cannot be filled in again), so say so."""

    def _post_clean(self):
        super()._post_clean()
        chosen = self.files.get(self.add_prefix("photo"))
        if chosen and self.errors and "photo" not in self.errors:
            self.add_error(
                "photo",
                f"The photo “{chosen.name}” was not kept because of the other errors on this form: "
                "choose it again before saving.",
            )
