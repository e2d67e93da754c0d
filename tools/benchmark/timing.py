"""Each page's server time, queries and size, through Django's test client in this process, as a
first-time visitor over "HTTPS": `repeat` times with every cache cleared before each request
("empty"), then `repeat` times as it is ("warm")."""

import statistics
from dataclasses import dataclass, field
from http import HTTPStatus
from time import perf_counter

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client


class QueryTimer:
    """Counts the queries a connection runs and adds up the time spent in them (Django's
    `execute_wrapper`, timed with perf_counter: `connection.queries` keeps only milliseconds)."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += perf_counter() - start
            self.count += 1


@dataclass
class Request:
    """One timed request."""

    status: int
    size: int
    ms: float
    queries: int
    sql_ms: float


@dataclass
class PageTiming:
    name: str
    path: str
    empty: list[Request] = field(default_factory=list)
    warm: list[Request] = field(default_factory=list)

    @property
    def first(self):
        return self.empty[0]

    @property
    def status(self):
        """200 when every request answered 200; otherwise the first other status."""
        return next((r.status for r in self.empty + self.warm if r.status != HTTPStatus.OK), HTTPStatus.OK)

    @property
    def sql_ms(self):
        return statistics.median(r.sql_ms for r in self.empty)

    def median(self, which):
        return statistics.median(r.ms for r in getattr(self, which))

    def p95(self, which):
        return percentile([r.ms for r in getattr(self, which)], 95)


def percentile(values, pct):
    """The pct-th percentile, interpolated between the samples (the value itself for one sample)."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def clear_caches():
    """Before an "empty cache" request: every cache emptied."""
    for cache in caches.all():
        cache.clear()


def request_host():
    """A host name the settings accept, so that no request is refused (400) before its view."""
    host = next((host for host in settings.ALLOWED_HOSTS if host != "*"), "localhost")
    return host.lstrip(".")


def make_client():
    host = request_host()
    # A 500 is a result to report, not an exception to stop the run.
    return Client(HTTP_HOST=host, SERVER_NAME=host, raise_request_exception=False)


def fetch(client, path):
    """GET `path` as a first-time visitor and read the whole body, streamed or not."""
    client.cookies.clear()
    timer = QueryTimer()
    start = perf_counter()
    with connection.execute_wrapper(timer):
        response = client.get(path, secure=True)
        if response.streaming:
            size = sum(len(chunk) for chunk in response.streaming_content)
        else:
            size = len(response.content)
    ms = (perf_counter() - start) * 1000
    return Request(response.status_code, size, ms, timer.count, timer.seconds * 1000)


def sample(client, path, repeat, budget_seconds, before_each=None):
    """Up to `repeat` requests, fewer when they have taken longer than the budget (at least one)."""
    requests, deadline = [], perf_counter() + budget_seconds
    for _ in range(repeat):
        if before_each:
            before_each()
        requests.append(fetch(client, path))
        if perf_counter() > deadline:
            break
    return requests


def time_page(client, page, repeat, budget_seconds):
    """`page` (a pages.Page) with an empty cache, then warm."""
    timing = PageTiming(page.name, page.path)
    timing.empty = sample(client, page.path, repeat, budget_seconds, before_each=clear_caches)
    timing.warm = sample(client, page.path, repeat, budget_seconds)
    return timing
