"""Links that last: a published page whose slug changes keeps answering at its old address
with a permanent redirect (website/redirects.py)."""

import pytest
from django.urls import reverse

from publishing.models import Status
from tests import factories
from tests.markup import changelist_rows
from tests.test_admin import event_form_data, post_change
from website.models import MovedPage

pytestmark = pytest.mark.django_db


def test_a_published_events_old_address_redirects_to_its_new_one(admin_client, client):
    event = factories.EventFactory(slug="border-workshop")
    response = post_change(admin_client, event, event_form_data(slug="border-security-workshop"))
    assert response.status_code == 302
    response = client.get("/en/events/border-workshop/?utm_source=feed")
    assert response.status_code == 301
    assert response["Location"] == "/en/events/border-security-workshop/?utm_source=feed"
    assert client.get(response["Location"]).status_code == 200
    # In the language it is asked in; without one (a first-version link), in English, at once.
    assert client.get("/ru/events/border-workshop/")["Location"] == "/ru/events/border-security-workshop/"
    response = client.get("/events/border-workshop/")
    assert response.status_code == 301 and response["Location"] == "/en/events/border-security-workshop/"


def test_renamed_twice_the_first_address_goes_straight_to_the_last(client):
    theme = factories.ThemeFactory(slug="cyber")
    for slug in ("cyber-security", "cyber-ict-security"):
        theme.slug = slug
        theme.save()
    for old in ("/en/themes/cyber/", "/en/themes/cyber-security/"):
        assert client.get(old)["Location"] == "/en/themes/cyber-ict-security/"
    # Taken again, an address is the page's again, not a redirect.
    theme.slug = "cyber"
    theme.save()
    assert client.get("/en/themes/cyber/").status_code == 200
    assert client.get("/en/themes/cyber-ict-security/")["Location"] == "/en/themes/cyber/"


def test_a_drafts_address_was_never_public_so_nothing_is_kept(client):
    draft = factories.EventFactory(slug="first-idea", status=Status.DRAFT)
    draft.slug = "final-title"
    draft.save()
    assert not MovedPage.objects.exists()
    assert client.get("/en/events/first-idea/").status_code == 404


def test_an_unknown_address_is_still_a_404_in_the_site_design(client):
    response = client.get("/en/events/never-existed/")
    assert response.status_code == 404 and "404.html" in [template.name for template in response.templates]


def test_staff_see_the_moved_pages_in_the_admin(admin_client):
    unit = factories.UnitFactory(slug="spmu")
    unit.slug = "strategic-police-matters"
    unit.save()
    response = admin_client.get(reverse("admin:website_movedpage_changelist"))
    # Stored in no language: one redirect serves every language (website/redirects.py).
    (row,) = changelist_rows(response)
    assert {"/units/spmu/", "/units/strategic-police-matters/"} <= set(row.values())
    assert not [cell for cell in row.values() if "/en/" in cell]


@pytest.mark.parametrize("make", [factories.RegionFactory, factories.ThemeFactory, factories.UnitFactory])
def test_an_organisation_page_renamed_keeps_its_old_address(client, make):
    record = make(slug="old-name")
    old = record.get_absolute_url()
    record.slug = "new-name"
    record.save()
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == record.get_absolute_url()
