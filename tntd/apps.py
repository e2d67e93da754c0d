from django.apps import AppConfig


class TntdConfig(AppConfig):
    name = "tntd"
    verbose_name = "Organisation"

    def ready(self):
        from tntd.caching import watch_public_content
        from tntd.redirects import watch_slugs

        watch_public_content()  # every change of public content makes the cached pages stale
        watch_slugs()  # a renamed page's old address keeps working
