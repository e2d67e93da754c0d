"""Several app servers on one database and one Redis (compose's `--scale web=3`): what one
server has cached never hides a change from the others. Two gunicorn servers, as the container
runs them, each with its page cache in the shared Redis."""

import http.client
import json
import time

import pytest

from tests import factories
from tools.benchmark import server

pytestmark = pytest.mark.django_db(transaction=True)  # the servers read what is committed
REDIS_URL = "redis://127.0.0.1:6379/15"


def titles(port, query):
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection_.request("GET", f"/api/v1/events/?q={query}", headers={"Host": "127.0.0.1"})
        return [event["title"] for event in json.loads(connection_.getresponse().read())["results"]]
    finally:
        connection_.close()


@pytest.fixture
def redis():
    redis_module = pytest.importorskip("redis")
    client = redis_module.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    except redis_module.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    yield
    client.flushdb()


def test_a_change_shows_on_every_server_within_a_second(redis, tmp_path):
    environment = {"DATABASE_URL": server.database_url(), "REDIS_URL": REDIS_URL, "WEB_CONCURRENCY": "1"}
    with server.gunicorn(tmp_path / "first.log", **environment) as first, server.gunicorn(tmp_path / "second.log", **environment) as second:
        for running in (first, second):  # each answers, and caches the answer in Redis
            assert titles(running.port, "kyrgyzstan") == []
        factories.EventFactory(title="Border security course in Kyrgyzstan")
        saved = time.monotonic()
        seen = {}
        while len(seen) < 2 and time.monotonic() - saved < 5:
            for running in (first, second):
                if running.port not in seen and titles(running.port, "kyrgyzstan"):
                    seen[running.port] = time.monotonic() - saved
            time.sleep(0.05)
    assert len(seen) == 2 and max(seen.values()) < 1.0, seen
