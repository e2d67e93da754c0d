"""An event's page: everything public about it, at the precision the sources give, its
published news, the calendar link, and drafts previewable by staff only."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from activities.models import DatePrecision, Event
from organisation.models import Country
from publishing.models import Status
from tests import factories
from tests.markup import by_id, canonical, headings, hrefs, link_texts, main, meta, parse, sections, text_of, with_class
from tests.test_admin import user_in_group

pytestmark = pytest.mark.django_db


def page(client, slug):
    response = client.get(f"/en/events/{slug}/")
    assert response.status_code == 200
    return response.text


def document(client, slug):
    response = client.get(f"/en/events/{slug}/")
    assert response.status_code == 200
    return parse(response)


def facts(page):
    """The list of facts at the top of an event's page (when, where, who...)."""
    return page.find(".//dl[@class='facts']")


def fact_texts(page):
    return [text_of(fact) for fact in facts(page).iter("dd")]


def calendar_links(page):
    """The links to the event's calendar file, on its page (not the site's links to all events')."""
    return [href for href in hrefs(main(page).find(".//article")) if href.endswith("/calendar.ics")]


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
    article = main(parse(html)).find(".//article")
    assert [text_of(kicker) for kicker in with_class(article, "detail__kicker")] == [workshop.get_event_type_display()]
    assert headings(article, "h1") == ["Regional workshop on electronic evidence"]
    (when,) = facts(article).iter("time")
    assert (when.get("datetime"), text_of(when)) == ("2024-12-05", "5–6 December 2024")
    assert sorted(fact_texts(article)) == sorted([
        "5–6 December 2024", "Tashkent, Uzbekistan", "Kazakhstan, Kyrgyzstan", "Cybercrime", "Strategic Police Matters Unit",
        "OSCE Programme Office in Dushanbe", "United Nations Office on Drugs and Crime (UNODC)", workshop.participants_display,
    ])
    assert re.findall(r"\d+", workshop.participants_display) == ["27", "18", "9"]  # all, women, men
    assert link_texts(facts(article)) == {
        "Uzbekistan": "/en/countries/uz/", "Kazakhstan": "/en/countries/kz/", "Kyrgyzstan": "/en/countries/kg/",
        "Cybercrime": "/en/themes/cybercrime/", "Strategic Police Matters Unit": "/en/units/spmu/",
        "OSCE Programme Office in Dushanbe": "/en/structures/po-dushanbe/",
    }
    assert [text_of(lead) for lead in with_class(article, "lead", "p")] == ["Prosecutors practised requesting electronic evidence."]
    (body,) = with_class(article, "body", "div")
    paragraphs = list(body.iter("p"))
    assert [text_of(paragraph) for paragraph in paragraphs] == ["First paragraph.", "Second paragraph, same paragraph."]
    assert len(list(paragraphs[1].iter("br"))) == 1  # a single line break stays one
    # No photo: no caption nor credit (tests/test_first_screen.py); past: no calendar to add it to.
    assert "Participants of the workshop" not in html and "OSCE/Daler Khamidov" not in html
    assert not list(article.iter("img")) and not calendar_links(parse(html))


def test_open_graph_and_canonical_tags(client, workshop):
    head = document(client, "evidence")
    assert meta(head, property="og:type") == "article"
    assert meta(head, property="og:title") == "Regional workshop on electronic evidence"
    assert meta(head, property="og:description") == "Prosecutors practised requesting electronic evidence."
    assert canonical(head) == "http://testserver/en/events/evidence/"
    title = text_of(head.find(".//title")).split(" · ")
    assert title[0] == "Regional workshop on electronic evidence" and len(title) == 3  # then the section and the site


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
    shown_facts = facts(document(client, "dated"))
    assert [text_of(when) for when in shown_facts.iter("time")] == [shown]
    assert never not in text_of(shown_facts)


