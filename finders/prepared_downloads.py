"""Serve a download of the whole archive from a prepared file, made off the request.

"Download all" then costs a file read, not a worker's time. A file is made for one content
version and day, so a file of an older version is never served. See docs/caching.md.
"""

import gzip
import hashlib
import inspect
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.http import FileResponse
from django.test import RequestFactory
from django.urls import resolve
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from website.caching import content_version, request_content_version

logger = logging.getLogger(__name__)

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
SPAWN_INTERVAL_SECONDS = 30  # a process asks for the same file again at most this often
ABANDONED_AFTER_SECONDS = 3600  # a partial file this old has no maker left: making one takes far less


def origin_of(request):
    return f"{request.scheme}://{request.get_host()}"


def folder(path, origin):
    """The folder of one download's files: one per address and origin."""
    return Path(settings.DOWNLOADS_ROOT) / hashlib.sha256(f"{origin}\n{path}".encode()).hexdigest()[:24]


def current_name(version):
    """The name of a file made for content `version` today (a calendar's window turns over at midnight)."""
    version = f"{version}\n{timezone.localdate().isoformat()}"
    return hashlib.sha256(version.encode()).hexdigest()[:24]


def response(request, view):
    """The prepared file for this request, or None (after asking for it to be made)."""
    origin = origin_of(request)
    data = folder(request.path, origin) / current_name(request_content_version(request))
    if settings.PREPARE_DOWNLOADS == "now" and not data.exists():
        prepare(request.path, origin)
    gzipped = ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
    try:
        content_type, disposition = data.with_suffix(".headers").read_text().splitlines()
        file = (data.with_suffix(".gz") if gzipped else data).open("rb")
    except (FileNotFoundError, ValueError):
        ask_for(request.path, origin)
        return None
    answer = FileResponse(file, content_type=content_type)
    answer["Content-Disposition"] = disposition
    if gzipped:
        answer["Content-Encoding"] = "gzip"  # (GZipMiddleware leaves an encoded answer alone)
    patch_vary_headers(answer, ["Accept-Encoding"])
    return answer


_asked = {}
_asked_lock = threading.Lock()


def ask_for(path, origin):
    """Have the file made off the request, as settings.PREPARE_DOWNLOADS says: "process" (a
    `manage.py prepare_download` started here), "now" (made before this request goes on: tests)
    or "never"."""
    if settings.PREPARE_DOWNLOADS != "process":
        return
    with _asked_lock:
        if time.monotonic() - _asked.get((path, origin), -SPAWN_INTERVAL_SECONDS) < SPAWN_INTERVAL_SECONDS:
            return
        _asked[(path, origin)] = time.monotonic()
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "prepare_download", path, "--origin", origin]
    try:
        maker = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        logger.exception("Could not start the maker of %s", path)
        return
    threading.Thread(target=maker.wait, daemon=True).start()  # reaped when it ends


def view_of(path):
    """The download view at `path`, without the wrappers of the URL conf, if it may be prepared."""
    with translation.override(translation.get_language_from_path(path)):  # (addresses are per language)
        view = inspect.unwrap(resolve(path).func)
    if not getattr(view, "prepared_download", False):
        raise ValueError(f"{path} is not a download that is prepared")
    return view


def prepare(path, origin):
    """Make the file of the download at `path` for `origin` (scheme://host), unless another
    maker holds it or it exists. Returns its path, or None when another maker holds it."""
    view = view_of(path)
    scheme, host = origin.split("://", 1)
    key = f"prepared download {origin} {path}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [key])
        if not cursor.fetchone()[0]:
            return None
    try:
        return make(view, path, scheme, host)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [key])


def make(view, path, scheme, host):
    outermost = not connection.in_atomic_block  # (tests run inside a transaction of their own)
    with transaction.atomic():
        if outermost:  # the version and the rows in one snapshot
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        here = folder(path, f"{scheme}://{host}")
        data = here / current_name(content_version())  # in this transaction's snapshot
        if data.exists():
            return data
        here.mkdir(parents=True, exist_ok=True)
        request = RequestFactory().get(path, HTTP_HOST=host, secure=scheme == "https")
        request.user = AnonymousUser()
        with translation.override(translation.get_language_from_path(path)):
            download = view(request)
            partial = here / f".{data.name}.{os.getpid()}"
            with partial.open("wb") as file:
                for piece in download.streaming_content:
                    file.write(piece)
        with partial.open("rb") as plain, gzip.open(partial.with_suffix(".gz"), "wb", compresslevel=6) as packed:
            shutil.copyfileobj(plain, packed, 1024 * 1024)
        os.replace(partial.with_suffix(".gz"), data.with_suffix(".gz"))
        data.with_suffix(".headers").write_text(f"{download['Content-Type']}\n{download['Content-Disposition']}\n")
        os.replace(partial, data)
    for old in here.iterdir():
        abandoned = old.name.startswith(".") and time.time() - old.stat().st_mtime > ABANDONED_AFTER_SECONDS  # a maker that died
        if old.stem != data.stem and (abandoned or not old.name.startswith(".")):
            old.unlink(missing_ok=True)
    return data
