"""The admin's home (issue 23, item 4): "Waiting for my review", "My drafts" and "Recently
published", each a short list of links read in one query, of what the permission policy lets the
user decide, edit or see; beside them the site's recent changes, never an empty box for someone
new (editorial/home.py, templates/admin/index.html)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Event
from editorial import home, workflow
from editorial.policy import policy_for
from editorial.registry import publishable_models
from news.models import NewsItem
from publishing.models import Status
from tests import factories
from tests.markup import parse, text_of
from tests.test_admin import admin_url, event_form_data, news_form_data, post_change, user_in_group
from tests.test_admin_languages import speaking

pytestmark = pytest.mark.django_db


def listed(page, list_id):
    """[(link text, href)] of the list `list_id` on the home page, or None when it is not shown."""
    module = page.find(f".//div[@id='{list_id}']")
    if module is None:
        return None
    return [(text_of(a), a.get("href")) for a in module.iter("a")]


def waiting_counts(response):
    """{address of each heading of "Waiting for my review": the numbers it says}; None when the
    list is not shown."""
    module = parse(response).find(".//div[@id='waiting-for-review']")
    if module is None:
        return None
    return {a.get("href"): re.findall(r"\d+", text_of(a)) for heading in module.iter("h3") for a in heading.iter("a")}


@pytest.fixture
def work(editor, other_editor, publisher):
    """Drafts of two Editors, records and a change in review, published records."""
    mine = factories.EventFactory(title="My draft workshop", status=Status.DRAFT, created_by=editor)
    theirs = factories.EventFactory(title="Their draft workshop", status=Status.DRAFT, created_by=other_editor)
    story = factories.NewsItemFactory(title="My draft story", status=Status.DRAFT, created_by=editor)
    ready = factories.EventFactory(title="Ready workshop", status=Status.DRAFT, created_by=editor)
    workflow.submit(ready, editor)
    live = factories.EventFactory(title="Live conference", status=Status.DRAFT)
    workflow.publish(live, publisher)
    changed = factories.NewsItemFactory(title="Live story", status=Status.PUBLISHED)
    with workflow.saving(changed, publisher):
        changed.summary = "An updated summary."
        changed.save()
    return {"mine": mine, "theirs": theirs, "story": story, "ready": ready, "live": live, "changed": changed}


def test_a_publisher_finds_the_three_lists_with_links(client, editor, publisher, work):
    client.force_login(editor)
    changed = work["live"]
    client.post(admin_url(Event, "change", changed.pk), {
        **event_form_data(title="Live conference", slug=changed.slug, start_date="2017-05-10", date_precision="day",
                          summary="A proposed summary."),
        "edit_token": client.get(admin_url(Event, "change", changed.pk)).context["adminform"].form["edit_token"].value(),
        "_step_submit": "1"})
    client.force_login(publisher)
    response = client.get(reverse("admin:index"))
    page = parse(response)
    # Each kind of thing to decide, with how many wait (its whole list), then each record to review.
    assert [href for _, href in listed(page, "waiting-for-review")] == [
        admin_url(Event, "changelist") + "?status__exact=review", admin_url(Event, "review", work["ready"].pk),
        admin_url(Event, "changelist") + "?pending_change=yes", admin_url(Event, "review", changed.pk),
    ]
    assert [text for text, _ in listed(page, "waiting-for-review")][1::2] == ["Ready workshop", "Live conference"]
    assert waiting_counts(response) == {admin_url(Event, "changelist") + "?status__exact=review": ["1"],
                                        admin_url(Event, "changelist") + "?pending_change=yes": ["1"]}
    # The Publisher has no drafts; the link to their work stays.
    assert [href for _, href in listed(page, "my-drafts")] == [reverse("admin:editorial_my_work")]
    published = listed(page, "recently-published")
    assert published[:2] == [("Live story", admin_url(NewsItem, "change", work["changed"].pk)),
                             ("Live conference", admin_url(Event, "change", changed.pk))]
    assert "Ready workshop" not in dict(published)
    item = next(li for li in page.find(".//div[@id='recently-published']").iter("li") if "Live conference" in text_of(li))
    (meta,) = [text_of(span) for span in item.iter("span") if span.get("class") == "home-meta"]
    work["live"].refresh_from_db()
    assert work["live"].publication in meta and publisher.username in meta  # where it stands, and who published it


def test_an_editor_finds_their_own_drafts_and_changes_and_nothing_to_decide(client, editor, work):
    published = work["changed"]
    client.force_login(editor)
    post_change(client, published, news_form_data(title="Live story", slug=published.slug,
                                                  published_on=str(published.published_on), summary="My proposed summary."))
    page = parse(client.get(reverse("admin:index")))
    assert listed(page, "waiting-for-review") is None
    drafts = listed(page, "my-drafts")
    assert dict(drafts[:-1]) == {  # latest saved first, then "My work"
        "Live story": admin_url(NewsItem, "change", published.pk),
        "My draft story": admin_url(NewsItem, "change", work["story"].pk),
        "My draft workshop": admin_url(Event, "change", work["mine"].pk),
    }
    assert drafts[0][0] == "Live story"
    item = page.find(".//div[@id='my-drafts']//li")
    assert "my change to its published version, not yet submitted" in text_of(item)
    assert "Their draft workshop" not in text_of(page.find(".//div[@id='my-drafts']"))


def test_finance_is_shown_none_of_the_lists_and_no_empty_box(client):
    client.force_login(user_in_group("Finance"))
    page = parse(client.get(reverse("admin:index")))
    for list_id in ("waiting-for-review", "my-drafts", "recently-published", "recent-changes", "recent-actions-module"):
        assert page.find(f".//div[@id='{list_id}']") is None, list_id
    assert "None available" not in text_of(page.find(".//body"))


def test_someone_new_sees_the_sites_recent_changes_not_an_empty_box(client, work):
    newcomer = factories.UserFactory(username="newcomer")
    newcomer.groups.add(*user_in_group("Publishers").groups.all())
    client.force_login(newcomer)
    page = parse(client.get(reverse("admin:index")))
    recent = page.find(".//div[@id='recent-changes']")
    assert recent is not None
    items = [text_of(li) for li in recent.iter("li")]
    assert items[0].startswith("Live story publishers edited it,")
    assert any(text.startswith("Live conference") and "publishers published it" in text for text in items)
    assert any("editors submitted it for review" in text for text in items)
    assert page.find(".//div[@id='recent-actions-module']") is None  # theirs: none yet, so not shown


def test_each_list_is_one_query_whatever_its_rows(editor, publisher, work):
    for user in (editor, publisher):
        for model in publishable_models():  # the user's permissions, read once per request
            policy_for(model).may_view(user)
    lists = [(home.my_drafts, editor), (home.waiting_for_review, publisher), (home.recently_published, publisher),
             (home.recent_changes, publisher)]
    counts = {}
    for make, user in lists:
        with CaptureQueriesContext(connection) as queries:
            rows = make(user)
        assert rows, make.__name__
        counts[make.__name__] = len(queries)
    assert counts == {"my_drafts": 1, "waiting_for_review": 1, "recently_published": 1, "recent_changes": 1}


def test_the_home_page_costs_the_same_with_more_rows(client, editor, publisher):
    def queries_for(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("admin:index")).status_code == 200
        return len(queries)

    def add_rows(count):
        for n in range(count):
            factories.EventFactory(title=f"Draft {n}", status=Status.DRAFT, created_by=editor)
            workflow.submit(factories.NewsItemFactory(title=f"Story {n}", status=Status.DRAFT), editor)
            workflow.publish(factories.EventFactory(title=f"Live {n}", status=Status.DRAFT), publisher)

    add_rows(1)
    few = queries_for(editor), queries_for(publisher)
    add_rows(6)
    assert (queries_for(editor), queries_for(publisher)) == few


def test_the_waiting_counts_are_each_lists_own(publisher, editor):
    """Each kind's count is a window over its own SELECT: not its id, nor another list's count."""
    for n in range(3):
        workflow.submit(factories.EventFactory(title=f"Event {n}", status=Status.DRAFT), editor)
    workflow.submit(factories.NewsItemFactory(title="Story", status=Status.DRAFT), editor)
    lists = {(model, kind): (total, [row.title for row in rows]) for model, kind, total, rows in home.waiting_lists(publisher)}
    assert lists == {
        (Event, home.RECORD): (3, ["Event 0", "Event 1", "Event 2"]),
        (NewsItem, home.RECORD): (1, ["Story"]),
    }


def test_a_title_shows_in_the_back_offices_language(client, editor):
    factories.EventFactory(title="Border workshop", title_ru="Семинар по границам", status=Status.DRAFT, created_by=editor)
    factories.EventFactory(title="Police course", status=Status.DRAFT, created_by=editor)
    client.force_login(speaking(editor, "ru"))
    drafts = [text for text, _ in listed(parse(client.get(reverse("admin:index"))), "my-drafts")[:-1]]
    assert sorted(drafts) == ["Police course", "Семинар по границам"]  # English where there is no Russian