def test_participants_show_women_and_men_where_known(client):
    factories.EventFactory(slug="women-only", participants_total=30, participants_women=12)
    factories.EventFactory(slug="no-split", participants_total=30)
    factories.EventFactory(slug="unknown")
    women_only = Event.objects.get(slug="women-only").participants_display
    assert women_only in fact_texts(document(client, "women-only")) and re.findall(r"\d+", women_only) == ["30", "12"]
    assert "30" in fact_texts(document(client, "no-split"))
    # No number, no fact: one fewer than the event with a number, and none with a figure in it.
    assert len(fact_texts(document(client, "unknown"))) == len(fact_texts(document(client, "no-split"))) - 1
    assert not [fact for fact in fact_texts(document(client, "unknown")) if fact.isdigit()]


def test_an_online_event_says_so(client):
    event = factories.EventFactory(slug="webinar", is_online=True, venue_country=Country.objects.get(code="AT"))
    shown = document(client, "webinar")
    shown_facts = facts(shown)
    assert event.venue_display in fact_texts(shown)
    assert "Austria" not in event.venue_display and "/en/countries/at/" not in hrefs(shown_facts)  # not a venue


def test_a_photo_credit_without_its_photo_is_not_printed(client):
    factories.EventFactory(slug="credited", photo_credit="OSCE/Rasa Ostrauskaite")
    assert "OSCE/Rasa Ostrauskaite" not in page(client, "credited")


def test_related_news_lists_published_items_only(client, workshop):
    factories.NewsItemFactory(title="Experts met in Tashkent", related_events=[workshop],
                              published_on=datetime.date(2024, 12, 12))
    factories.NewsItemFactory(title="A later story", related_events=[workshop], published_on=datetime.date(2024, 12, 20))
    factories.NewsItemFactory(title="Unpublished story", status=Status.DRAFT, related_events=[workshop])
    related = sections(document(client, "evidence"))["related-news"]
    assert [text_of(title) for title in with_class(related, "item__title")] == ["A later story", "Experts met in Tashkent"]
    assert by_id(related, "related-news").tag == "h2"


def test_no_related_news_heading_without_published_news(client, workshop):
    factories.NewsItemFactory(title="Unpublished story", status=Status.DRAFT, related_events=[workshop])
    shown = document(client, "evidence")
    assert "related-news" not in sections(shown) and by_id(shown, "related-news") is None


def test_a_draft_is_a_404_for_the_public_and_a_preview_for_staff(client, superuser):
    factories.EventFactory(slug="draft", title="Planned exercise", status=Status.DRAFT)
    assert client.get("/en/events/draft/").status_code == 404
    assert client.get("/en/events/draft/calendar.ics").status_code == 404
    client.force_login(factories.UserFactory(username="visitor", is_staff=False))
    assert client.get("/en/events/draft/").status_code == 404
    client.force_login(superuser)
    preview = document(client, "draft")
    (notice,) = with_class(main(preview), "notice--draft", "p")
    assert [text_of(state) for state in notice.iter("strong")] == [f"{Event.objects.get(slug='draft').publication}."]
    assert text_of(notice) != text_of(notice.find("strong"))  # and a sentence: who sees it, and why
    assert not calendar_links(preview)  # the calendar file exists only once published
    assert not with_class(document(client, factories.EventFactory(slug="public").slug), "notice--draft")


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
    article = main(parse(html)).find(".//article")
    assert headings(article, "h1") == ["<script>alert(1)</script>"]  # shown as text
    assert not [element.tag for element in article.iter() if element.tag in ("script", "b", "i")]
    assert [text_of(lead) for lead in with_class(article, "lead", "p")] == ["<b>bold</b>"]  # the summary, as typed


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
    upcoming = f"{reverse('event_list')}?when=upcoming"
    assert upcoming not in hrefs(document(client, "old"))
    assert reverse("event_list") in hrefs(with_class(document(client, "old"), "notice--past")[0])  # all events instead
    factories.EventFactory(slug="coming", start_date=timezone.localdate() + datetime.timedelta(days=30))
    cache.clear()
    assert upcoming in hrefs(with_class(document(client, "old"), "notice--past")[0])
    assert calendar_links(document(client, "coming")) == ["/en/events/coming/calendar.ics"]
