"""Keyword search: PostgreSQL full-text search over the search indexes' documents.

Each language's text is stemmed by its own configuration and a visitor's words by the page's
language's, so a word finds its other forms. See docs/search-index.md.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.utils.translation import get_language

# PostgreSQL's text search configuration for each language of LANGUAGES: a language added to
# the site needs its own here ("fr": "french"; `\dF` in psql lists them), and a migration that
# puts its columns in the indexes' documents (as activities 0015 does for Russian).
SEARCH_CONFIGS = {"en": "english", "ru": "russian"}


def search_config(language=None):
    """The configuration for the words of a visitor reading `language` (the active one)."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return SEARCH_CONFIGS.get(language, SEARCH_CONFIGS[settings.LANGUAGE_CODE])


def search_query(words):
    return SearchQuery(words, config=search_config(), search_type="websearch")
