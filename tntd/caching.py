"""Public pages cached under a content version, with ETags and a short public Cache-Control.

The content version is one value in the cache that every change of public content
replaces (after its transaction commits): model signals for saves, deletes and
many-to-many changes, and `PublishableQuerySet.update()` for the admin's bulk publishing.
A page is stored under a key made of the version, the day and its absolute URL, so a
change makes every stored page unreachable at once, and no key is ever worked out again.

Only anonymous visitors are served from and stored into the cache: signed-in users (staff
preview drafts) get their pages rendered every time, marked private. Everyone gets an
ETag from the same ingredients, so a revalidation costs one cache read and no SQL.
"""

import hashlib
import secrets
import threading
import time
from functools import partial, wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

# (version, POSIX time of the next scheduled change or None); a new name, as the value was a
# plain version before schedules.
VERSION_KEY = "tntd:content-version:scheduled"
SCHEDULE_LOCK_KEY = "tntd:scheduled-change-lock"
# What the public site shows; a change to any of these may change any public page.
PUBLIC_CONTENT = [
    "activities.Event", "news.NewsItem", "tntd.Theme", "tntd.Country", "tntd.Department", "tntd.DepartmentLink",
    "tntd.Unit", "tntd.OsceStructure", "tntd.PartnerOrganisation", "tntd.Budget",
]


# --- The content version -----------------------------------------------------------------


def version_cache():
    # Its own alias: without Redis, a file shared by the host's workers (see settings.py),
    # so a change made in one process reaches the pages the others keep in memory.
    return caches["content_version"]


def new_version():
    """A value never handed out before, even after the key was evicted or the cache flushed."""
    return f"{time.time_ns():x}-{secrets.token_hex(4)}"


def content_version():
    """The version pages are cached under. A scheduled publication or withdrawal changes what
    is public with no save to bump it, so the version carries the time of the next one
    (`next_scheduled_change`); the first request after that time recounts and bumps."""
    value = version_cache().get(VERSION_KEY)
    if value is None:
        candidate = (new_version(), next_scheduled_change())
        version_cache().add(VERSION_KEY, candidate, timeout=None)
        value = version_cache().get(VERSION_KEY, candidate)  # another process may have won the race
    version, change_at = value
    if change_at is not None and time.time() >= change_at:
        return scheduled_change_passed(version)
    return version


def scheduled_change_passed(version):
    """Recount and bump, once for all processes (the others go on with the version they
    have until it is done: their pages are stored under it, which is then dropped)."""
    from tntd import counts  # reads the models, which are not loaded when this module is

    if not version_cache().add(SCHEDULE_LOCK_KEY, 1, timeout=120):
        return version
    try:
        counts.refresh()
        return bump_content_version()
    finally:
        version_cache().delete(SCHEDULE_LOCK_KEY)


def next_scheduled_change():
    """When public content next changes by itself (tntd.publishing.Scheduled.next_change), as
    a POSIX time, or None."""
    now = timezone.now()
    managers = (apps.get_model(label)._default_manager for label in PUBLIC_CONTENT)
    times = [manager.next_change(now) for manager in managers if hasattr(manager, "next_change")]
    soonest = min((time for time in times if time), default=None)
    return soonest.timestamp() if soonest else None


def bump_content_version():
    """Make every cached page stale; returns the new version."""
    version = new_version()
    version_cache().set(VERSION_KEY, (version, next_scheduled_change()), timeout=None)
    return version


# What no stored count depends on (tntd.counts): a change to one of these only bumps the
# version, sparing a recount of the whole archive (about a second at 100,000 events).
UNCOUNTED = {"tntd.Budget", "tntd.Department", "tntd.DepartmentLink"}


def content_changed(using=DEFAULT_DB_ALIAS, sender=None, **kwargs):
    """Recount and bump once the change is committed: bumping earlier would let a request
    render the old state under the new version, and keep it. Outside a transaction, this
    happens at once. Code that writes public content without model signals (bulk_create, raw
    SQL) calls this once it is done. `sender`: the model changed, when a signal says so."""
    recount = sender is None or sender._meta.label not in UNCOUNTED
    pending = getattr(pending_refresh, "recount", {})
    pending_refresh.recount = {**pending, using: pending.get(using, False) or recount}
    transaction.on_commit(partial(public_content_committed, using), using=using)


# A transaction that changes many records (an admin save with its links, a bulk action)
# schedules one callback per record; the first to run after the commit does the work.
# Per thread, as database connections are: {database alias: whether to recount}.
pending_refresh = threading.local()


def public_content_committed(using):
    """Recount what is published (tntd.counts) if the change could alter a count, then make
    every cached page stale, in that order: a page rendered in between is stored under the
    old version, never the new one."""
    from tntd import counts  # tntd.counts reads the models, which are not loaded when this module is

    pending = getattr(pending_refresh, "recount", {})
    if using not in pending:
        return
    pending_refresh.recount = {alias: recount for alias, recount in pending.items() if alias != using}
    if pending[using]:
        counts.refresh()
    bump_content_version()


def links_changed(action, using=DEFAULT_DB_ALIAS, **kwargs):
    if action.startswith("post_"):
        content_changed(using)


def watch_public_content():
    """Connect the signals (from AppConfig.ready()) for every public model and its links."""
    for label in PUBLIC_CONTENT:
        model = apps.get_model(label)
        post_save.connect(content_changed, sender=model, dispatch_uid=f"content-version-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"content-version-delete-{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"content-version-links-{through._meta.label}")


# --- Pages --------------------------------------------------------------------------------


def page_digest(request, audience):
    """What a page's content depends on: the content version, the day ("upcoming" turns over
    at midnight), who looks (staff see drafts) and the full URL with host and scheme, which
    pages print in their canonical links."""
    ingredients = [content_version(), timezone.localdate().isoformat(), audience, request.build_absolute_uri()]
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
            if use_cache and response.status_code == 200 and not response.streaming:
                caches["default"].set(key, response)
        # Errors and redirects are left as the view made them.
        if response.status_code in (200, 304):
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
