"""Bodies in Markdown, shown as sanitized HTML (richtext/markdown.py): staff get links,
headings and lists; no script gets through."""

import pytest

from richtext.markdown import render
from tests import factories
from tests.markup import main, parse, text_of, with_class

pytestmark = pytest.mark.django_db

BODY = """The workshop covered:

- risk analysis
- **document checks**

## Results
See [the report](https://www.osce.org/report) for details.
A second line."""


def body_of(response):
    """The rendered Markdown of a page: its <div class="body">."""
    (body,) = with_class(main(parse(response)), "body", "div")
    return body


def links(element):
    return [(a.get("href"), a.get("rel"), text_of(a)) for a in element.iter("a")]


def test_staff_write_links_headings_and_lists(client):
    event = factories.EventFactory(body=BODY)
    body = body_of(client.get(event.get_absolute_url()))
    (items,) = body.iter("ul")
    assert [text_of(item) for item in items.iter("li")] == ["risk analysis", "document checks"]
    assert [text_of(strong) for strong in items.iter("strong")] == ["document checks"]
    assert [(heading.get("id"), text_of(heading)) for heading in body.iter("h2")] == [("section-results", "Results")]
    assert not list(body.iter("h1"))  # under the page's <h1>
    assert links(body) == [("https://www.osce.org/report", "noopener noreferrer", "the report")]
    (paragraph,) = [paragraph for paragraph in body.iter("p") if "for details." in text_of(paragraph)]
    assert text_of(paragraph) == "See the report for details. A second line."
    assert len(list(paragraph.iter("br"))) == 1  # a single line break stays one, as in plain text


def test_a_top_heading_is_never_a_second_h1_nor_takes_an_id_of_the_page():
    assert render("# Main") == '<h2 id="section-main">Main</h2>'


@pytest.mark.parametrize(
    "written, forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="https://example.org" onclick="steal()">x</a>', "onclick"),
        ("<style>body{display:none}</style>", "<style"),
        ('<iframe src="https://example.org"></iframe>', "<iframe"),
    ],
)
def test_no_script_gets_through(written, forbidden):
    assert forbidden not in render(written)


def test_news_and_organisation_pages_render_it_too(client):
    item = factories.NewsItemFactory(body="A *new* item.")
    body = body_of(client.get(item.get_absolute_url()))
    assert text_of(body) == "A new item." and [text_of(em) for em in body.iter("em")] == ["new"]
    theme = factories.ThemeFactory(description="Covers [cyber](https://www.osce.org/cyber).")
    assert links(body_of(client.get(theme.get_absolute_url()))) == [("https://www.osce.org/cyber", "noopener noreferrer", "cyber")]
