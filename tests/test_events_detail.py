"""An event's page: everything public about it, at the precision the sources give, its
published news, the calendar link, and drafts previewable by staff only."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from activities.models import DatePrecision, Event
from organisation.models import Country
from publishing.models import Status
from tests import factories
from tests.test_admin import user_in_group

pytestmark = pytest.mark.django_db


def page(client, slug):
    response = client.get(f"/en/events/{slug}/")
    assert response.status_code == 200
    return response.text


@pytest.fixture
def workshop():
    uzbekistan = Country.objects.get(code="UZ")
    return factories.EventFactory(
        title="Regional workshop on electronic evidence",
        slug="evidence",
        event_type=Event.Type.WORKSHOP,
        start_date=datetime.date(2024, 12, 5),
        end_date=datetime.date(2024, 12, 6),
        venue_city="Tashkent",
        venue_country=uzbekistan,
        countries=[Country.objects.get(code="KZ"), Country.objects.get(code="KG")],
        themes=[factories.ThemeFactory(name="Cybercrime", slug="cybercrime")],
        units=[factories.UnitFactory(name="Strategic Police Matters Unit", slug="spmu")],
        structures=[factories.OsceStructureFactory(name="OSCE Programme Office in Dushanbe", slug="po-dushanbe")],
        partners=[factories.PartnerOrganisationFactory(name="United Nations Office on Drugs and Crime", acronym="UNODC")],
        participants_total=27,
        participants_women=18,
        participants_men=9,
        summary="Prosecutors practised requesting electronic evidence.",
        body="First paragraph.\n\nSecond paragraph,\nsame paragraph.",
        photo_caption="Participants of the workshop",
        photo_credit="OSCE/Daler Khamidov",
    )


def test_the_page_shows_everything_public_about_the_event(client, workshop):
    html = page(client, "evidence")
    for text in (
        '<p class="detail__kicker">Workshop</p>',
        "<h1>Regional workshop on electronic evidence</h1>",
        '<time datetime="2024-12-05">5–6 December 2024</time>',
        'Tashkent, <a href="/en/countries/uz/">Uzbekistan</a>',
        '<a href="/en/countries/kz/">Kazakhstan</a>, <a href="/en/countries/kg/">Kyrgyzstan</a>',
        '<a href="/en/themes/cybercrime/">Cybercrime</a>',
        '<a href="/en/units/spmu/">Strategic Police Matters Unit</a>',
        '<a href="/en/structures/po-dushanbe/">OSCE Programme Office in Dushanbe</a>',
        "United Nations Office on Drugs and Crime (UNODC)",
        "27 (18 women, 9 men)",
        '<p class="lead">Prosecutors practised requesting electronic evidence.</p>',
        "<p>First paragraph.</p>",
        "<p>Second paragraph,<br>\nsame paragraph.</p>",
    ):
        assert text in html, text
    # No photo: no caption nor credit (tests/test_first_screen.py); past: no calendar to add it to.
    assert "Participants of the workshop" not in html and "OSCE/Daler Khamidov" not in html
    assert "/en/events/evidence/calendar.ics" not in html


def test_open_graph_and_canonical_tags(client, workshop):
    html = page(client, "evidence")
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Regional workshop on electronic evidence">' in html
    assert '<meta property="og:description" content="Prosecutors practised requesting electronic evidence.">' in html
    assert '<link rel="canonical" href="http://testserver/en/events/evidence/">' in html
    assert "<title>Regional workshop on electronic evidence · Events · " in html


@pytest.mark.parametrize(
    "precision, start, end, shown, never",
    [
        (DatePrecision.MONTH, datetime.date(2017, 3, 1), None, "March 2017", "1 March"),
        (DatePrecision.MONTH, datetime.date(2017, 3, 1), datetime.date(2017, 4, 1), "March–April 2017", "1 March"),
        (DatePrecision.YEAR, datetime.date(2017, 1, 1), None, "2017", "1 January"),
        (DatePrecision.DAY, datetime.date(2017, 7, 26), None, "26 July 2017", "–"),
    ],
)
def test_dates_are_shown_at_their_precision_never_a_made_up_day(client, precision, start, end, shown, never):
    factories.EventFactory(slug="dated", date_precision=precision, start_date=start, end_date=end, summary="")
    html = page(client, "dated")
    facts = html[html.index('<dl class="facts">'):html.index("</dl>")]
    assert f">{shown}</time>" in facts
    assert never not in facts


def test_participants_show_women_and_men_where_known(client):
    factories.EventFactory(slug="women-only", participants_total=30, participants_women=12)
    factories.EventFactory(slug="no-split", participants_total=30)
    factories.EventFactory(slug="unknown")
    assert "<dd>30 (12 women)</dd>" in page(client, "women-only")
    assert "<dd>30</dd>" in page(client, "no-split")
    assert "<dt>Participants</dt>" not in page(client, "unknown")


def test_an_online_event_says_so(client):
    factories.EventFactory(slug="webinar", is_online=True, venue_country=Country.objects.get(code="AT"))
    html = page(client, "webinar")
    assert "<dt>Where</dt><dd>Online</dd>" in html


def test_a_photo_credit_without_its_photo_is_not_printed(client):
    factories.EventFactory(slug="credited", photo_credit="OSCE/Rasa Ostrauskaite")
    assert "OSCE/Rasa Ostrauskaite" not in page(client, "credited")


def test_related_news_lists_published_items_only(client, workshop):
    factories.NewsItemFactory(title="Experts met in Tashkent", related_events=[workshop],
                              published_on=datetime.date(2024, 12, 12))
    factories.NewsItemFactory(title="A later story", related_events=[workshop], published_on=datetime.date(2024, 12, 20))
    factories.NewsItemFactory(title="Unpublished story", status=Status.DRAFT, related_events=[workshop])
    html = page(client, "evidence")
    assert '<h2 id="related-news">Related news</h2>' in html
    assert html.index("A later story") < html.index("Experts met in Tashkent")
    assert "Unpublished story" not in html


def test_no_related_news_heading_without_published_news(client, workshop):
    factories.NewsItemFactory(title="Unpublished story", status=Status.DRAFT, related_events=[workshop])
    assert "Related news" not in page(client, "evidence")


def test_a_draft_is_a_404_for_the_public_and_a_preview_for_staff(client, superuser):
    factories.EventFactory(slug="draft", title="Planned exercise", status=Status.DRAFT)
    assert client.get("/en/events/draft/").status_code == 404
    assert client.get("/en/events/draft/calendar.ics").status_code == 404
    client.force_login(factories.UserFactory(username="visitor", is_staff=False))
    assert client.get("/en/events/draft/").status_code == 404
    client.force_login(superuser)
    preview = page(client, "draft")
    assert '<p class="notice notice--draft"><strong>Draft.</strong> Only staff can see this page while it is not public.</p>' in preview
    assert "Add to calendar" not in preview  # the calendar file exists only once published
    assert "notice--draft" not in page(client, factories.EventFactory(slug="public").slug)


def test_previewing_a_draft_takes_the_permission_to_view_events_not_just_a_staff_flag(client):
    factories.EventFactory(slug="draft", title="Planned exercise", status=Status.DRAFT)
    client.force_login(factories.UserFactory(username="staff-without-rights", is_staff=True))
    assert client.get("/en/events/draft/").status_code == 404
    client.force_login(user_in_group("Editors"))
    assert client.get("/en/events/draft/").status_code == 200


def test_an_unknown_event_is_a_404(client):
    assert client.get("/en/events/no-such-event/").status_code == 404


def test_content_is_escaped(client):
    factories.EventFactory(slug="xss", title="<script>alert(1)</script>", summary="<b>bold</b>", body="<i>x</i>")
    html = page(client, "xss")
    assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html and "<i>x</i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_page_costs_the_same_number_of_queries_whatever_its_links(client, django_assert_max_num_queries):
    """The event, its five kinds of links, its published news: 7 queries with 1 or 20 of each;
    for an event that is over, whether any is upcoming, for its link to them (8)."""

    def event_with(count, slug):
        countries = list(Country.objects.all()[:count])
        event = factories.EventFactory(
            slug=slug, countries=countries, venue_country=countries[0],
            themes=[factories.ThemeFactory() for _ in range(count)],
            units=[factories.UnitFactory() for _ in range(count)],
            structures=[factories.OsceStructureFactory() for _ in range(count)],
            partners=[factories.PartnerOrganisationFactory() for _ in range(count)],
        )
        for _ in range(count):
            factories.NewsItemFactory(related_events=[event])

    event_with(1, "small")
    event_with(20, "large")
    with django_assert_max_num_queries(9) as small:  # with the content version
        page(client, "small")
    with django_assert_max_num_queries(9) as large:
        page(client, "large")
    assert len(small) == len(large)


def test_an_event_that_is_over_links_to_the_upcoming_ones_only_when_there_are_some(client):
    factories.EventFactory(slug="old", start_date=datetime.date(2017, 3, 1))
    assert "when=upcoming" not in page(client, "old")
    factories.EventFactory(slug="coming", start_date=timezone.localdate() + datetime.timedelta(days=30))
    cache.clear()
    assert "?when=upcoming" in page(client, "old") and "Add to calendar" in page(client, "coming")
