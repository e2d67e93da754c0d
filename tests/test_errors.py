"""The 404 and 500 pages: in the site's design, with the right status, and the 500 page
without a database (it is what a visitor sees when the database is the thing that failed)."""

import pytest
from django.template.loader import get_template
from django.test import Client
from django.urls import path

from tntd import urls as site_urls


def broken_view(request):
    raise RuntimeError("something broke")


# This module is also the URLconf of the tests marked below: the site plus a view that fails.
urlpatterns = [path("broken/", broken_view), *site_urls.urlpatterns]


@pytest.mark.django_db
def test_an_unknown_address_gets_the_404_page_in_the_site_design(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.text
    assert "<h1>Page not found</h1>" in html
    assert 'class="site-header"' in html and 'aria-label="Main"' in html and 'class="site-footer"' in html
    assert 'href="/en/events/"' in html and 'href="/en/news/"' in html
    assert '<meta name="robots" content="noindex">' in html and 'rel="canonical"' not in html


@pytest.mark.django_db
def test_a_finders_page_past_the_end_says_where_the_results_end(client):
    response = client.get("/en/events/?page=9999")
    assert response.status_code == 404
    assert "results end on page 1" in response.text and "<h1>Page not found</h1>" in response.text


def test_the_500_page_renders_without_context_processors_or_a_database():
    # No django_db mark: any query here would raise.
    html = get_template("500.html").render({})
    assert "<h1>Something went wrong</h1>" in html and '<html lang="en">' in html
    assert 'class="site-header"' in html and 'href="/static/css/site.css"' in html
    assert 'href="#main"' in html and 'id="main"' in html


@pytest.mark.urls("tests.test_errors")
def test_an_error_in_a_view_answers_500_with_that_page():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.text and "something broke" not in response.text
