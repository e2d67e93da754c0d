"""factory_boy factories for every model; published by default where there is a status."""

import datetime
import io
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from PIL import Image

from activities.models import DatePrecision, Event
from news.models import NewsItem
from organisation import models as org
from publishing.models import Status, publishing_writes
from website.models import MovedPage


def linked(field_name):
    """A many-to-many field set from a list: EventFactory(countries=[albania, serbia])."""

    def set_links(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field_name).set(extracted)

    return factory.PostGeneration(set_links)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")
    is_staff = True


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class CountryFactory(factory.django.DjangoModelFactory):
    """Countries are loaded by a migration; this fetches one by code or makes a new one."""

    class Meta:
        model = org.Country
        django_get_or_create = ("code",)

    code = "AT"
    name = factory.LazyAttribute(lambda c: f"Country {c.code}")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Region
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    countries = linked("countries")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Department

    name = factory.Sequence(lambda n: f"Department {n}")
    acronym = factory.Sequence(lambda n: f"D{n}")
    slug = factory.Sequence(lambda n: f"department-{n}")


class DepartmentLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.DepartmentLink

    department = factory.SubFactory(DepartmentFactory)
    label = factory.Sequence(lambda n: f"Link {n}")
    url = factory.Sequence(lambda n: f"https://www.osce.org/page-{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Unit
        skip_postgeneration_save = True

    department = factory.SubFactory(DepartmentFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")
    slug = factory.Sequence(lambda n: f"unit-{n}")

    themes = linked("themes")


class OsceStructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.OsceStructure

    name = factory.Sequence(lambda n: f"OSCE Structure {n}")
    slug = factory.Sequence(lambda n: f"structure-{n}")
    kind = org.OsceStructure.Kind.FIELD_OPERATION


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.PartnerOrganisation

    name = factory.Sequence(lambda n: f"Partner {n}")
    acronym = factory.Sequence(lambda n: f"P{n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Budget

    department = factory.SubFactory(DepartmentFactory)
    year = factory.Sequence(lambda n: 2000 + n % 90)  # stays within the 1990–2100 constraint
    unified_budget = Decimal("1000000.00")
    extrabudgetary_pledges = Decimal("500000.00")
    staff_total = 20
    staff_extrabudgetary = 5


class PublishableFactory(factory.django.DjangoModelFactory):
    """Events and news made as an import makes them: with any status, which the database lets
    only the workflow or an operator's import write (publishing.models.publishing_writes)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with publishing_writes():
            return super()._create(model_class, *args, **kwargs)


class EventFactory(PublishableFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    event_type = Event.Type.WORKSHOP
    start_date = datetime.date(2017, 5, 10)
    date_precision = DatePrecision.DAY
    status = Status.PUBLISHED
    summary = factory.LazyAttribute(lambda e: f"Summary of {e.title}.")

    countries = linked("countries")
    themes = linked("themes")
    units = linked("units")
    structures = linked("structures")
    partners = linked("partners")


class NewsItemFactory(PublishableFactory):
    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"News item {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    published_on = datetime.date(2024, 12, 16)
    kind = NewsItem.Kind.NEWS
    status = Status.PUBLISHED
    summary = factory.LazyAttribute(lambda n: f"Summary of {n.title}.")

    structures = linked("structures")
    themes = linked("themes")
    countries = linked("countries")
    related_events = linked("related_events")


class MovedPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MovedPage

    old_path = factory.Sequence(lambda n: f"/events/old-{n}/")
    new_path = factory.Sequence(lambda n: f"/events/new-{n}/")


def png_bytes(width=4, height=3):
    """A real, readable PNG image, for photo uploads."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "steelblue").save(buffer, "PNG")
    return buffer.getvalue()
