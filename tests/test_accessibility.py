"""Accessibility checks that need no browser, over every page the sitemap lists on the seed
content, in each language: one h1, the language, the skip link's target, alt text, labelled regions, no inline
code (the CSP forbids it), markup that parses cleanly, and the colour contrast of site.css.
A real-browser check lives in tests/browser."""

import re
from pathlib import Path

import html5lib
import pytest
from defusedxml import ElementTree
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from tests import factories
from tests.seeded import seed_site_for_module
from website.languages import language_prefix

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every page of the sitemap on the seed content, plus an event with a photo, and the 404
    page: fetched once for all the tests here, in a transaction rolled back afterwards."""
    with seed_site_for_module(django_db_blocker, tmp_path_factory):
        factories.EventFactory(title="Course with a photo", slug="with-photo",
                               photo=SimpleUploadedFile("p.png", factories.png_bytes(), content_type="image/png"),
                               photo_alt="Officers in a classroom")
        client = Client()
        sections = [loc.text for loc in ElementTree.fromstring(client.get("/sitemap.xml").content).iter(f"{SITEMAP}loc")]
        urls = [
            loc.text.removeprefix("http://testserver")
            for section in sections
            for loc in ElementTree.fromstring(client.get(section).content).iter(f"{SITEMAP}loc")
        ]
        urls += ["/en/events/?region=central-asia", "/en/news/?theme=countering-terrorism"]  # finders with filters
        responses = {url: client.get(url) for url in urls}
        responses["/no-such-page/"] = client.get("/no-such-page/")
    assert len(urls) > 50  # the seed content's pages are all there
    for url, response in responses.items():
        assert response.status_code == (404 if url == "/no-such-page/" else 200), url
    return {url: response.text for url, response in responses.items()}


def parse(html):
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    return parser.parse(html), parser.errors


def test_every_page_parses_without_errors_and_has_one_h1_and_a_language(pages):
    for url, html in pages.items():
        document, errors = parse(html)
        assert errors == [], (url, errors[:3])
        assert document.get("lang") == (language_prefix(url) or "en"), url
        assert len(document.findall(".//h1")) == 1, url
        assert document.findtext(".//title").strip(), url


def test_every_page_starts_with_a_skip_link_to_its_main_content(pages):
    for url, html in pages.items():
        document, _ = parse(html)
        first_link = document.find(".//body//a")
        with translation.override(language_prefix(url) or "en"):
            assert first_link.get("href") == "#main" and first_link.text == gettext("Skip to main content"), url
        assert document.find(".//main[@id='main']") is not None, url


def test_every_image_has_alt_text(pages):
    images = 0
    for url, html in pages.items():
        for img in parse(html)[0].iter("img"):
            images += 1
            assert (img.get("alt") or "").strip(), (url, img.get("src"))
    assert images >= 1  # the event with a photo


def test_every_id_is_unique_and_every_reference_to_one_exists(pages):
    for url, html in pages.items():
        document, _ = parse(html)
        ids = [el.get("id") for el in document.iter() if el.get("id")]
        assert len(ids) == len(set(ids)), (url, sorted(i for i in ids if ids.count(i) > 1))
        for el in document.iter():
            for attribute in ("aria-labelledby", "aria-describedby", "for"):
                for ref in (el.get(attribute) or "").split():
                    assert ref in ids, (url, attribute, ref)
            href = el.get("href") or ""
            if el.tag == "a" and href.startswith("#") and len(href) > 1:
                assert href[1:] in ids, (url, href)


def test_no_page_has_inline_style_or_script(pages):
    for url, html in pages.items():
        document, _ = parse(html)
        assert document.find(".//style") is None, url
        # Scripts come from files; a script element without one holds schema.org data (JSON-LD), never code.
        for script in document.iter("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", url
        assert not [el.tag for el in document.iter() if el.get("style") is not None], url
        assert not [el.tag for el in document.iter() for name in el.keys() if name.startswith("on")], url


def test_the_main_navigation_marks_at_most_one_link_current(pages):
    for url, html in pages.items():
        nav = parse(html)[0].find(".//nav[@class='main-nav']")
        assert len([a for a in nav.iter("a") if a.get("aria-current")]) <= 1, url


def test_no_page_skips_a_heading_level(pages):
    for url, html in pages.items():
        levels = [int(el.tag[1]) for el in parse(html)[0].iter() if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1, url
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (url, levels)


# --- Colour contrast ------------------------------------------------------------------------

def relative_luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    lighter, darker = sorted([relative_luminance(a), relative_luminance(b)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def css_colours():
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    root = css[css.index(":root {"):css.index("}", css.index(":root {"))]
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", root))
    colours["white"] = "#ffffff"
    return colours


# (foreground, background): every pair of colours that the stylesheet sets text in.
TEXT_PAIRS = [
    ("ink", "bg"), ("ink", "bg-soft"), ("ink", "accent-soft"), ("ink", "warn-bg"),
    ("muted", "bg"), ("muted", "bg-soft"),
    ("accent", "bg"), ("accent", "bg-soft"), ("accent", "accent-soft"), ("accent-dark", "accent-soft"),
    ("accent-dark", "bg"), ("white", "accent"), ("white", "accent-dark"), ("white", "ink"),
]
# Focus rings and chart bars against what surrounds them (WCAG 1.4.11: 3:1).
SHAPE_PAIRS = [("focus", "bg"), ("focus", "bg-soft"), ("white", "accent"), ("accent", "bg"), ("series-2", "bg")]


@pytest.mark.parametrize("foreground, background", TEXT_PAIRS)
def test_text_colours_meet_aa_contrast(foreground, background):
    colours = css_colours()
    assert contrast(colours[foreground], colours[background]) >= 4.5


@pytest.mark.parametrize("foreground, background", SHAPE_PAIRS)
def test_focus_rings_and_chart_bars_stand_out(foreground, background):
    colours = css_colours()
    assert contrast(colours[foreground], colours[background]) >= 3


def test_the_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
