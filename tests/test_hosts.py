"""Host headers (website/hosts.py): a port goes into absolute addresses only when the site runs on
it (settings.ALLOWED_PORTS), and a refused host is one line at WARNING in the log."""

import logging

import pytest
from django.conf import settings

from tests.markup import canonical, parse
from tests.test_production_settings import last_line, manage, production_env

pytestmark = pytest.mark.django_db


@pytest.fixture
def ports(settings):
    settings.ALLOWED_HOSTS = ["localhost", "portal.example.org"]
    settings.ALLOWED_PORTS = ["80", "443", "8000"]
    return settings


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "portal.example.org:443", "localhost:080"])
def test_a_host_without_a_port_or_with_one_the_site_runs_on_is_served(client, ports, host):
    response = client.get("/en/events/", HTTP_HOST=host)
    assert response.status_code == 200
    assert canonical(parse(response)) == f"http://{host}/en/events/"


@pytest.mark.parametrize("host", ["localhost:9999", "portal.example.org:1", "localhost:65535", "evil.example", "evil.example:8000"])
def test_a_port_the_site_does_not_run_on_is_refused_like_an_unknown_name(client, ports, host):
    for path in ("/en/events/", "/robots.txt", "/en/events/export.csv", "/api/v1/events/"):
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 400, path
        assert b"9999" not in response.content and b"evil" not in response.content


def test_any_port_when_the_setting_says_so(client, ports):
    ports.ALLOWED_PORTS = ["*"]
    assert client.get("/en/events/", HTTP_HOST="localhost:9999").status_code == 200
    assert client.get("/en/events/", HTTP_HOST="evil.example:9999").status_code == 400


def test_health_checks_answer_on_any_host_and_port(client, ports):
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:31337").status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "localhost:9999"])
def test_a_refused_host_is_one_line_at_warning(client, ports, caplog, host):
    with caplog.at_level(logging.INFO):
        client.get("/en/events/", HTTP_HOST=host)
    [record] = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert record.levelno == logging.WARNING and record.exc_info is None and record.exc_text is None
    line = logging.Formatter(settings.LOGGING["formatters"]["text"]["format"]).format(record)
    assert "\n" not in line and "WARNING" in line and host in line


def test_the_ports_by_default_are_http_https_the_site_address_and_the_server_port():
    shown = "from django.conf import settings; print(sorted(set(settings.ALLOWED_PORTS), key=int))"
    result = manage("shell", "-c", shown, **production_env(DJANGO_SITE_ADDRESS="https://portal.example.org:8443", PORT="8080"))
    assert last_line(result) == "['80', '443', '8080', '8443']", result.stderr
    result = manage("shell", "-c", shown, **production_env(DJANGO_ALLOWED_PORTS="443,9000"))
    assert last_line(result) == "['443', '9000']", result.stderr
    result = manage("check", **production_env(DJANGO_ALLOWED_PORTS="80,http"))
    assert result.returncode != 0 and "DJANGO_ALLOWED_PORTS" in result.stderr
