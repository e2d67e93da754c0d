"""Cache public pages under the database's content version, with ETags and a public Cache-Control.

A change of public content bumps the version as it commits, whatever wrote it, so every stored
page becomes unreachable at once, with no invalidation to get wrong. See docs/caching.md.
"""

import hashlib
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

# What the public site shows, as each app registers it: a change to any of these, or to their
# links, may change any public page. The database's triggers watch their tables (website/checks.py).
PUBLIC_CONTENT = []


def register_public_content(*models):
    """Cache public pages under the content version of `models` too (from AppConfig.ready())."""
    PUBLIC_CONTENT.extend(model._meta.label for model in models if model._meta.label not in PUBLIC_CONTENT)


def content_version():
    """The version pages are cached under: the database's, with the time of its last change,
    so that a new database never hands out the versions of another's pages."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version, changed_at FROM content_version_now(%s)", [timezone.now()])
        version, changed_at = cursor.fetchone()
    return f"{version}.{changed_at.timestamp():.6f}"


def request_content_version(request):
    """content_version(), read once per request (the page's ETag and a prepared download both need it)."""
    if not hasattr(request, "_content_version"):
        request._content_version = content_version()
    return request._content_version


# --- Pages --------------------------------------------------------------------------------


def page_digest(request, audience):
    """What a page's content depends on: the content version, the day ("upcoming" turns over
    at midnight), who looks (staff see drafts) and the full URL with host and scheme, which
    pages print in their canonical links."""
    ingredients = [request_content_version(request), timezone.localdate().isoformat(), audience, request.build_absolute_uri()]
    return hashlib.sha256("\n".join(ingredients).encode()).hexdigest()[:32]


def is_personal(request, response):
    """Whether a response carries something of one visitor's: a cookie, a CSRF token
    rendered into it, or the view's own word that it is private."""
    cache_control = response.get("Cache-Control", "")
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or "private" in cache_control
        or "no-store" in cache_control
    )


def public_view(view, store):
    """The conditional GET, Cache-Control and (when `store`) page cache around `view`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        # Reads the session: a visitor without a session cookie costs no query.
        signed_in = request.user.is_authenticated
        digest = page_digest(request, "staff" if request.user.is_staff else "public")
        etag = f'"{digest}"'
        key = f"tntd:page:{digest}"
        use_cache = store and not signed_in
        response = get_conditional_response(request, etag=etag)  # a 304, or None
        if response is None and use_cache:
            response = caches["default"].get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse):
                response.render()  # (the sitemap's) now, to know what it used and to store it whole
            if is_personal(request, response):
                patch_cache_control(response, private=True)
                return response
            if use_cache and response.status_code == HTTPStatus.OK and not response.streaming:
                caches["default"].set(key, response)
        # Errors and redirects are left as the view made them.
        if response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_MODIFIED):
            response.headers.setdefault("ETag", etag)
            if signed_in:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response

    return wrapper


def cached_public_page(view):
    """A public page: served from the cache to anonymous visitors, with an ETag."""
    return public_view(view, store=True)


def conditional_download(view):
    """A download (CSV, JSON, iCalendar): an ETag and Cache-Control, never stored, as it is
    large and streamed."""
    return public_view(view, store=False)
