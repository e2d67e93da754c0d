"""Synthetic events and news at a chosen size, for measuring the site (`manage.py
generate_benchmark_content`). Their slugs start with `SYNTHETIC_PREFIX`, and they are inserted and
deleted in bulk. One `random.Random(seed)` draws everything in a fixed order, so the same seed and
sizes give the same content; each facet's options are dealt like cards (`Deck`), so even a few
hundred events use every country, theme, unit, type, structure and partner."""

import datetime
import random
from dataclasses import dataclass, field

from django.db import connection, reset_queries
from django.db.models import Q
from django.utils import translation
from django.utils.text import slugify

from activities.models import DatePrecision, Event, last_day_of_period
from news.models import NewsItem
from organisation.models import Country, OsceStructure, PartnerOrganisation, Theme, Unit
from publishing.models import Status, publishing_writes
from search import index as search_index
from tools import benchmark_text as text
from tools import benchmark_text_ru as text_ru
from tools import seed_content

SYNTHETIC_PREFIX = "synthetic-"
BATCH_SIZE = 2000
PROGRESS_EVERY = 10 * BATCH_SIZE
FIRST_YEAR, LAST_YEAR = 2000, 2027
DRAFTS_IN = 20  # one row in 20 is a draft, dealt like the facets so that even 60 rows have some
ONLINE_SHARE = 0.03
# The shares of rows drawn with each trait: a draw of random() below the share has it.
DATED_TO_THE_DAY = 0.85  # events dated to the day; up to DATED_TO_THE_MONTH, to the month; the rest to the year
DATED_TO_THE_MONTH = 0.95
OVER_MONTHS = 0.2  # of the events dated to the month, those over two or three ("March–April")
NO_PARTICIPANTS = 0.25  # events that give no number of participants
TOTAL_ONLY = 0.4  # of the others, those that give only a total
PARTS_ADD_UP = 0.7  # of those split into women and men, the ones whose parts make the total
WITH_PARTNERS = 0.4  # events with partner organisations
NEWS_WITH_COUNTRIES = 0.8
NEWS_WITH_EVENTS = 0.25  # news items linked to synthetic events
EVENT_LINKS = ("countries", "themes", "units", "structures", "partners")
NEWS_LINKS = ("structures", "themes", "countries", "related_events")
FIRST_DAY = datetime.date(FIRST_YEAR, 1, 1)
DAYS = (datetime.date(LAST_YEAR, 12, 31) - FIRST_DAY).days + 1


def is_real(queryset, seed_records):
    """Rows neither synthetic nor from the seed content."""
    seed_slugs = [record["slug"] for record in seed_records]
    return queryset.exclude(slug__startswith=SYNTHETIC_PREFIX).exclude(slug__in=seed_slugs)


def count_real_content():
    """How many real events and news items the database holds, by model: what a benchmark must not mix with."""
    return {
        Event: is_real(Event.objects.all(), seed_content.EVENTS).count(),
        NewsItem: is_real(NewsItem.objects.all(), seed_content.NEWS_ITEMS).count(),
    }


def link_tables(model, names):
    """(through model, name of its column for `model`, name of its column for the target) per m2m field."""
    for name in names:
        relation = model._meta.get_field(name)
        yield relation.remote_field.through, relation.m2m_field_name(), relation.m2m_reverse_field_name()


def touched_tables():
    tables = [Event._meta.db_table, NewsItem._meta.db_table]
    for model, names in ((Event, EVENT_LINKS), (NewsItem, NEWS_LINKS)):
        tables += [through._meta.db_table for through, _, _ in link_tables(model, names)]
    return tables + search_index.index_tables()


