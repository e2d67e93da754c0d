"""Scheduling (publishing/models.py): a published record is public only within its window,
"public from" (an embargo) to "public until", and a news item from its publishing date;
everything public follows the clock, with no job to run at those times (website/caching.py)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from activities.filters import EventFilterSet
from activities.models import Event
from news.models import NewsItem
from publishing.models import Status
from search import counts
from tests import factories
from tests.markup import changelist_rows, main, parse, text_of, with_class
from tests.test_admin import admin_url, event_form_data, post_change, user_in_group
from website import caching

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 11, 26, 9, 0))
LATER = NOW + datetime.timedelta(hours=2)
PUBLIC_URLS = ["/en/events/", "/en/events/feed/", "/en/events/export.csv", "/en/events/calendar.ics", "/sitemap-events-en.xml", "/en/"]


def shows(client, url, title, slug="embargoed"):
    """Whether the page at `url` names the record, by its title or (sitemaps) its address."""
    response = client.get(url)
    content = response.content if not response.streaming else b"".join(response.streaming_content)
    return title.encode() in content or f"/{slug}/".encode() in content


@pytest.fixture
def embargoed():
    with time_machine.travel(NOW, tick=False):
        return factories.EventFactory(title="Embargoed ministerial conference", slug="embargoed",
                                      start_date=datetime.date(2027, 3, 1), publish_at=LATER)


def test_an_embargoed_event_is_nowhere_public_until_its_time(client, embargoed, settings):
    # The whole archive's prepared file follows the content version, which the database moves at
    # a scheduled time by its own clock, out of time_machine's reach: here the download is
    # written live (tests/test_download_limits.py has the prepared file follow the version).
    settings.PREPARE_DOWNLOADS = "never"
    with time_machine.travel(NOW, tick=False):
        for url in PUBLIC_URLS:
            assert not shows(client, url, embargoed.title), url
        assert client.get("/en/events/embargoed/").status_code == 404
        assert not Event.objects.published().filter(pk=embargoed.pk).exists()
    with time_machine.travel(LATER, tick=False):
        for url in PUBLIC_URLS:
            assert shows(client, url, embargoed.title), url
        assert client.get("/en/events/embargoed/").status_code == 200


def test_staff_preview_an_embargoed_event_marked_as_not_yet_public(admin_client, embargoed):
    with time_machine.travel(NOW, tick=False):
        article = main(parse(admin_client.get("/en/events/embargoed/"))).find(".//article")
        (notice,) = with_class(article, "notice--draft", "p")
        assert [text_of(state) for state in notice.iter("strong")] == [f"{embargoed.publication}."]
        assert embargoed.window() == "scheduled" and "26 Nov 2026, 11:00" in embargoed.publication  # when it goes public
        assert text_of(notice) != text_of(notice.find("strong"))  # and who may see it meanwhile


def test_a_withdrawn_news_item_leaves_at_its_time(client):
    with time_machine.travel(NOW, tick=False):
        item = factories.NewsItemFactory(title="Call for applications", published_on=NOW.date(), unpublish_at=LATER)
        assert shows(client, "/en/news/", item.title)
    with time_machine.travel(LATER, tick=False):
        assert not shows(client, "/en/news/", item.title) and not shows(client, "/en/news/feed/", item.title)


def test_a_news_item_dated_later_waits_for_its_day(client):
    with time_machine.travel(NOW, tick=False):
        item = factories.NewsItemFactory(title="Annual report launch", published_on=datetime.date(2026, 11, 30))
        assert not shows(client, "/en/news/", item.title)
        assert not NewsItem.objects.published().exists()
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 11, 30, 0, 1)), tick=False):
        assert shows(client, "/en/news/", item.title)


def test_the_cache_and_the_counts_follow_the_clock(client, settings, time_machine):
    """A page cached before an embargo ends is not served after it, and the counts include the
    record, with no save in between: the first request after it bumps the content version."""
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    now = timezone.now()
    soon = now + datetime.timedelta(hours=2)
    event = factories.EventFactory(title="Embargoed ministerial conference", publish_at=soon)
    time_machine.move_to(now, tick=False)
    assert not shows(client, "/en/events/", event.title)
    assert counts.archive_total(EventFilterSet) == 0
    version = caching.content_version()
    time_machine.move_to(soon + datetime.timedelta(seconds=1), tick=False)
    assert shows(client, "/en/events/", event.title)
    assert caching.content_version() != version
    assert counts.archive_total(EventFilterSet) == 1


def test_only_publishers_set_the_publishing_window(client):
    editor = user_in_group("Editors")
    client.force_login(editor)
    client.post(admin_url(Event, "add"), event_form_data(publish_at="2026-12-01T09:00"))
    event = Event.objects.get()
    assert (event.status, event.publish_at) == (Status.DRAFT, None)

    client.force_login(user_in_group("Publishers"))
    response = post_change(client, event, event_form_data(
        publish_at="2026-12-01T09:00", unpublish_at="2026-11-30T09:00",
    ), step="publish")
    form = response.context["adminform"].form
    assert form.errors["unpublish_at"] == ["“Public until” must be later than “Public from”."]
    response = post_change(client, event, event_form_data(
        publish_at="2026-12-01T09:00", unpublish_at="",
    ), step="publish")
    assert response.status_code == 302
    event.refresh_from_db()
    assert timezone.localtime(event.publish_at) == timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 0))
    with time_machine.travel(NOW, tick=False):
        (row,) = changelist_rows(client.get(admin_url(Event, "changelist")))
        assert row["publication"] == event.publication and event.window() == "scheduled"
        assert "1 Dec 2026, 09:00" in row["publication"]
