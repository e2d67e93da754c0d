"""The back office as staff find it: every page opens, search and each list filter narrow the
list to the right rows, and "view on site" never breaks a page.

Roles and audit are in test_admin_roles.py, bad input in test_admin_validation.py, query
counts in test_admin_queries.py; the helpers here are shared with them.
"""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from activities.models import DatePrecision, Event
from editorial.models import PendingChange, TimelineEntry
from news.models import NewsItem
from organisation.models import (
    Budget,
    Country,
    Department,
    DepartmentLink,
    OsceStructure,
    PartnerOrganisation,
    Region,
    Theme,
    Unit,
)
from publishing.models import Status
from tests import factories
from tests.markup import hrefs, parse, text_of
from translations.fields import translated_fields
from website.models import MovedPage

pytestmark = pytest.mark.django_db

FACTORY_FOR = {
    Theme: factories.ThemeFactory,
    Country: lambda: Country.objects.get(code="AL"),  # loaded by a migration
    Region: lambda: Region.objects.get(slug="central-asia"),  # loaded by a migration
    Department: factories.DepartmentFactory,
    DepartmentLink: factories.DepartmentLinkFactory,
    Unit: factories.UnitFactory,
    OsceStructure: factories.OsceStructureFactory,
    PartnerOrganisation: factories.PartnerOrganisationFactory,
    Budget: factories.BudgetFactory,
    Event: factories.EventFactory,
    NewsItem: factories.NewsItemFactory,
    MovedPage: factories.MovedPageFactory,
    User: factories.UserFactory,
    # Second factors (backoffice/sign_in.py), set up by a superuser for each Publisher.
    TOTPDevice: lambda: TOTPDevice.objects.create(user=factories.UserFactory(), name="Authenticator app"),
    StaticDevice: lambda: StaticDevice.objects.create(user=factories.UserFactory(), name="Backup codes"),
    # What django-axes records of sign-ins: written by it, read (and unlocked) by staff.
    AccessAttempt: lambda: AccessAttempt.objects.create(
        username="someone", ip_address="192.0.2.1", user_agent="browser", http_accept="*/*",
        path_info="/admin/login/", get_data="", post_data="", failures_since_start=1,
    ),
    AccessLog: lambda: AccessLog.objects.create(
        username="someone", ip_address="192.0.2.1", user_agent="browser", http_accept="*/*", path_info="/admin/login/"
    ),
    AccessFailureLog: lambda: AccessFailureLog.objects.create(
        username="someone", ip_address="192.0.2.1", user_agent="browser", http_accept="*/*", path_info="/admin/login/"
    ),
    Group: lambda: Group.objects.get(name="Editors"),  # created by a migration
    # Written by the editorial workflow (editorial/workflow.py): read-only lists.
    PendingChange: lambda: PendingChange.objects.create(
        content_type=ContentType.objects.get_for_model(Event), object_id=factories.EventFactory().pk, snapshot="[]"
    ),
    TimelineEntry: lambda: TimelineEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Event), object_id=1, object_repr="An event", action="edit",
        actor="someone", from_state="draft", to_state="draft",
    ),
}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def user_in_group(name):
    user = factories.UserFactory(username=name.lower())
    user.groups.add(Group.objects.get(name=name))
    return user


def opened_form_token(client, record):
    """The version token of `record`'s change form, opened now as a browser opens it
    (publishing/edit_conflicts.py)."""
    response = client.get(admin_url(type(record), "change", record.pk))
    assert response.status_code == 200, response.status_code
    return response.context["adminform"].form["edit_token"].value()


def post_change(client, record, data, step=None):
    """Posts `data` to the change form of `record` opened just before, as a browser does: with
    the form's version token, and the button of `step` ("submit", "publish"...) pressed."""
    token = opened_form_token(client, record)
    pressed = {f"_step_{step}": "1"} if step else {}
    return client.post(admin_url(type(record), "change", record.pk), {**data, "edit_token": token, **pressed})


def in_english(model, data):
    """Form data naming translated fields as the admin's form does: `title` is the English
    column, title_en (translations/fields.py); title_ru and the like are left as given."""
    names = set(translated_fields(model))
    return {f"{key}_en" if key in names else key: value for key, value in data.items()}


