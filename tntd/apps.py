from django.apps import AppConfig


class TntdConfig(AppConfig):
    name = "tntd"
    verbose_name = "Organisation"
