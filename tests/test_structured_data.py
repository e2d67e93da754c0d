"""schema.org JSON-LD on event and news pages (portal/structured_data.py), parsed back as a
search engine reads it: dates at their true precision, status, place, breadcrumbs, and the
CSP untouched."""

import datetime
import json

import html5lib
import pytest

from activities.models import DatePrecision, EventStatus
from organisation.models import Country
from tests import factories

pytestmark = pytest.mark.django_db


def json_ld(response):
    """{@type: data} of the page's JSON-LD blocks."""
    document = html5lib.parse(response.text, namespaceHTMLElements=False)
    blocks = [json.loads(script.text) for script in document.iter("script") if script.get("type") == "application/ld+json"]
    return {block["@type"]: block for block in blocks}


def test_an_event_known_to_the_month_says_no_more_than_the_month(client):
    factories.EventFactory(
        title="Patrolling course", slug="patrolling", start_date=datetime.date(2017, 7, 1), date_precision=DatePrecision.MONTH,
        venue_city="Gissar", venue_country=Country.objects.get(code="TJ"), summary="A four-week course.",
    )
    data = json_ld(client.get("/en/events/patrolling/"))["Event"]
    assert data["@context"] == "https://schema.org"
    assert (data["name"], data["startDate"], data["description"]) == ("Patrolling course", "2017-07", "A four-week course.")
    assert "endDate" not in data
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place", "name": "Gissar, Tajikistan",
        "address": {"@type": "PostalAddress", "addressLocality": "Gissar", "addressCountry": "TJ"},
    }
    assert data["organizer"]["name"] == "OSCE Transnational Threats Department"
    assert data["url"] == "http://testserver/en/events/patrolling/"


def test_a_cancelled_rescheduled_or_online_event_says_so(client):
    factories.EventFactory(slug="year", start_date=datetime.date(2017, 1, 1), date_precision=DatePrecision.YEAR,
                           event_status=EventStatus.CANCELLED)
    factories.EventFactory(slug="moved", start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2026, 9, 3),
                           event_status=EventStatus.RESCHEDULED, original_start_date=datetime.date(2026, 6, 1))
    factories.EventFactory(slug="online", is_online=True)
    cancelled = json_ld(client.get("/en/events/year/"))["Event"]
    assert (cancelled["startDate"], cancelled["eventStatus"]) == ("2017", "https://schema.org/EventCancelled")
    assert "location" not in cancelled  # the sources say nowhere: nothing is claimed
    moved = json_ld(client.get("/en/events/moved/"))["Event"]
    assert (moved["startDate"], moved["endDate"], moved["previousStartDate"]) == ("2026-09-01", "2026-09-03", "2026-06-01")
    online = json_ld(client.get("/en/events/online/"))["Event"]
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == {"@type": "VirtualLocation", "url": "http://testserver/en/events/online/"}


def test_a_news_item_is_a_news_article_with_its_breadcrumbs(client):
    factories.NewsItemFactory(title="Cadets trained", slug="cadets", published_on=datetime.date(2024, 12, 16))
    data = json_ld(client.get("/en/news/cadets/"))
    article = data["NewsArticle"]
    assert (article["headline"], article["datePublished"]) == ("Cadets trained", "2024-12-16")
    assert article["publisher"]["@type"] == "Organization"
    assert data["BreadcrumbList"]["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "News", "item": "http://testserver/en/news/"},
        {"@type": "ListItem", "position": 2, "name": "Cadets trained", "item": "http://testserver/en/news/cadets/"},
    ]


def test_text_cannot_break_out_of_the_data_and_the_csp_is_unchanged(client):
    title = "</script><script>alert(1)</script> & <!-- more"
    factories.EventFactory(title=title, slug="odd")
    response = client.get("/en/events/odd/")
    assert "<script>alert(1)" not in response.text
    assert json_ld(response)["Event"]["name"] == title
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
