"""/en/news/ as a visitor uses it: filters alone and combined, facet counts, sorting, chips,
headlines, pagination, bad input, detail pages, drafts and the cost in queries."""

import datetime

import html5lib
import pytest
from django.urls import reverse

from news.models import NewsItem
from organisation.models import Country, Theme
from publishing.models import Status
from tests import factories
from tests.markup import by_id, headings, link_texts, main, meta, parse, sections, text_of, with_class
from tests.test_events_finder import assert_noted, pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    tntd = factories.OsceStructureFactory(name="Transnational Threats Department", slug="tntd")
    presence = factories.OsceStructureFactory(name="OSCE Presence in Albania", slug="presence-in-albania")
    policing = factories.ThemeFactory(name="Policing", slug="policing")
    terrorism = factories.ThemeFactory(name="Countering terrorism", slug="countering-terrorism")
    uz, al = Country.objects.get(code="UZ"), Country.objects.get(code="AL")
    factories.NewsItemFactory(slug="crypto", title="Peer exchange on cryptocurrency money laundering",
                              structures=[presence, tntd], countries=[al], published_on=datetime.date(2024, 12, 16))
    factories.NewsItemFactory(slug="evidence", title="Requesting electronic evidence across borders",
                              kind=NewsItem.Kind.PRESS_RELEASE, structures=[tntd], themes=[terrorism],
                              countries=[uz], published_on=datetime.date(2024, 12, 12))
    factories.NewsItemFactory(slug="cybercrime", title="Regional workshop on cybercrime", structures=[tntd],
                              themes=[policing, terrorism], countries=[uz], published_on=datetime.date(2024, 12, 12))
    factories.NewsItemFactory(slug="young-experts", title="Pool of Young Experts trained", kind="",
                              published_on=datetime.date(2024, 12, 13), body="Twenty-seven members met in Vienna.")
    factories.NewsItemFactory(slug="draft", title="Draft about cybercrime in Uzbekistan", status=Status.DRAFT,
                              kind=NewsItem.Kind.STATEMENT, structures=[presence], themes=[policing],
                              countries=[uz, al])


ALL = ["crypto", "young-experts", "cybercrime", "evidence"]


def get(client, **params):
    response = client.get("/en/news/", params)
    assert response.status_code == 200
    return response


def slugs(response):
    return [item.slug for item in response.context["results"]]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ALL),
        ({"structure": "presence-in-albania"}, ["crypto"]),
        ({"structure": ["presence-in-albania", "tntd"]}, ["crypto", "cybercrime", "evidence"]),
        ({"theme": "countering-terrorism"}, ["cybercrime", "evidence"]),
        ({"structure": "tntd", "theme": "policing"}, ["cybercrime"]),
        ({"country": "uz"}, ["cybercrime", "evidence"]),
        ({"country": ["AL", "uz"]}, ["crypto", "cybercrime", "evidence"]),
        ({"type": "news"}, ["crypto", "cybercrime"]),
        ({"type": ["news", "press_release"]}, ["crypto", "cybercrime", "evidence"]),
        ({"from": "2024-12-13"}, ["crypto", "young-experts"]),
        ({"to": "2024-12-12"}, ["cybercrime", "evidence"]),
        ({"from": "2024-12-13", "to": "2024-12-13"}, ["young-experts"]),
        ({"q": "cybercrime"}, ["cybercrime"]),  # title; the draft says it too
        ({"q": "Vienna"}, ["young-experts"]),  # body
        ({"q": "laundering"}, ["crypto"]),
        ({"country": "uz", "type": "press_release", "theme": "countering-terrorism"}, ["evidence"]),
        ({"sort": "title"}, ["crypto", "young-experts", "cybercrime", "evidence"]),
        ({"sort": "date"}, ["cybercrime", "evidence", "young-experts", "crypto"]),
        ({"sort": "-date"}, ALL),
    ],
)
def test_news_filters_alone_combined_and_sorted(client, newsroom, params, expected):
    response = get(client, **params)
    assert slugs(response) == expected
    assert response.context["page_obj"].paginator.count == len(expected)


def test_full_text_search_stems_and_understands_web_syntax(client, newsroom):
    assert slugs(get(client, q="requests")) == ["evidence"]
    assert slugs(get(client, q='"electronic evidence"')) == ["evidence"]
    assert slugs(get(client, q="workshop or exchange")) == ["crypto", "cybercrime"]


