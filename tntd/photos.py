"""An optional photo with the caption and credit the OSCE prints beside it."""

from django.core.validators import FileExtensionValidator
from django.db import models

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


class PhotoModel(models.Model):
    """Abstract base for records that may carry one photo.

    The caption and credit are text in their own right: the seed documents give them
    ("OSCE/Daler Khamidov") without the image file itself.
    """

    photo = models.ImageField(
        upload_to="photos/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS)],
        help_text="JPEG, PNG or WebP.",
    )
    photo_caption = models.TextField("caption", blank=True)
    photo_credit = models.CharField("credit", max_length=200, blank=True, help_text='For example "OSCE/Daler Khamidov".')

    class Meta:
        abstract = True
