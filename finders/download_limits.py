"""Bound what a download may cost: streams per process and per client, rows per filtered download.

A live download holds a worker thread while it is sent, and pages and /healthz must keep theirs.
Beyond a bound: a 429 with Retry-After, or a 400 saying why. See docs/caching.md.
"""

import threading
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from ninja.throttling import BaseThrottle

from finders import prepared_downloads
from finders.pages import MAX_QUERY_STRING
from website.caching import public_view

RETRY_AFTER_SECONDS = 10
CLIENT_COUNT_SECONDS = 15 * 60  # a count left by a killed process expires after this


class DownloadRefused(Exception):
    """A download that would not answer what was asked: its reasons, shown on a 400 page."""

    def __init__(self, reasons, full_download=None):
        super().__init__(reasons)
        self.reasons = reasons
        self.full_download = full_download

    def response(self, request):
        finder = request.path.rsplit("/", 1)[0] + "/"  # /en/events/export.csv: /en/events/
        query = request.META.get("QUERY_STRING", "")
        context = {"reasons": self.reasons, "full_download": self.full_download, "finder": f"{finder}?{query}" if query else finder}
        return render(request, "download_refused.html", context, status=400)


class WholeArchive(Exception):
    """A download whose parameters filter nothing (?utm_source=..., ?page=2): the whole archive,
    whose prepared file is at the address without them."""


def ensure_answerable(request, filterset, rows, full_download):
    """Refuse a download whose filters the finder page would set aside with a note (it would
    hold more than was asked), or whose `rows` (a queryset) exceed the bound."""
    reasons = []
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        reasons.append(gettext("The address is too long to be a search."))
    elif not filterset.is_valid():
        reasons += filterset.problems()
    if reasons:
        raise DownloadRefused(reasons)
    if request.GET and not filterset.kept_params():
        raise WholeArchive
    limit = settings.DOWNLOAD_MAX_ROWS
    if filterset.kept_params() and rows.order_by()[: limit + 1].count() > limit:
        raise DownloadRefused(
            [ngettext(
                "A download holds at most %(limit)s record: narrow the search, or download the whole archive.",
                "A download holds at most %(limit)s records: narrow the search, or download the whole archive.",
                limit,
            ) % {"limit": limit}],
            full_download=reverse(full_download),
        )


class ProcessStreams:
    """How many live downloads this process is writing."""

    def __init__(self):
        self.lock = threading.Lock()
        self.writing = 0

    def take(self):
        with self.lock:
            if self.writing >= settings.DOWNLOAD_STREAMS_PER_PROCESS:
                return False
            self.writing += 1
            return True

    def give_back(self):
        with self.lock:
            self.writing -= 1


process_streams = ProcessStreams()


def client_address(request):
    """The client's address as the API's limit reads it (settings.NINJA_NUM_PROXIES)."""
    return BaseThrottle().get_ident(request) or "unknown"


class ClientStreams:
    """How many downloads one client address is receiving, in the default cache."""

    def __init__(self, request):
        self.key = f"tntd:download-streams:{client_address(request)}"
        self.cache = caches["default"]

    def take(self):
        self.cache.add(self.key, 0, CLIENT_COUNT_SECONDS)
        try:
            receiving = self.cache.incr(self.key)
        except ValueError:  # a cache that keeps nothing (tests without one): no count to keep
            return True
        if receiving > settings.DOWNLOAD_STREAMS_PER_CLIENT:
            self.give_back()
            return False
        return True

    def give_back(self):
        try:
            self.cache.decr(self.key)
        except ValueError:
            pass


def too_many(message):
    response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def when_closed(response, *releases):
    """Run `releases` once the server has closed `response` (sent, or the client gone)."""
    response._resource_closers.extend(releases)  # Django's own hook: HttpResponseBase.close()
    return response


def limited_download(view, prepared=False):
    """`view`, a download, within the limits: a slot of its client and one of its process for as
    long as it is sent (a prepared file too: sending it holds a thread); a refused download is a
    400. When `prepared`, the whole archive (asked with no parameter) is a prepared file."""
    view.prepared_download = prepared  # what `manage.py prepare_download` may make

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET":  # HEAD and OPTIONS send no body: nothing to hold
            return answer(view, request, *args, **kwargs)
        client = ClientStreams(request)
        if not client.take():
            return too_many(gettext("You are already downloading as many files as one visitor may; try again when they are done."))
        if not process_streams.take():
            client.give_back()
            return too_many(gettext("The server is busy with other downloads; try again in a few seconds."))
        releases = [client.give_back, process_streams.give_back]
        try:
            wanted = prepared and not request.GET and settings.PREPARE_DOWNLOADS != "never"
            response = (wanted and prepared_downloads.response(request, view)) or answer(view, request, *args, **kwargs)
        except BaseException:
            for release in releases:
                release()
            raise
        if not response.streaming:
            for release in releases:
                release()
            return response
        return when_closed(response, *releases)

    return wrapper


def answer(view, request, *args, **kwargs):
    try:
        return view(request, *args, **kwargs)
    except DownloadRefused as refused:
        return refused.response(request)
    except WholeArchive:
        return HttpResponseRedirect(request.path)


def download(view, prepared=False):
    """A download's URL: its conditional GET (an ETag of the content version), then its limits."""
    return public_view(limited_download(view, prepared=prepared), store=False)
