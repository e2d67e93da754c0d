"""The 404 and 500 pages: in the site's design, with the right status, and the 500 page
without a database (it is what a visitor sees when the database is the thing that failed)."""

import re

import pytest
from django.template.loader import get_template
from django.templatetags.static import static
from django.test import Client
from django.urls import path, reverse

from tests.markup import by_id, headings, hrefs, main, meta, parse, text_of, with_class
from tntd import urls as site_urls


def broken_view(request):
    raise RuntimeError("something broke")


# This module is also the URLconf of the tests marked below: the site plus a view that fails.
urlpatterns = [path("broken/", broken_view), *site_urls.urlpatterns]


@pytest.mark.django_db
def test_an_unknown_address_gets_the_404_page_in_the_site_design(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    document = parse(response)
    assert len(headings(document, "h1")) == 1
    assert with_class(document, "site-header", "header") and with_class(document, "site-footer", "footer")
    assert [nav.get("aria-label") for nav in with_class(document, "main-nav", "nav")] == ["Main"]  # named for screen readers
    assert {reverse("event_list"), reverse("news_list")} <= set(hrefs(main(document)))  # where to go next
    assert meta(document, name="robots") == "noindex"
    assert not [link for link in document.iter("link") if link.get("rel") == "canonical"]


@pytest.mark.django_db
def test_a_finders_page_past_the_end_says_where_the_results_end(client):
    response = client.get("/en/events/?page=9999")
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    (lead,) = with_class(main(parse(response)), "lead", "p")
    assert text_of(lead) == response.context["past_the_end"]
    assert re.findall(r"\d+", text_of(lead)) == ["9999", "1"]  # the page asked for, and the last there is


def test_the_500_page_renders_without_context_processors_or_a_database():
    # No django_db mark: any query here would raise.
    document = parse(get_template("500.html").render({}))
    assert document.get("lang") == "en"
    (heading,) = headings(document, "h1")
    assert heading and text_of(document.find(".//title")).startswith(heading)  # one heading, saying what happened, as the title
    assert with_class(document, "site-header", "header")
    assert static("css/site.css") in [link.get("href") for link in document.iter("link") if link.get("rel") == "stylesheet"]
    assert "#main" in hrefs(document) and by_id(document, "main").tag == "main"  # the skip link, and where it leads


@pytest.mark.urls("tests.test_errors")
def test_an_error_in_a_view_answers_500_with_that_page():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "500.html" in [template.name for template in response.templates]
    assert len(headings(parse(response), "h1")) == 1
    assert "something broke" not in response.text  # nothing of the error itself
