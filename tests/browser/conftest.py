"""Playwright driving Debian's Chromium against Django's live server.

`make test` installs Chromium with apt when it is missing; Playwright's own browser
download does not work on our machines, hence the explicit executable path.
"""

import os
import shutil

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from tests.seeded import load_reference_data

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# tests themselves (loading fixtures) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def any_port(settings):
    """The live server listens on a port of its choosing, which the browser's Host names (website/hosts.py)."""
    settings.ALLOWED_PORTS = ["*"]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def seeded(transactional_db):
    """The seed content, in a database that a previous live-server test may have flushed
    (flushing also removes the countries and regions that data migrations loaded)."""
    load_reference_data()
    call_command("load_seed_content", verbosity=0)
