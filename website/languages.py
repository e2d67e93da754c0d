"""Take a page's language from its address (/en/events/, /ru/events/), never from the browser.

Each language's page then has an address of its own, which caches, search engines and shared
links keep; only the bare root, /, chooses by the browser. See docs/translations.md.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageInAddressMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the language of an unprefixed address fixed to English
    rather than read from the browser, and its redirects permanent (they are the first
    version's addresses, moved for good)."""

    response_redirect_class = HttpResponsePermanentRedirect

    def process_request(self, request):
        translation.activate(translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


def choose_language(request):
    """/: the home page in the browser's language when the site has it (a cookie set by
    Django's set_language view first), else English. Not permanent: it depends on who asks."""
    with translation.override(translation.get_language_from_request(request)):
        response = HttpResponseRedirect(reverse("home"))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def language_prefix(path):
    """The language code `path` starts with ("/ru/events/" -> "ru"), or None."""
    return translation.get_language_from_path(path)


def without_language(path):
    """"/ru/events/x/" -> "/events/x/": a page's address in no language, as stored for links
    that must outlive a change of language (website.redirects.MovedPage)."""
    code = language_prefix(path)
    return path[len(code) + 1 :] if code else path


def in_language(path, code):
    """"/events/x/" -> "/ru/events/x/"."""
    return f"/{code}{without_language(path)}"


def alternates(request):
    """[(code, name, path)] of the page `request` asked for, in each of the site's languages:
    for the language switcher and hreflang links. Without the query string: a finder adds its
    filters as it writes them canonically (`canonical_query`), leaving out what it ignored."""
    return [(code, name, translate_url(request.path, code)) for code, name in settings.LANGUAGES]
