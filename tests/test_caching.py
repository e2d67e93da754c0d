"""The public page cache (website/caching.py) as visitors and editors meet it: a page seen
once is served again for one query (the content version); any change of public content
shows on the next request; revalidation with the ETag is a 304 for that one query;
anonymous visitors get a short public Cache-Control; staff, their draft previews and error
pages are never cached.

The test's database transaction is never committed: the database bumps the content version
at each statement instead (tests/conftest.py). tests/test_derived_data.py checks what others
see before and after a commit, and writes that go around Django.
"""

import datetime
from functools import partial

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.models import Event
from editorial import workflow
from editorial.policy import Operator
from news.models import NewsItem
from organisation.models import Budget, Country
from publishing.models import Status
from tests import factories
from tests.markup import canonical, parse, sections, text_of
from tests.test_production_settings import last_line, manage, production_env
from tntd import settings as project_settings
from website.caching import PUBLIC_CONTENT, cached_public_page, content_version

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The project's own page cache (tests/settings.py leaves it off for the other tests)."""
    settings.CACHES = {**settings.CACHES, "default": project_settings.CACHES["default"]}
    caches["default"].clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def content():
    department = factories.DepartmentFactory(name="Transnational Threats Department", acronym="TNTD", slug="tntd")
    Budget.objects.create(department=department, year=2017, unified_budget=2955500, extrabudgetary_pledges=2221361,
                          staff_total=33, staff_extrabudgetary=6)
    policing = factories.ThemeFactory(name="Policing", slug="policing")
    unit = factories.UnitFactory(department=department, name="Strategic Police Matters Unit", slug="spmu",
                                 themes=[policing])
    albania = Country.objects.get(code="AL")
    presence = factories.OsceStructureFactory(name="OSCE Presence in Albania", slug="presence-in-albania", country=albania)
    event = factories.EventFactory(title="Exercise in Tirana", slug="tirana", venue_country=albania, countries=[albania],
                                   themes=[policing], units=[unit], structures=[presence])
    draft = factories.EventFactory(title="Planned exercise", slug="planned", status=Status.DRAFT, countries=[albania],
                                   start_date=TODAY + datetime.timedelta(days=30))
    news = factories.NewsItemFactory(title="Cryptocurrency peer exchange", slug="crypto", themes=[policing],
                                     countries=[albania], structures=[presence], related_events=[event])
    return {"event": event, "draft": draft, "news": news, "theme": policing}


@pytest.fixture
def staff(superuser):
    staff = Client()
    staff.force_login(superuser)
    return staff