def facets(response):
    return {f.name: {o.value: o.count for o in f.options} for f in response.context["facets"]}


def test_news_facets_count_what_each_choice_would_give(client, newsroom):
    counts = facets(get(client, country="uz"))
    assert counts["structure"] == {"tntd": 2}
    assert counts["theme"] == {"countering-terrorism": 2, "policing": 1}
    assert counts["country"] == {"AL": 1, "UZ": 2}
    assert counts["type"] == {"news": 1, "press_release": 1}


@pytest.mark.parametrize("params", [{}, {"country": "uz"}, {"theme": "policing", "type": "news"}, {"structure": "tntd"}])
def test_each_facet_count_is_what_ticking_that_choice_alone_gives(client, newsroom, params):
    response = get(client, **params)
    for name, counts in facets(response).items():
        for value, count in counts.items():
            assert get(client, **{**params, name: value}).context["page_obj"].paginator.count == count, (name, value)


def test_drafts_are_never_listed_counted_or_found(client, newsroom):
    response = get(client)
    assert "Draft about" not in response.text
    assert facets(response)["type"] == {"news": 2, "press_release": 1}  # not the draft's statement
    assert facets(response)["structure"] == {"presence-in-albania": 1, "tntd": 3}
    assert slugs(get(client, q="Uzbekistan")) == []


@pytest.mark.parametrize(
    "params, headline",
    [
        ({}, "News"),
        ({"type": "press_release", "theme": "policing", "country": "uz"}, "Press releases on Policing in Uzbekistan"),
        ({"structure": "tntd", "from": "2024-12-01"}, "News from Transnational Threats Department from 1 December 2024"),
        ({"q": "evidence"}, "News matching “evidence”"),
        ({"type": "statement"}, "Statements"),
    ],
)
def test_news_title_and_heading_say_what_is_shown(client, newsroom, params, headline):
    response = get(client, **params)
    assert response.context["headline"] == headline
    document = parse(response)
    assert headings(document, "h1") == [headline]
    title = headline if headline.startswith("News") else f"{headline} — News"
    assert text_of(document.find(".//title")).startswith(f"{title} · ")


def test_news_chips_and_links_keep_the_other_filters(client, newsroom):
    response = get(client, country="uz", theme="policing")
    chips = {chip.label: chip.remove_url for chip in response.context["chips"]}
    assert chips == {"Theme: Policing": "?country=UZ", "Country: Uzbekistan": "?theme=policing"}
    query = "?theme=policing&country=UZ"
    document = parse(response)
    (feed,) = [link for link in document.iter("link") if link.get("type") == "application/atom+xml"]
    assert feed.get("href") == reverse("news_feed") + query
    assert response.context["headline"] in feed.get("title")  # "News on Policing in Uzbekistan"
    downloads = [link.get("href") for link in document.iter("a") if link.get("download") is not None]
    assert {reverse("news_export_csv") + query, reverse("news_export_json") + query} <= set(downloads)


def test_news_pagination_keeps_the_filters(client):
    tntd = factories.OsceStructureFactory(slug="tntd")
    for day in range(1, 26):
        factories.NewsItemFactory(structures=[tntd], published_on=datetime.date(2024, 12, day))
    factories.NewsItemFactory()
    first = get(client, structure="tntd")
    assert len(first.context["results"]) == 20
    assert pages(first)["next"] == "?structure=tntd&page=2"
    assert len(get(client, structure="tntd", page=2).context["results"]) == 5
    assert client.get("/en/news/", {"structure": "tntd", "page": 3}).status_code == 404


@pytest.mark.parametrize(
    "query, errors, left_out, quoted",
    [
        ("country=xx", {}, {"country": ["xx"]}, "“xx”"),
        ("from=yesterday", {"from": ["invalid"]}, {}, "“yesterday”"),
        ("type=gossip", {}, {"type": ["gossip"]}, "“gossip”"),
        ("structure=nowhere", {}, {"structure": ["nowhere"]}, "“nowhere”"),
        ("page=9x", {}, {}, "“9x”"),
        ("year=2017", {}, {}, "“year”"),  # events have years; news has dates
        ("q=%00", {}, {}, None),  # the control character replaced by a space
        ("q=" + "y" * 5000, {}, {}, None),  # too long to be a search: every filter ignored
    ],
)
def test_news_bad_input_is_reported_not_an_error(client, newsroom, query, errors, left_out, quoted):
    response = client.get("/en/news/?" + query)
    assert_noted(response, errors, left_out, quoted)
    assert slugs(response) == ALL
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(response.text)
    assert parser.errors == []


