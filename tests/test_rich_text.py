"""Bodies in Markdown, shown as sanitized HTML (richtext/markdown.py): staff get links,
headings and lists; no script gets through."""

import pytest

from richtext.markdown import render
from tests import factories

pytestmark = pytest.mark.django_db

BODY = """The workshop covered:

- risk analysis
- **document checks**

## Results
See [the report](https://www.osce.org/report) for details.
A second line."""


def test_staff_write_links_headings_and_lists(client):
    event = factories.EventFactory(body=BODY)
    html = client.get(event.get_absolute_url()).text
    assert "<ul>\n<li>risk analysis</li>\n<li><strong>document checks</strong></li>\n</ul>" in html
    assert '<h2 id="section-results">Results</h2>' in html  # under the page's <h1>
    assert '<a href="https://www.osce.org/report" rel="noopener noreferrer">the report</a>' in html
    assert "for details.<br>\nA second line." in html  # a single line break stays one, as in plain text


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
    assert "A <em>new</em> item." in client.get(item.get_absolute_url()).text
    theme = factories.ThemeFactory(description="Covers [cyber](https://www.osce.org/cyber).")
    assert '<a href="https://www.osce.org/cyber" rel="noopener noreferrer">cyber</a>' in client.get(
        theme.get_absolute_url()).text