def event_form_data(**overrides):
    """What the event add form posts, filled in as an editor would (`title`... in English)."""
    data = {
        "title": "Workshop on border checks",
        "slug": "workshop-on-border-checks",
        "event_type": Event.Type.WORKSHOP,
        "start_date": "2026-03-01",
        "end_date": "",
        "date_precision": "month",
        "event_status": "scheduled",
        "original_start_date": "",
        "original_end_date": "",
        "venue_city": "Vienna",
        "venue_country": Country.objects.get(code="AT").pk,
        "summary": "A workshop.",
        "body": "",
        "photo_caption": "",
        "photo_credit": "",
        "participants_total": "",
        "participants_women": "",
        "participants_men": "",
    }
    data.update(overrides)
    return in_english(Event, data)


def news_form_data(**overrides):
    data = {
        "title": "Police cadets trained",
        "slug": "police-cadets-trained",
        "published_on": "2024-12-16",
        "kind": NewsItem.Kind.NEWS,
        "summary": "Cadets trained.",
        "body": "",
        "photo_caption": "",
        "photo_credit": "",
    }
    data.update(overrides)
    return in_english(NewsItem, data)


def test_every_registered_model_has_a_factory():
    assert set(admin.site._registry) <= set(FACTORY_FOR)


# Records only software writes: their add page is refused, on purpose.
WRITTEN_BY_SOFTWARE = {AccessAttempt, AccessLog, AccessFailureLog, PendingChange, TimelineEntry}


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_admin_page_opens_for_a_superuser(admin_client, model):
    obj = FACTORY_FOR[model]()
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == (403 if model in WRITTEN_BY_SOFTWARE else 200)
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_admin_is_titled_for_the_department(admin_client):
    response = admin_client.get(reverse("admin:index"))
    site = admin.site
    assert (response.context["site_title"], response.context["site_header"]) == (site.site_title, site.site_header)
    assert "TNTD" in site.site_title and "Transnational Threats Department" in site.site_header
    document = parse(response)
    assert text_of(document.find(".//title")) == f"{site.index_title} | {site.site_title}"
    assert site.site_header in [text_of(element) for element in document.iter() if element.get("id") == "site-name"]


def changelist_titles(client, model, **params):
    response = client.get(admin_url(model, "changelist"), params)
    assert response.status_code == 200
    return {getattr(obj, "title", None) or str(obj) for obj in response.context["cl"].result_list}


def filter_choices(client, model, title):
    """The choices a list filter offers in the sidebar, by their labels."""
    response = client.get(admin_url(model, "changelist"))
    (spec,) = [spec for spec in response.context["cl"].filter_specs if spec.title == title]
    return [choice["display"] for choice in spec.choices(response.context["cl"])]


# --- Events and news -----------------------------------------------------------------------


@pytest.fixture
def three_events():
    albania, serbia = Country.objects.get(code="AL"), Country.objects.get(code="RS")
    theme = factories.ThemeFactory(name="Policing")
    unit = factories.UnitFactory(name="Strategic Police Matters Unit")
    structure = factories.OsceStructureFactory(name="OSCE Presence in Albania")
    factories.EventFactory(
        title="Exercise in Tirana", event_type=Event.Type.EXERCISE, venue_city="Tirana", venue_country=albania,
        start_date=datetime.date(2017, 6, 1), themes=[theme], units=[unit], structures=[structure],
    )
    factories.EventFactory(
        title="Seminar with Albanian experts", event_type=Event.Type.SEMINAR, venue_country=serbia,
        countries=[albania], start_date=datetime.date(2024, 12, 4), status=Status.DRAFT,
    )
    factories.EventFactory(
        title="Conference in Belgrade", event_type=Event.Type.CONFERENCE, venue_city="Belgrade", venue_country=serbia,
        start_date=datetime.date(2024, 5, 1), date_precision=DatePrecision.MONTH,
    )
    return {"theme": theme, "unit": unit, "structure": structure}