def test_a_news_page_past_the_end_is_a_404(client, newsroom):
    assert client.get("/en/news/", {"page": 50}).status_code == 404


# --- a news item's page --------------------------------------------------------------------


def test_news_detail_shows_every_field_and_published_related_events(client, newsroom):
    item = NewsItem.objects.get(slug="crypto")
    item.body = "Experts from 12 countries.\n\nThey met in Tirana."
    item.summary = "A peer exchange in Tirana."
    item.photo_caption, item.photo_credit = "The participants", "OSCE/Ilir Shehu"
    item.save()
    item.related_events.set([
        factories.EventFactory(title="Peer exchange in Tirana", slug="tirana-peer-exchange"),
        factories.EventFactory(title="Unpublished event", status=Status.DRAFT),
    ])
    response = client.get("/en/news/crypto/")
    assert response.status_code == 200
    html = response.text
    document = parse(response)
    article = main(document).find(".//article")
    assert [text_of(kicker) for kicker in with_class(article, "detail__kicker")] == [item.get_kind_display()]
    assert headings(article, "h1") == ["Peer exchange on cryptocurrency money laundering"]
    facts = article.find(".//dl[@class='facts']")
    assert [(when.get("datetime"), text_of(when)) for when in facts.iter("time")] == [("2024-12-16", "16 December 2024")]
    links = link_texts(facts)
    assert links["OSCE Presence in Albania"] == "/en/structures/presence-in-albania/"
    assert links["Albania"] == "/en/countries/al/"
    assert [text_of(lead) for lead in with_class(article, "lead", "p")] == ["A peer exchange in Tirana."]
    (body,) = with_class(article, "body", "div")
    assert [text_of(paragraph) for paragraph in body.iter("p")] == ["Experts from 12 countries.", "They met in Tirana."]
    related = sections(document)["related-events"]
    assert by_id(related, "related-events").tag == "h2"
    assert link_texts(related) == {"Peer exchange in Tirana": "/en/events/tirana-peer-exchange/"}  # not the draft
    assert meta(document, property="og:type") == "article"
    assert meta(document, property="og:description") == "A peer exchange in Tirana."
    assert "Unpublished event" not in html
    assert "The participants" not in html and "OSCE/Ilir Shehu" not in html  # a caption without its photo


def test_news_drafts_are_hidden_from_the_public_and_previewable_by_staff(client, superuser, newsroom):
    assert client.get("/en/news/draft/").status_code == 404
    client.force_login(superuser)
    preview = client.get("/en/news/draft/")
    assert preview.status_code == 200
    (notice,) = with_class(main(parse(preview)), "notice--draft", "p")
    assert [text_of(state) for state in notice.iter("strong")] == [f"{NewsItem.objects.get(slug='draft').publication}."]
    assert text_of(notice) != text_of(notice.find("strong"))  # and a sentence: who sees it, and why


# --- cost --------------------------------------------------------------------------------


def make_news(count):
    countries = list(Country.objects.order_by("code")[:3])
    for _ in range(count):
        factories.NewsItemFactory(countries=countries, themes=[factories.ThemeFactory()],
                                  structures=[factories.OsceStructureFactory()])


# Measured: 9 queries for the bare list: the content version, the archive's counts (search.counts),
# the choices of each facet of objects (4), the page's ids, then its items (2); filtered by
# countries, themes and words: their look-ups (2), and counts over the rows instead, the chosen
# facets' own counts apart (12).
@pytest.mark.parametrize("params, most", [({}, 9), ({"country": "ad", "theme": "theme-0", "q": "News"}, 12)])
def test_the_news_list_costs_the_same_for_5_and_60_items(client, django_assert_max_num_queries, params, most):
    make_news(5)
    if "theme" in params:  # a theme that exists: factories number their slugs across the whole run
        params = {**params, "theme": Theme.objects.earliest("pk").slug}
    with django_assert_max_num_queries(most) as small:
        assert client.get("/en/news/", params).status_code == 200
    make_news(55)
    with django_assert_max_num_queries(most) as large:
        assert client.get("/en/news/", params).status_code == 200
    assert len(large) == len(small)