def queries(client, url, **headers):
    """(response, number of queries it cost)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
        if response.streaming:  # a streamed download reads its rows as it is sent
            b"".join(response.streaming_content)
    return response, len(captured)


# --- Served from the cache ------------------------------------------------------------------

CACHED_PAGES = [
    "/en/", "/en/events/", "/en/events/?country=al&theme=policing", "/en/events/tirana/", "/en/events/feed/", "/en/news/",
    "/en/news/crypto/", "/en/news/feed/", "/en/themes/", "/en/themes/policing/", "/en/countries/", "/en/countries/al/",
    "/en/units/spmu/", "/en/structures/presence-in-albania/", "/en/departments/tntd/", "/en/budget/", "/sitemap.xml",
    "/en/departments/", "/en/units/", "/en/units/?theme=policing",
]


def test_a_second_anonymous_visit_to_a_filtered_finder_costs_one_small_query(client, content, django_assert_num_queries):
    first = client.get("/en/events/?country=al")
    assert "Exercise in Tirana" in first.text
    with django_assert_num_queries(1):  # the content version
        second = client.get("/en/events/?country=al")
    assert second.status_code == 200 and second.content == first.content


@pytest.mark.parametrize("url", CACHED_PAGES)
def test_every_public_page_is_served_again_from_the_cache(client, content, url):
    first, cost = queries(client, url)
    assert first.status_code == 200 and cost > 0
    second, cost = queries(client, url)
    assert cost == 1  # the content version
    assert second.status_code == 200 and second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_each_query_string_is_a_page_of_its_own(client, content):
    assert "Exercise in Tirana" in client.get("/en/events/?country=al").text
    assert "Exercise in Tirana" not in client.get("/en/events/?country=rs").text
    assert "Exercise in Tirana" in client.get("/en/events/?country=al").text


def test_each_host_is_served_pages_with_its_own_address(client, content):
    assert canonical(parse(client.get("/en/events/"))) == "http://testserver/en/events/"
    assert canonical(parse(client.get("/en/events/", HTTP_HOST="localhost"))) == "http://localhost/en/events/"
    assert canonical(parse(client.get("/en/events/", secure=True))) == "https://testserver/en/events/"


def test_pages_move_upcoming_events_to_the_past_at_midnight(client, content, monkeypatch):
    factories.EventFactory(title="Workshop ending today", start_date=TODAY)
    home = sections(parse(client.get("/en/")))  # the home page shows past events only when none is coming
    assert "recent-events" not in home and "Workshop ending today" in text_of(home["upcoming-events"])
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY + datetime.timedelta(days=1))
    home = sections(parse(client.get("/en/")))
    assert "upcoming-events" not in home and "Workshop ending today" in text_of(home["recent-events"])


# --- Every change shows on the next request ------------------------------------------------------


def test_a_published_event_shows_on_the_next_request_of_the_finder_home_and_feed(client, content, committed):
    for url in ("/en/events/", "/en/", "/en/events/feed/"):
        assert "Planned exercise" not in client.get(url).text
    draft, version = content["draft"], content_version()
    with committed():
        workflow.publish(draft, Operator("tests"))
    assert content_version() != version
    for url in ("/en/events/", "/en/", "/en/events/feed/", "/en/events/planned/"):
        assert "Planned exercise" in client.get(url).text, url


def test_the_admin_publish_and_unpublish_actions_show_on_the_next_request(client, content, staff, committed):
    draft = content["draft"]
    changelist = reverse("admin:activities_event_changelist")
    assert "Planned exercise" not in client.get("/en/events/").text
    with committed():
        staff.post(changelist, {"action": "publish", "_selected_action": [draft.pk], "confirmed": "yes"})
    for url in ("/en/events/", "/en/", "/en/events/feed/", "/en/events/planned/"):
        assert "Planned exercise" in client.get(url).text, url
    with committed():
        staff.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk], "confirmed": "yes"})
    for url in ("/en/events/", "/en/", "/en/events/feed/"):
        assert "Planned exercise" not in client.get(url).text, url
    assert client.get("/en/events/planned/").status_code == 404


def test_a_deleted_event_is_gone_on_the_next_request(client, content, committed):
    assert "Exercise in Tirana" in client.get("/en/events/").text
    assert client.get("/en/events/tirana/").status_code == 200
    with committed():
        content["event"].delete()
    assert "Exercise in Tirana" not in client.get("/en/events/").text
    assert client.get("/en/events/tirana/").status_code == 404


def test_a_renamed_theme_shows_on_a_cached_event_page(client, content, committed):
    assert "Policing" in client.get("/en/events/tirana/").text
    with committed():
        content["theme"].name = "Police development and reform"
        content["theme"].save()
    assert "Police development and reform" in client.get("/en/events/tirana/").text


def test_a_country_added_to_an_event_shows_in_the_finder(client, content, committed):
    assert "Exercise in Tirana" not in client.get("/en/events/?country=rs").text
    with committed():
        content["event"].countries.add(Country.objects.get(code="RS"))
    assert "Exercise in Tirana" in client.get("/en/events/?country=rs").text


def test_news_unpublished_in_bulk_is_gone_on_the_next_request(client, content, committed):
    assert "Cryptocurrency peer exchange" in client.get("/en/news/").text
    with committed():
        workflow.unpublish(NewsItem.objects.get(slug="crypto"), Operator("tests"))
    assert "Cryptocurrency peer exchange" not in client.get("/en/news/").text


CONTENT_FACTORIES = {
    "activities.Event": factories.EventFactory,
    "news.NewsItem": factories.NewsItemFactory,
    "tntd.Theme": factories.ThemeFactory,
    "tntd.Country": partial(factories.CountryFactory, code="ZZ"),
    "tntd.Region": factories.RegionFactory,
    "tntd.Department": factories.DepartmentFactory,
    "tntd.DepartmentLink": factories.DepartmentLinkFactory,
    "tntd.Unit": factories.UnitFactory,
    "tntd.OsceStructure": factories.OsceStructureFactory,
    "tntd.PartnerOrganisation": factories.PartnerOrganisationFactory,
    "tntd.Budget": factories.BudgetFactory,
}


@pytest.mark.parametrize("label", PUBLIC_CONTENT)
def test_saving_and_deleting_any_public_content_bumps_the_version(label, committed):
    version = content_version()
    with committed():
        obj = CONTENT_FACTORIES[label]()
    assert content_version() != version
    version = content_version()
    with committed():
        obj.delete()
    assert content_version() != version


def test_with_redis_the_pages_are_in_redis():
    script = "from django.conf import settings; print(sorted({c['BACKEND'] for c in settings.CACHES.values()}))"
    result = manage("shell", "-c", script, **production_env(REDIS_URL="redis://127.0.0.1:6379/0"))
    assert last_line(result) == "['django.core.cache.backends.redis.RedisCache']", result.stderr


def test_the_version_outlives_a_flush_of_the_cache(client, content):
    """It is the database's: emptying Redis (or a worker's memory) costs pages, not revalidations."""
    version, etag = content_version(), client.get("/en/events/")["ETag"]
    caches["default"].clear()
    assert content_version() == version
    assert client.get("/en/events/", HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize("label", PUBLIC_CONTENT)
def test_a_raw_sql_update_of_any_public_content_bumps_the_version(label):
    model = apps.get_model(label)
    obj = CONTENT_FACTORIES[label]()
    version = content_version()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {model._meta.db_table} SET id = id WHERE id = %s", [obj.pk])
    assert content_version() != version


# --- Conditional GET and Cache-Control ---------------------------------------------------------


def test_revalidating_with_the_etag_is_a_304_for_one_small_query(client, content, django_assert_num_queries):
    etag = client.get("/en/events/?country=al")["ETag"]
    caches["default"].clear()  # so that nothing could come from a stored page either
    with django_assert_num_queries(1):  # the content version
        response = client.get("/en/events/?country=al", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag
    assert "public" in response["Cache-Control"]


def test_the_etag_changes_when_an_event_is_published(client, content, committed):
    etag = client.get("/en/events/")["ETag"]
    with committed():
        workflow.publish(Event.objects.get(slug="planned"), Operator("tests"))
    response = client.get("/en/events/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and "Planned exercise" in response.text
    assert response["ETag"] != etag


def test_anonymous_visitors_get_a_short_public_cache_control(client, content, settings):
    assert set(client.get("/en/events/")["Cache-Control"].split(", ")) == {"public", "max-age=60"}
    settings.PUBLIC_CACHE_SECONDS = 300
    assert set(client.get("/en/themes/")["Cache-Control"].split(", ")) == {"public", "max-age=300"}


@pytest.mark.parametrize("url", ["/en/events/no-such-event/", "/en/events/?page=99", "/en/countries/AL/"])
def test_errors_and_redirects_are_neither_cached_nor_marked_cacheable(client, content, url):
    for _ in range(2):
        response, cost = queries(client, url)
        assert response.status_code in (301, 404) and cost > 0
        assert "ETag" not in response and "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/en/events/export.csv", "/en/events/export.json", "/en/events/calendar.ics",
                                 "/en/events/tirana/calendar.ics", "/en/news/export.csv", "/en/budget/budget.csv"])
def test_downloads_are_revalidated_with_their_etag_but_never_stored(client, content, url):
    first, _ = queries(client, url)
    assert first.status_code == 200 and "public" in first["Cache-Control"]
    again, cost = queries(client, url)
    assert again.status_code == 200 and cost > 0
    not_modified, cost = queries(client, url, if_none_match=first["ETag"])
    assert not_modified.status_code == 304 and cost == 1


# --- Staff and previews ---------------------------------------------------------------------------


def test_a_staff_preview_of_a_draft_is_never_served_to_the_public(client, content, staff):
    preview = staff.get("/en/events/planned/")
    assert preview.status_code == 200 and "Planned exercise" in preview.text
    assert set(preview["Cache-Control"].split(", ")) == {"private", "no-cache"}
    assert client.get("/en/events/planned/").status_code == 404
    # Not with the staff member's ETag either.
    assert client.get("/en/events/planned/", HTTP_IF_NONE_MATCH=preview["ETag"]).status_code == 404


def test_staff_pages_are_neither_stored_nor_served_from_the_cache(client, content, staff):
    _, first_cost = queries(staff, "/en/news/")
    _, public_cost = queries(client, "/en/news/")
    assert public_cost > 0  # the staff member's visit stored nothing
    response, cost = queries(staff, "/en/news/")
    assert cost == first_cost  # rendered again, not served from the cache
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-cache"}


def test_staff_and_the_public_get_different_etags(client, content, staff):
    assert staff.get("/en/events/tirana/")["ETag"] != client.get("/en/events/tirana/")["ETag"]


def test_a_page_with_a_csrf_token_is_never_stored():
    calls = []

    @cached_public_page
    def page_with_form(request):
        calls.append(request)
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    for _ in range(2):
        request = RequestFactory().get("/form/")
        request.user = AnonymousUser()
        response = page_with_form(request)
        assert "private" in response["Cache-Control"] and "ETag" not in response
    assert len(calls) == 2