ALL_EVENTS = {"Exercise in Tirana", "Seminar with Albanian experts", "Conference in Belgrade"}


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "Tirana"}, {"Exercise in Tirana"}),
        ({"q": "Serbia"}, {"Seminar with Albanian experts", "Conference in Belgrade"}),  # venue country's name
        ({"country": "AL"}, {"Exercise in Tirana", "Seminar with Albanian experts"}),  # held there or taking part
        ({"country": "al"}, {"Exercise in Tirana", "Seminar with Albanian experts"}),
        ({"country": "ZZ"}, set()),
        ({"status": "draft"}, {"Seminar with Albanian experts"}),
        ({"status": "published"}, {"Exercise in Tirana", "Conference in Belgrade"}),
        ({"event_type": "conference"}, {"Conference in Belgrade"}),
        ({"year": "2024"}, {"Seminar with Albanian experts", "Conference in Belgrade"}),
        ({"year": "2017", "country": "RS"}, set()),
        ({"year": "nonsense"}, ALL_EVENTS),  # ignored, not an error page
        ({"date_precision": "month"}, {"Conference in Belgrade"}),
        ({"start_date__year": "2024", "start_date__month": "5"}, {"Conference in Belgrade"}),  # date hierarchy
        ({"themes": "theme"}, {"Exercise in Tirana"}),
        ({"units": "unit"}, {"Exercise in Tirana"}),
        ({"structures": "structure"}, {"Exercise in Tirana"}),
    ],
)
def test_event_search_and_filters(admin_client, three_events, params, expected):
    # Related filters take the primary key of the fixture's theme, unit or structure.
    for name in ("themes", "units", "structures"):
        if name in params:
            params = {f"{name}__id__exact": three_events[params.pop(name)].pk, **params}
    assert changelist_titles(admin_client, Event, **params) == expected


def test_the_event_year_filter_offers_the_years_that_have_events(admin_client, three_events):
    assert filter_choices(admin_client, Event, "year") == ["All", "2024", "2017"]


def test_the_event_country_filter_offers_the_countries_that_have_events(admin_client, three_events):
    assert filter_choices(admin_client, Event, "country") == ["All", "Albania", "Serbia"]


@pytest.fixture
def two_news_items():
    theme = factories.ThemeFactory(name="Policing")
    structure = factories.OsceStructureFactory(name="OSCE Presence in Albania")
    factories.NewsItemFactory(title="Cryptocurrency peer exchange", structures=[structure],
                              countries=[Country.objects.get(code="AL")], published_on=datetime.date(2024, 12, 16))
    factories.NewsItemFactory(title="Police cadets trained", themes=[theme], kind="", status=Status.DRAFT,
                              published_on=datetime.date(2019, 3, 5))
    return {"theme": theme, "structure": structure}


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "cryptocurrency"}, {"Cryptocurrency peer exchange"}),
        ({"status": "draft"}, {"Police cadets trained"}),
        ({"kind__exact": "news"}, {"Cryptocurrency peer exchange"}),
        ({"year": "2019"}, {"Police cadets trained"}),
        ({"published_on__year": "2024"}, {"Cryptocurrency peer exchange"}),  # date hierarchy
        ({"themes": "theme"}, {"Police cadets trained"}),
        ({"structures": "structure"}, {"Cryptocurrency peer exchange"}),
        ({"countries": "AL"}, {"Cryptocurrency peer exchange"}),
    ],
)
def test_news_search_and_filters(admin_client, two_news_items, params, expected):
    if "countries" in params:
        params = {"countries__id__exact": Country.objects.get(code=params.pop("countries")).pk}
    for name in ("themes", "structures"):
        if name in params:
            params = {f"{name}__id__exact": two_news_items[params.pop(name)].pk, **params}
    assert changelist_titles(admin_client, NewsItem, **params) == expected


def test_the_news_filters_offer_only_what_the_news_has(admin_client, two_news_items):
    assert filter_choices(admin_client, NewsItem, "year") == ["All", "2024", "2019"]
    assert filter_choices(admin_client, NewsItem, "countries") == ["All", "Albania", "—"]  # "—": none given


# --- Organisation records -------------------------------------------------------------------


def test_budget_search_and_filters(admin_client):
    department = factories.DepartmentFactory(name="Transnational Threats Department", acronym="TNTD")
    factories.BudgetFactory(department=department, year=2017)
    factories.BudgetFactory(department=department, year=2018)
    factories.BudgetFactory(department=factories.DepartmentFactory(acronym="OTHER"), year=2018)

    assert changelist_titles(admin_client, Budget, department__id__exact=department.pk) == {"TNTD 2017", "TNTD 2018"}
    assert changelist_titles(admin_client, Budget, year=2018) == {"TNTD 2018", "OTHER 2018"}
    assert changelist_titles(admin_client, Budget, q="2017") == {"TNTD 2017"}
    assert changelist_titles(admin_client, Budget, q="tntd") == {"TNTD 2017", "TNTD 2018"}


