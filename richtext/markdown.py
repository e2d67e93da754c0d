"""Staff write bodies and descriptions in Markdown; pages show them as HTML that can hold
links, headings and lists, and nothing else: no script, no style, no event handler.
The template filter is `rich_text` (richtext/templatetags/rich_text.py)."""

import re

import markdown
import nh3
from django.utils.translation import gettext_lazy as _
from markdown.extensions.toc import TocExtension, slugify

# What Markdown makes that a body may keep. Headings start at <h2>: the page's title is its <h1>.
TAGS = {"p", "br", "a", "strong", "em", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "code", "pre", "hr"}
ATTRIBUTES = {"a": {"href", "title"}, **{f"h{level}": {"id"} for level in range(2, 7)}}
TOP_HEADING = re.compile(r"<(/?)h1\b")
HELP_TEXT = _(
    "Markdown: a blank line between paragraphs; **bold**, *italic*, [a link](https://www.osce.org/), "
    "“## A heading”, and lists with “- ” or “1. ”."
)


def section_id(heading, separator):
    """A heading's anchor, "section-results": prefixed, so that it never takes an id the page
    itself uses ("main")."""
    return f"section{separator}{slugify(heading, separator)}"


def render(text):
    """Markdown to sanitized HTML. Single line breaks stay line breaks, as in the plain text
    the bodies were first written in."""
    html = markdown.markdown(text, extensions=["nl2br", "sane_lists", TocExtension(slugify=section_id)])
    html = TOP_HEADING.sub(r"<\1h2", html)  # "# A heading" too is under the page's title
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, link_rel="noopener noreferrer")
