"""Load the portal's seed content (tools/seed_content.py) as published records. Safe to run again:
every record is found by its slug (links by URL, budgets by year) and saved only when its values
differ, so a second run changes nothing. Countries come from a migration, looked up by code."""

from collections import Counter, defaultdict

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import capfirst

from activities.models import Event
from news.models import NewsItem
from organisation.models import Budget, Country, Department, DepartmentLink, OsceStructure, PartnerOrganisation, Theme, Unit
from publishing.models import Status, publishing_writes
from tools import seed_content

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def save_if_changed(model, lookup, values):
    """update_or_create, but leave a row already holding these values unsaved, so that `updated_at`
    does not move on every run. Validate with full_clean() first: a mistake in the data stops the
    load with the model's own message, not a record the admin would refuse."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance, outcome = model(**lookup, **values), CREATED
    else:
        changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
        if not changed:
            return instance, UNCHANGED
        for name, value in changed.items():
            setattr(instance, name, value)
        outcome = UPDATED
    instance.full_clean()
    instance.save()
    return instance, outcome


def set_if_changed(instance, field_name, wanted):
    """Give a many-to-many field exactly the wanted objects; True if that changed anything."""
    manager = getattr(instance, field_name)
    if set(manager.values_list("pk", flat=True)) == {obj.pk for obj in wanted}:
        return False
    manager.set(wanted)
    return True


class Command(BaseCommand):
    help = "Load the seed content (TNTD in the OSCE Annual Report 2017, OSCE news of December 2024), published."

    def handle(self, *args, **options):
        self.outcomes = defaultdict(Counter)
        # An operator's import: its records come published (publishing.models.publishing_writes).
        with transaction.atomic(), publishing_writes():
            self.countries = self.load_countries()
            self.themes = self.load_by_slug(Theme, seed_content.THEMES, "theme")
            department = self.load_department()
            self.units = self.load_units(department)
            self.structures = self.load_structures()
            self.partners = self.load_by_slug(PartnerOrganisation, seed_content.PARTNERS, "partner_organisation")
            self.events = self.load_events()
            self.load_news_items()
        for label, counts in self.outcomes.items():
            self.stdout.write(
                f"{label}: {counts[CREATED]} created, {counts[UPDATED]} updated, {counts[UNCHANGED]} unchanged"
            )
        self.stdout.write(self.style.SUCCESS("Seed content loaded."))

    def record(self, model, outcome):
        self.outcomes[capfirst(model._meta.verbose_name_plural)][outcome] += 1

    def load_countries(self):
        """The countries the data names, by code; stop if the migration has not loaded one."""
        wanted = {record["country"] for record in seed_content.STRUCTURES if record["country"]}
        for record in seed_content.EVENTS:
            wanted.update(record.get("countries", ()))
            if record.get("venue_country"):
                wanted.add(record["venue_country"])
        for record in seed_content.NEWS_ITEMS:
            wanted.update(record.get("countries", ()))
        countries = Country.objects.in_bulk(wanted, field_name="code")
        if missing := wanted - countries.keys():
            raise CommandError(f"Unknown country codes {sorted(missing)}: run `manage.py migrate` first.")
        return countries

    def load_by_slug(self, model, records, kind):
        loaded = {}
        for record in records:
            values = dict(record)
            slug = values.pop("slug")
            values.update(seed_content.russian(kind, slug))
            loaded[slug], outcome = save_if_changed(model, {"slug": slug}, values)
            self.record(model, outcome)
        return loaded

    def load_department(self):
        values = dict(seed_content.DEPARTMENT)
        slug = values.pop("slug")
        department, outcome = save_if_changed(Department, {"slug": slug}, {**values, **seed_content.russian("department", slug)})
        self.record(Department, outcome)
        for order, link in enumerate(seed_content.DEPARTMENT_LINKS, start=1):
            _, outcome = save_if_changed(
                DepartmentLink,
                {"department": department, "url": link["url"]},
                {"label": link["label"], "display_order": order, **seed_content.russian("department_link", link["label"])},
            )
            self.record(DepartmentLink, outcome)
        for budget in seed_content.BUDGETS:
            values = dict(budget)
            _, outcome = save_if_changed(Budget, {"department": department, "year": values.pop("year")}, values)
            self.record(Budget, outcome)
        return department

    def load_units(self, department):
        units = {}
        for record in seed_content.UNITS:
            values = dict(record, department=department)
            slug, theme_slugs = values.pop("slug"), values.pop("themes")
            values.update(seed_content.russian("unit", slug))
            unit, outcome = save_if_changed(Unit, {"slug": slug}, values)
            themes_changed = set_if_changed(unit, "themes", [self.themes[key] for key in theme_slugs])
            if themes_changed and outcome == UNCHANGED:
                outcome = UPDATED
            self.record(Unit, outcome)
            units[slug] = unit
        return units

    def load_structures(self):
        structures = {}
        for record in seed_content.STRUCTURES:
            values = dict(record)
            slug, code = values.pop("slug"), values.pop("country")
            values.update(seed_content.russian("osce_structure", slug))
            values["country"] = self.countries[code] if code else None
            structures[slug], outcome = save_if_changed(OsceStructure, {"slug": slug}, values)
            self.record(OsceStructure, outcome)
        return structures

    def load_events(self):
        events = {}
        for record in seed_content.EVENTS:
            values = {**seed_content.EVENT_DEFAULTS, **record, "status": Status.PUBLISHED}
            slug = values.pop("slug")
            values.update(seed_content.russian("event", slug))
            venue_country = values.pop("venue_country")
            values["venue_country"] = self.countries[venue_country] if venue_country else None
            related = {
                "countries": [self.countries[code] for code in values.pop("countries")],
                "themes": [self.themes[key] for key in values.pop("themes")],
                "units": [self.units[key] for key in values.pop("units")],
                "structures": [self.structures[key] for key in values.pop("structures")],
                "partners": [self.partners[key] for key in values.pop("partners")],
            }
            events[slug] = self.save_with_related(Event, slug, values, related)
        return events

    def load_news_items(self):
        for record in seed_content.NEWS_ITEMS:
            values = {**seed_content.NEWS_DEFAULTS, **record, "status": Status.PUBLISHED}
            slug = values.pop("slug")
            values.update(seed_content.russian("news_item", slug))
            related = {
                "structures": [self.structures[key] for key in values.pop("structures")],
                "themes": [self.themes[key] for key in values.pop("themes")],
                "countries": [self.countries[code] for code in values.pop("countries")],
                "related_events": [self.events[key] for key in values.pop("related_events")],
            }
            self.save_with_related(NewsItem, slug, values, related)

    def save_with_related(self, model, slug, values, related):
        instance, outcome = save_if_changed(model, {"slug": slug}, values)
        # A list, not a generator: every field must be set, whatever the first one did.
        changed = [set_if_changed(instance, name, objects) for name, objects in related.items()]
        if any(changed) and outcome == UNCHANGED:
            outcome = UPDATED
        self.record(model, outcome)
        return instance