def test_unit_search_and_filters(admin_client):
    department = factories.DepartmentFactory()
    theme = factories.ThemeFactory()
    factories.UnitFactory(department=department, name="Border Security and Management Unit", themes=[theme])
    factories.UnitFactory(name="Strategic Police Matters Unit")

    assert changelist_titles(admin_client, Unit, q="border") == {"Border Security and Management Unit"}
    assert changelist_titles(admin_client, Unit, department__id__exact=department.pk) == {"Border Security and Management Unit"}
    assert changelist_titles(admin_client, Unit, themes__id__exact=theme.pk) == {"Border Security and Management Unit"}


def test_country_search_and_filters(admin_client):
    assert changelist_titles(admin_client, Country, osce_status="partner", partner_group="asian") == {
        "Afghanistan", "Australia", "Japan", "Republic of Korea", "Thailand"
    }
    mediterranean = changelist_titles(admin_client, Country, partner_group="mediterranean")
    assert "Algeria" in mediterranean and "Japan" not in mediterranean
    participating = changelist_titles(admin_client, Country, osce_status="participating")
    assert "Albania" in participating and "Japan" not in participating
    assert changelist_titles(admin_client, Country, q="XK") == {"Kosovo"}
    assert changelist_titles(admin_client, Country, q="korea") == {"Republic of Korea"}


def test_structure_search_and_filters(admin_client):
    albania = Country.objects.get(code="AL")
    factories.OsceStructureFactory(name="OSCE Presence in Albania", country=albania)
    factories.OsceStructureFactory(name="Secretariat", kind=OsceStructure.Kind.SECRETARIAT)

    assert changelist_titles(admin_client, OsceStructure, kind="secretariat") == {"Secretariat"}
    assert changelist_titles(admin_client, OsceStructure, country__id__exact=albania.pk) == {"OSCE Presence in Albania"}
    assert changelist_titles(admin_client, OsceStructure, q="albania") == {"OSCE Presence in Albania"}
    assert filter_choices(admin_client, OsceStructure, "country") == ["All", "Albania", "—"]  # only countries in use


def test_search_in_the_other_organisation_records(admin_client):
    factories.ThemeFactory(name="Policing")
    factories.ThemeFactory(name="Cyber/ICT security")
    tntd = factories.DepartmentFactory(name="Transnational Threats Department", acronym="TNTD")
    factories.DepartmentFactory(name="Conflict Prevention Centre", acronym="CPC")
    factories.PartnerOrganisationFactory(name="United Nations Office on Drugs and Crime", acronym="UNODC")
    factories.PartnerOrganisationFactory(name="INTERPOL", acronym="")
    factories.DepartmentLinkFactory(department=tntd, label="Cyber/ICT security", url="https://www.osce.org/cyber")
    factories.DepartmentLinkFactory(label="Policing")

    assert changelist_titles(admin_client, Theme, q="cyber") == {"Cyber/ICT security"}
    assert changelist_titles(admin_client, Department, q="tntd") == {"Transnational Threats Department"}
    assert changelist_titles(admin_client, PartnerOrganisation, q="unodc") == {"United Nations Office on Drugs and Crime (UNODC)"}
    assert changelist_titles(admin_client, DepartmentLink, q="cyber") == {"Cyber/ICT security"}
    assert changelist_titles(admin_client, DepartmentLink, department__id__exact=tntd.pk) == {"Cyber/ICT security"}


# --- View on site ----------------------------------------------------------------------------


def test_view_on_site_leads_to_the_public_page(admin_client):
    event = factories.EventFactory(slug="border-checks")
    response = admin_client.get(admin_url(Event, "change", event.pk))
    view_on_site = reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Event).pk, event.pk])
    assert view_on_site in hrefs(parse(response))
    redirect = admin_client.get(view_on_site)
    assert redirect.status_code == 302
    assert redirect.url.endswith(event.get_absolute_url())


def test_admin_pages_do_not_need_the_public_urls(admin_client, monkeypatch):
    """The admin links to public pages through its own redirect, resolved only when followed,
    so a missing or renamed public URL cannot break the back office."""

    def no_public_url(*args, **kwargs):
        raise NoReverseMatch("no public URLs in this test")

    for module in ("organisation.models", "activities.models", "news.models"):
        monkeypatch.setattr(f"{module}.reverse", no_public_url)
    for model in admin.site._registry:
        obj = FACTORY_FOR[model]()
        assert admin_client.get(admin_url(model, "changelist")).status_code == 200
        assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200
