from django.apps import AppConfig


class PhotosConfig(AppConfig):
    """Photos and their renditions."""

    name = "photos"