def delete_synthetic_content():
    """Delete every synthetic event and news item with their link rows, in one query a table.

    `QuerySet.delete()` would load every row to collect cascades and send signals; the only
    rows that point at events and news items are their link rows, deleted here first.
    """
    for model, names in ((NewsItem, NEWS_LINKS), (Event, EVENT_LINKS)):
        for through, own, target in link_tables(model, names):
            synthetic = Q(**{f"{own}__slug__startswith": SYNTHETIC_PREFIX})
            if through._meta.get_field(target).related_model is Event:  # news items' related events
                synthetic |= Q(**{f"{target}__slug__startswith": SYNTHETIC_PREFIX})
            links = through.objects.filter(synthetic)
            links._raw_delete(links.db)
    for model in (NewsItem, Event):
        rows = model.objects.filter(slug__startswith=SYNTHETIC_PREFIX)
        rows._raw_delete(rows.db)


def compact():
    """VACUUM FULL the tables the content is in, once the earlier synthetic content is deleted:
    what it took (its indexes above all, which no plain VACUUM shrinks) given back, so that
    the import that follows is measured as into a site that never held it. Outside a
    transaction only (not in tests)."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for table in touched_tables():
            cursor.execute(f"VACUUM FULL {connection.ops.quote_name(table)}")


def vacuum():
    """VACUUM ANALYZE the tables the content is in, as autovacuum would in time: dead rows'
    space reusable, planner statistics and visibility map up to date (without which an
    index-only scan, a deep page's ids, reads the table too). Never VACUUM FULL: the
    benchmark measures the tables as an import leaves them, not compacted. VACUUM cannot run
    inside a transaction: inside one (a test), PostgreSQL only analyses."""
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for table in touched_tables():
            cursor.execute(f"{command} {connection.ops.quote_name(table)}")
        if not connection.in_atomic_block:
            # The import's dirty pages written out now, not by a checkpoint during the measuring.
            cursor.execute("SELECT pg_has_role('pg_checkpoint', 'member') OR rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("CHECKPOINT")


class Deck:
    """Options dealt in a freshly shuffled order each round: all of them before any repeats."""

    def __init__(self, rng, options):
        self.rng, self.options, self.hand = rng, list(options), []

    def draw(self):
        if not self.hand:
            self.hand = self.options[:]
            self.rng.shuffle(self.hand)
        return self.hand.pop()

    def draw_with_extra(self, share):
        """One dealt option, plus a random other one for a `share` of rows."""
        chosen = [self.draw()]
        if self.rng.random() < share and (extra := self.rng.choice(self.options)) not in chosen:
            chosen.append(extra)
        return chosen


@dataclass
class Organisation:
    """The options synthetic content is spread over, in a fixed order."""

    countries: list = field(default_factory=lambda: list(Country.objects.order_by("code")))
    themes: list = field(default_factory=lambda: list(Theme.objects.order_by("slug")))
    units: list = field(default_factory=lambda: list(Unit.objects.order_by("slug")))
    structures: list = field(default_factory=lambda: list(OsceStructure.objects.order_by("slug")))
    partners: list = field(default_factory=lambda: list(PartnerOrganisation.objects.order_by("slug")))


@dataclass
class Row:
    """One record to insert and the targets of each of its links, by field name."""

    record: object
    links: dict


def random_date(rng):
    return FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))


def event_dates(rng):
    """Start, end and precision: 85% to the day (1 to 5 days), 10% to the month, 5% to the year."""
    start, draw = random_date(rng), rng.random()
    if draw < DATED_TO_THE_DAY:
        days = rng.choice((1, 1, 2, 3, 4, 5))
        return start, (start + datetime.timedelta(days=days - 1) if days > 1 else None), DatePrecision.DAY
    if draw < DATED_TO_THE_MONTH:
        start = start.replace(day=1)
        if rng.random() < OVER_MONTHS:
            month = start.month + rng.randint(1, 2)
            return start, datetime.date(start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1), DatePrecision.MONTH
        return start, None, DatePrecision.MONTH
    return start.replace(month=1, day=1), None, DatePrecision.YEAR


def participants(rng):
    """Three quarters of events give a total; most of those split it into women and men."""
    if rng.random() < NO_PARTICIPANTS:
        return None, None, None
    total = rng.randint(8, 250)
    if rng.random() < TOTAL_ONLY:
        return total, None, None
    women = rng.randint(0, total)
    men = total - women if rng.random() < PARTS_ADD_UP else rng.randint(0, total - women)
    return total, women, men


def topic_for(rng, theme):
    return rng.choice(text.TOPICS_BY_THEME.get(theme.slug, text.GENERAL_TOPICS))


class ContentMaker:
    """Makes synthetic rows from one random generator, in the order they are inserted."""

    def __init__(self, seed, organisation):
        self.rng = rng = random.Random(seed)
        self.organisation = organisation
        self.countries = Deck(rng, organisation.countries)
        self.themes = Deck(rng, organisation.themes)
        self.units = Deck(rng, organisation.units)
        self.structures = Deck(rng, organisation.structures)
        self.partners = Deck(rng, organisation.partners)
        self.event_types = Deck(rng, Event.Type.values)
        self.news_types = Deck(rng, ["", *NewsItem.Kind.values])
        self.statuses = Deck(rng, [Status.DRAFT] + [Status.PUBLISHED] * (DRAFTS_IN - 1))
        self.seed = seed
        self.russian_places = {country.name: country.name_ru or country.name for country in organisation.countries}

    def translate(self, record, kind, number, slots, kind_label, titles):
        """Russian title, summary and body for RUSSIAN_SHARE of the rows, from a random
        generator of the row's own, so that the English rows are the same with or without."""
        if number % 10 >= text_ru.RUSSIAN_SHARE * 10:
            return
        rng = random.Random(f"{self.seed}:ru:{kind}:{number}")
        place, place2 = (self.russian_places.get(slots[name], text_ru.RUSSIAN.get(slots[name], slots[name]))
                         for name in ("place", "place2"))
        with translation.override("ru"):
            kind_label = str(kind_label)
        russian = text_ru.russian_slots(slots, kind_label, place, place2)
        record.title_ru = text.title(rng, titles, russian)
        record.summary_ru = text_ru.summary(rng, russian)
        record.body_ru = text_ru.body(rng, russian)

    def slots(self, kind, theme, countries, partners):
        rng = self.rng
        place = countries[0].name if countries else "the OSCE area"
        place2 = countries[-1].name if len(countries) > 1 else rng.choice(self.organisation.countries).name
        partner = partners[0].name if partners else "national institutions"
        return text.pick_slots(rng, kind, topic_for(rng, theme), place, place2, partner)

    def event(self, number):
        rng = self.rng
        start, end, precision = event_dates(rng)
        online = rng.random() < ONLINE_SHARE
        venue = None if online else self.countries.draw()
        others = rng.sample(self.organisation.countries, rng.randint(0, 4))
        countries = list(dict.fromkeys([venue or self.countries.draw(), *others]))
        themes = self.themes.draw_with_extra(0.3)
        units = self.units.draw_with_extra(0.15)
        structures = self.structures.draw_with_extra(0.2)
        partners = self.partners.draw_with_extra(0.1) if rng.random() < WITH_PARTNERS else []
        total, women, men = participants(rng)
        event_type = self.event_types.draw()
        kind = text.event_kind(event_type, Event.Type(event_type).label)
        slots = self.slots(kind, themes[0], countries, partners)
        if online:
            slots["place"] = "online"
        title = text.title(rng, text.EVENT_TITLES, slots)
        record = Event(
            title=title,
            slug=f"{SYNTHETIC_PREFIX}event-{number:06d}-{slugify(title)[:100].rstrip('-')}",
            event_type=event_type,
            start_date=start,
            end_date=end,
            date_precision=precision,
            ends_on=last_day_of_period(end or start, precision),  # what save() would set
            venue_city="" if online else text.CITIES.get(venue.code, ""),
            venue_country=venue,
            is_online=online,
            participants_total=total,
            participants_women=women,
            participants_men=men,
            summary=text.summary(rng, slots),
            body=text.body(rng, slots),
            status=self.statuses.draw(),
        )
        self.translate(record, "event", number, slots, Event.Type(event_type).label, text_ru.EVENT_TITLES)
        links = {"countries": countries, "themes": themes, "units": units, "structures": structures}
        return Row(record, {**links, "partners": partners})

    def news_item(self, number, event_ids):
        """A news item; a quarter of them link one to three of the synthetic events (by id)."""
        rng = self.rng
        structures = self.structures.draw_with_extra(0.2)
        themes = self.themes.draw_with_extra(0.3)
        countries = [self.countries.draw(), *rng.sample(self.organisation.countries, rng.randint(0, 2))]
        countries = list(dict.fromkeys(countries)) if rng.random() < NEWS_WITH_COUNTRIES else []
        related = rng.sample(event_ids, min(len(event_ids), rng.randint(1, 3))) if rng.random() < NEWS_WITH_EVENTS else []
        slots = self.slots(rng.choice(text.NEWS_KINDS), themes[0], countries, [])
        title = text.title(rng, text.NEWS_TITLES, slots)
        record = NewsItem(
            title=title,
            slug=f"{SYNTHETIC_PREFIX}news-{number:06d}-{slugify(title)[:100].rstrip('-')}",
            published_on=random_date(rng),
            kind=self.news_types.draw(),
            summary=text.summary(rng, slots),
            body=text.body(rng, slots),
            status=self.statuses.draw(),
        )
        # (The news titles name no kind of event.)
        self.translate(record, "news", number, slots, Event.Type.OTHER.label, text_ru.NEWS_TITLES)
        links = {"structures": structures, "themes": themes, "countries": countries}
        return Row(record, {**links, "related_events": related})


def insert(model, link_names, rows):
    """Bulk insert records, then their link rows, in one transaction; returns the new ids and
    the number of links. An import: its records come published, as the database lets an
    operator's import write them."""
    with publishing_writes():  # a transaction
        return insert_rows(model, link_names, rows)


def insert_rows(model, link_names, rows):
    model.objects.bulk_create([row.record for row in rows], batch_size=BATCH_SIZE)  # sets each record's pk
    link_count = 0
    for name, (through, own, target) in zip(link_names, link_tables(model, link_names), strict=True):
        links = [
            through(**{f"{own}_id": row.record.pk, f"{target}_id": getattr(linked, "pk", linked)})
            for row in rows
            for linked in row.links[name]
        ]
        through.objects.bulk_create(links, batch_size=BATCH_SIZE)
        link_count += len(links)
    return [row.record.pk for row in rows], link_count


@dataclass
class Made:
    events: int = 0
    news_items: int = 0
    links: int = 0


def generate(events, news_items, seed, report=lambda message: None):
    """Insert `events` synthetic events and `news_items` news items in batches, each a transaction,
    after `delete_synthetic_content()`; return what was made. `report` receives progress lines. Each
    batch forgets the SQL that DEBUG keeps, which would otherwise grow without bound."""
    maker, made, event_ids = ContentMaker(seed, Organisation()), Made(), []
    for first in range(0, events, BATCH_SIZE):
        rows = [maker.event(number) for number in range(first + 1, min(first + BATCH_SIZE, events) + 1)]
        ids, links = insert(Event, EVENT_LINKS, rows)
        event_ids += ids
        made.events, made.links = made.events + len(ids), made.links + links
        reset_queries()
        if made.events % PROGRESS_EVERY == 0 or made.events == events:
            report(f"{made.events:,} events")
    for first in range(0, news_items, BATCH_SIZE):
        rows = [maker.news_item(number, event_ids) for number in range(first + 1, min(first + BATCH_SIZE, news_items) + 1)]
        ids, links = insert(NewsItem, NEWS_LINKS, rows)
        made.news_items, made.links = made.news_items + len(ids), made.links + links
        reset_queries()
        if made.news_items % PROGRESS_EVERY == 0 or made.news_items == news_items:
            report(f"{made.news_items:,} news items")
    return made
