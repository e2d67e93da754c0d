"""The parts the two finders share (tntd/finder.py): keyword search and its indexes,
canonical links, sorting that never shuffles pages, and what is echoed back to visitors."""

import pytest
from django.db import connection
from django.http import QueryDict

from activities.filters import EventFilterSet
from activities.models import Event
from news.filters import NewsFilterSet
from news.models import NewsItem
from tests import factories
from tntd.finder import querystring, shown

pytestmark = pytest.mark.django_db


def plan(queryset):
    """PostgreSQL's plan for a queryset, with sequential scans discouraged so that an index
    that can serve the query shows up even on a tiny table."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    "filterset_class, model, index",
    [(EventFilterSet, Event, "event_search_vector"), (NewsFilterSet, NewsItem, "newsitem_search_vector")],
)
def test_keyword_search_uses_the_gin_index_on_postgresql(filterset_class, model, index):
    if connection.vendor != "postgresql":
        pytest.skip("the full-text indexes exist on PostgreSQL only")
    # The finder's own search over all rows, unordered: nothing but the full-text condition,
    # which the planner can serve from the index only if the expressions are identical.
    queryset = filterset_class(QueryDict("q=cybercrime"), queryset=model.objects.all()).qs.order_by()
    assert f"Bitmap Index Scan on {index}" in plan(queryset)


@pytest.mark.parametrize("factory, url", [(factories.EventFactory, "/en/events/"), (factories.NewsItemFactory, "/en/news/")])
def test_keyword_search_ignores_case_and_finds_words_in_the_body(client, factory, url):
    factory(title="Border management", body="Training for customs officers.")
    factory(title="Something else", body="Nothing related.")
    for query in ("CUSTOMS", "customs officers", "border"):
        titles = [obj.title for obj in client.get(url, {"q": query}).context["results"]]
        assert titles == ["Border management"], query


def test_a_query_of_only_spaces_or_stop_words_is_no_filter_and_no_error(client):
    factories.EventFactory(title="Border management")
    assert len(client.get("/en/events/", {"q": "   "}).context["results"]) == 1
    assert client.get("/en/events/", {"q": "the and of"}).status_code == 200


def test_links_are_canonical_whatever_the_input_spelling():
    filterset = EventFilterSet(QueryDict("country=al&country=rs&type=workshop&year=2017&from=2017-3-1&sort=title"),
                               queryset=Event.objects.published())
    assert filterset.kept_params() == {
        "country": ["AL", "RS"], "type": ["workshop"], "year": ["2017"], "from": ["2017-03-01"], "sort": ["title"],
    }


def test_querystring_drops_empty_parameters_and_replaces_the_page():
    assert querystring({}) == ""
    assert querystring({"theme": []}) == ""
    assert querystring({"theme": ["a", "b"], "page": ["2"]}, page=None) == "?theme=a&theme=b"
    assert querystring({"q": ["a&b é"]}, page="3") == "?q=a%26b+%C3%A9&page=3"


def test_shown_input_has_no_control_characters_and_is_cut_short():
    assert shown("a\x00b\x1fc") == "abc"
    assert shown("x" * 100) == "x" * 39 + "…"
    assert shown("short") == "short"


def test_sorting_breaks_ties_so_that_pages_are_stable():
    queryset = EventFilterSet(QueryDict("sort=title"), queryset=Event.objects.all()).qs
    assert queryset.query.order_by == ("title", "start_date", "pk")
    default = EventFilterSet(QueryDict(), queryset=Event.objects.all()).qs
    assert default.query.order_by == ("-start_date", "title", "pk")
    invalid = EventFilterSet(QueryDict("sort=price"), queryset=Event.objects.all()).qs
    assert invalid.query.order_by == default.query.order_by
