from django.conf import settings
from django.utils.functional import SimpleLazyObject

from website.languages import alternates


def site(request):
    """The site's name for every template's title and header; the page in each language, for
    the language switcher and hreflang links (computed once, and only where a template reads them)."""
    return {"SITE_NAME": settings.SITE_NAME, "language_alternates": SimpleLazyObject(lambda: alternates(request))}
