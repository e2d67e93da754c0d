"""Production logs as an operator's log platform reads them: one JSON object a line, and every
line about a request carrying that request's id (tntd/logs.py)."""

import http.client
import json
import time

import pytest

from tools.benchmark import server

pytestmark = pytest.mark.django_db(transaction=True)


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def log_records(log_path, wanted):
    """The log's lines as objects, once `wanted(records)` holds (gunicorn writes after answering)."""
    deadline = time.monotonic() + 5
    while True:
        lines = [line for line in log_path.read_text().splitlines() if line.strip()]
        records = [json.loads(line) for line in lines]  # fails on any line that is not JSON
        if wanted(records) or time.monotonic() > deadline:
            return records
        time.sleep(0.05)


def access_lines(records):
    return [record for record in records if record.get("logger") == "gunicorn.access"]


def test_each_request_is_one_json_line_with_its_id_status_and_duration(tmp_path):
    log_path = tmp_path / "server.log"
    with server.gunicorn(log_path, DATABASE_URL=server.database_url(), WEB_CONCURRENCY="1", DJANGO_LOG_FORMAT="json") as running:
        assert get(running.port, "/api/v1/events/no-such-event/", {"X-Request-ID": "proxy-id-1"}) == 404
        assert get(running.port, "/api/v1/choices/", {"X-Request-ID": "forged id\"}, {"}) == 200
        assert get(running.port, "/livez") == 200
        # Each thread writes its line once it has answered: not always in the order asked.
        paths = {"/api/v1/events/no-such-event/", "/api/v1/choices/", "/livez"}
        records = log_records(log_path, lambda records: paths <= {line["path"] for line in access_lines(records)})

    by_path = {line["path"]: line for line in access_lines(records)}
    missing = by_path["/api/v1/events/no-such-event/"]
    assert missing["request_id"] == "proxy-id-1" and missing["status"] == 404 and missing["method"] == "GET"
    assert isinstance(missing["duration_ms"], float) and missing["duration_ms"] >= 0
    # A header that is not a plain token is replaced, as is a missing one: ids are 32 hex digits.
    for path in ("/api/v1/choices/", "/livez"):
        assert len(by_path[path]["request_id"]) == 32 and int(by_path[path]["request_id"], 16) >= 0
    assert by_path["/api/v1/choices/"]["request_id"] != by_path["/livez"]["request_id"]
    # Django's own record of the 404 names the same request.
    not_found = [record for record in records if record.get("logger") == "django.request"]
    assert [record["request_id"] for record in not_found] == ["proxy-id-1"]
    assert {"time", "level", "message"} <= set(not_found[0])


def test_text_logs_stay_available_for_people_reading_a_terminal(tmp_path):
    log_path = tmp_path / "server.log"
    with server.gunicorn(log_path, WEB_CONCURRENCY="1", DJANGO_LOG_FORMAT="text") as running:
        assert get(running.port, "/livez") == 200
    first = log_path.read_text().splitlines()[0]
    with pytest.raises(json.JSONDecodeError):
        json.loads(first)
