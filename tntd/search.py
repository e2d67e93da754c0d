"""Keyword search: PostgreSQL full-text search (stemmed, web-search syntax), a contains
search on SQLite. Records say which of their fields are searched (`search_fields`)."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q

SEARCH_CONFIG = "english"


def search_vector(*fields):
    """The full-text expression. The GIN indexes in the migrations index exactly this SQL."""
    return SearchVector(*fields, config=SEARCH_CONFIG)


def search_query(words):
    return SearchQuery(words, config=SEARCH_CONFIG, search_type="websearch")


def keyword_search(queryset, fields, words):
    """The rows of `queryset` whose `fields` match `words`."""
    words = words.strip()
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.annotate(search=search_vector(*fields)).filter(search=search_query(words))
    matches = Q()
    for name in fields:
        matches |= Q(**{f"{name}__icontains": words})
    return queryset.filter(matches)
