"""The parts the two finders share (finders/filtersets.py): keyword search and its indexes,
canonical links, sorting that never shuffles pages, and what is echoed back to visitors."""

import pytest
from django.db import connection
from django.http import QueryDict

from activities.filters import EventFilterSet
from activities.models import Event
from finders.filtersets import querystring, shown
from news.filters import NewsFilterSet
from news.models import NewsItem
from search.index import index_of
from tests import factories

pytestmark = pytest.mark.django_db


def plan(queryset):
    """PostgreSQL's plan for a queryset, with sequential and plain index scans discouraged so
    that an index that can serve the query's condition shows up even on a tiny table."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("filterset_class, model", [(EventFilterSet, Event), (NewsFilterSet, NewsItem)])
def test_keyword_search_on_records_reads_the_search_index(filterset_class, model):
    """Feeds, calendars and downloads search the records (`qs`): through the search index's
    document, the one full-text document in every language, which its GIN index serves
    (tests/test_query_plans.py)."""
    queryset = filterset_class(QueryDict("q=cybercrime"), queryset=model.objects.published()).qs
    sql = str(queryset.query)
    assert f'FROM {connection.ops.quote_name(index_of(model)._meta.db_table)}' in sql
    assert '."document" @@ (websearch_to_tsquery(' in sql


RUSSIAN_SEARCHES = [
    (factories.EventFactory, "/ru/events/", "/ru/events/export.json"),
    (factories.NewsItemFactory, "/ru/news/", "/ru/news/feed/"),
]


@pytest.mark.parametrize("factory, page, download", RUSSIAN_SEARCHES)
def test_russian_keywords_find_another_grammatical_form_of_a_russian_word(client, factory, page, download):
    wanted = factory(title="Counter-terrorism conference", title_ru="Конференция по борьбе с терроризмом")
    factory(title="Border management", title_ru="Управление границами")
    english_only = factory(title="Terrorist financing", title_ru="")
    # «терроризма» (genitive) finds «терроризмом» (instrumental): the Russian configuration
    # stems both to «терроризм»; an English word on the Russian page still finds English text.
    found = [record.pk for record in client.get(page, {"q": "терроризма"}).context["results"]]
    assert found == [wanted.pk]
    assert [record.pk for record in client.get(page, {"q": "financing"}).context["results"]] == [english_only.pk]
    response = client.get(download, {"q": "терроризма"})
    downloaded = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
    assert "Конференция по борьбе с терроризмом" in downloaded
    assert "Управление границами" not in downloaded


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
    def order(queryset):
        return [("-" if key.descending else "") + key.expression.name for key in queryset.query.order_by]

    queryset = EventFilterSet(QueryDict("sort=title"), queryset=Event.objects.all()).qs
    assert order(queryset) == ["title", "start_date", "pk"]
    default = EventFilterSet(QueryDict(), queryset=Event.objects.all()).qs
    assert order(default) == ["-start_date", "title", "pk"]
    invalid = EventFilterSet(QueryDict("sort=price"), queryset=Event.objects.all()).qs
    assert invalid.query.order_by == default.query.order_by


@pytest.mark.parametrize("factory, url", [(factories.EventFactory, "events"), (factories.NewsItemFactory, "news")])
def test_a_russian_page_sorts_by_title_as_the_english_one_does(client, factory, url):
    """Sorting by title follows the English title in every language, on records and index
    alike (finders.filters.SortFilter); Russian titles are shown, untranslated ones in English."""
    factory(title="Anti-corruption workshop", title_ru="Семинар по борьбе с коррупцией")
    factory(title="Border management", title_ru="")
    factory(title="Cybercrime conference", title_ru="Конференция по киберпреступности")
    english = [record.pk for record in client.get(f"/en/{url}/", {"sort": "title"}).context["results"]]
    russian = client.get(f"/ru/{url}/", {"sort": "title"})
    assert [record.pk for record in russian.context["results"]] == english
    page = russian.content.decode()
    assert page.index("Семинар по борьбе с коррупцией") < page.index("Border management") < page.index("Конференция")
