"""Events TNTD runs or supports: training courses, conferences, workshops, seminars..."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from organisation.models import Country, OsceStructure, PartnerOrganisation, Theme, Unit
from photos.models import PhotoModel
from publishing.models import PUBLISHED, PublishableModel, PublishableQuerySet
from publishing.validation import ConstraintErrorsOnFields
from richtext import markdown as rich_text
from search.index import Follow, IndexSpec, SearchableQuerySet, SearchIndexEntry, SearchIndexFacets, SearchIndexQuerySet


class DatePrecision(models.TextChoices):
    """How much of a date the sources tell: "held in March" is a month, not a made-up day."""

    # Translators: the choices of "precision of the dates" (day, month or year).
    DAY = "day", pgettext_lazy("date precision", "Day")
    MONTH = "month", pgettext_lazy("date precision", "Month")
    YEAR = "year", pgettext_lazy("date precision", "Year")


def last_day_of_period(date, precision):
    """The last day a date of the given precision may stand for (31 March for "March")."""
    if precision == DatePrecision.YEAR:
        return datetime.date(date.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return datetime.date(date.year, date.month, calendar.monthrange(date.year, date.month)[1])
    return date


# Languages that write a month's name in lower case mid-line, where Django's month formats give
# the capitalised standalone form («Июль 2017 г.»; no format character gives «июль»).
LOWER_CASE_MONTHS = {"ru"}


def month_format(date, format_name):
    text = date_format(date, format_name)
    return text.lower() if (get_language() or "").split("-")[0] in LOWER_CASE_MONTHS else text


def format_period(start, end, precision):
    """Human dates at their precision, in the active language's formats: "26 July 2017",
    "9–12 December 2024", "March 2017"; "26 июля 2017 г.". The en dash is closed up between
    single words or numbers ("March–April 2017"), spaced when a side has a space in it."""
    formatter = {DatePrecision.YEAR: years_period, DatePrecision.MONTH: months_period}.get(precision, days_period)
    return formatter(start, end)


def years_period(start, end):
    """"2017", or "2017–2018"."""
    if not end or end.year == start.year:
        return date_format(start, "YEAR_FORMAT")
    return pgettext("a range of years", "%(start)s–%(end)s") % {"start": start.year, "end": end.year}


def months_period(start, end):
    """"March 2017", "March–April 2017", or "December 2024 – January 2025"."""
    first = month_format(start, "YEAR_MONTH_FORMAT")
    if not end or (end.year, end.month) == (start.year, start.month):
        return first
    if end.year == start.year:
        return f"{month_format(start, 'MONTH_FORMAT')}–{month_format(end, 'YEAR_MONTH_FORMAT')}"
    return f"{first} – {month_format(end, 'YEAR_MONTH_FORMAT')}"


def days_period(start, end):
    """"26 July 2017", "9–12 December 2024", "30 November – 2 December 2024", or across years."""
    first = date_format(start, "DATE_FORMAT")
    if not end or end == start:
        return first
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.day}–{date_format(end, 'DATE_FORMAT')}"
    if end.year == start.year:
        return f"{date_format(start, 'MONTH_DAY_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"
    return f"{first} – {date_format(end, 'DATE_FORMAT')}"


# How far back a calendar subscription reaches (see EventQuerySet.in_calendar_window).
CALENDAR_HISTORY = datetime.timedelta(days=365)


class InTime:
    """Events split in time, for querysets of events and of their search index alike: upcoming
    until the last day an event may cover has passed ("March 2026" until 31 March), in the site's
    time zone. A cancelled event is not upcoming, but stays findable in the finder and the past."""

    def upcoming(self, today=None):
        return self.filter(ends_on__gte=today or timezone.localdate()).not_cancelled()

    def past(self, today=None):
        return self.filter(ends_on__lt=today or timezone.localdate())


class EventQuerySet(InTime, SearchableQuerySet, PublishableQuerySet):
    """`published()` comes first in every public query."""

    def not_cancelled(self):
        return self.exclude(event_status=EventStatus.CANCELLED)

    def involving(self, countries):
        """Events held in any of `countries` (a Country or a queryset/list of them) or with any
        of them taking part: the one meaning of "an event in a country", each event once. The link
        table is an uncorrelated subquery, which the database runs once, not once per event."""
        if isinstance(countries, models.Model):
            countries = [countries]
        taking_part = Event.countries.through.objects.filter(country__in=countries).values("event")
        return self.filter(Q(venue_country__in=countries) | Q(pk__in=taking_part))

    def involved_countries(self):
        """The countries these events are held in or involve: involving() seen from the countries."""
        taking_part = Event.countries.through.objects.filter(event__in=self.values("pk")).values("country")
        return Country.objects.filter(Q(pk__in=self.values("venue_country")) | Q(pk__in=taking_part))

    def in_regions(self, regions):
        """Events involving any country of any of `regions` (see involving())."""
        return self.involving(Country.objects.filter(regions__in=regions))

    def in_calendar_window(self, today=None):
        """What a calendar subscription holds: upcoming events and those that ended in the
        last twelve months. A calendar app fetches the whole file every few hours, so it stays
        small; the CSV and JSON downloads keep the full history."""
        return self.filter(ends_on__gte=(today or timezone.localdate()) - CALENDAR_HISTORY)

    def for_lists(self):
        """What a list of events shows (activities/_event_item.html): title, type, dates, venue
        and summary; not the body, nor the links, which only an event's own page and the feeds show."""
        return self.select_related("venue_country").defer("body")

    def with_related(self):
        """Everything an event's page or feed entry shows, in a fixed number of queries whatever the rows."""
        return self.select_related("venue_country").prefetch_related(
            "countries", "themes", "units", "structures", "partners"
        )


class EventStatus(models.TextChoices):
    """Whether an event takes place as announced: schema.org's eventStatus, and the banner,
    list mark and iCalendar STATUS that say it."""

    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    CANCELLED = "cancelled", _("Cancelled")
    MOVED_ONLINE = "moved_online", _("Moved online")


# What a subscribed calendar must hear about: a change to any of these is a new SEQUENCE.
CALENDAR_FIELDS = ("start_date", "end_date", "date_precision", "venue_city", "venue_country_id", "is_online", "event_status")


class Event(ConstraintErrorsOnFields, PublishableModel, PhotoModel):
    class Type(models.TextChoices):
        TRAINING_COURSE = "training_course", _("Training course")
        CONFERENCE = "conference", _("Conference")
        WORKSHOP = "workshop", _("Workshop")
        SEMINAR = "seminar", _("Seminar")
        EXPERT_MEETING = "expert_meeting", _("Expert meeting")
        EXERCISE = "exercise", _("Exercise")
        CAMPAIGN = "campaign", _("Campaign")
        LAUNCH = "launch", _("Launch")
        PEER_EXCHANGE = "peer_exchange", _("Peer exchange")
        MEETING = "meeting", _("Meeting")
        OTHER = "other", _("Other event")

    # What keyword search reads (search.query), in every language: the search index's document
    # (EventIndexEntry, migration 0015) is built from the same fields.
    search_fields = ("title", "summary", "body", "venue_city")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    event_type = models.CharField(_("type"), max_length=30, choices=Type.choices)

    start_date = models.DateField(
        _("start date"),
        help_text=_("For a month or a year, enter its first day (1 March 2017 for “March 2017”).")
    )
    end_date = models.DateField(
        _("end date"),
        null=True, blank=True, help_text=_("Leave empty for a single day, month or year. Same precision as the start.")
    )
    date_precision = models.CharField(
        _("precision of the dates"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("How much of the dates the sources tell: the day, only the month, or only the year."),
    )
    # The last day the event may cover, derived on save; what "upcoming" and "past" use.
    ends_on = models.DateField(editable=False)
    event_status = models.CharField(
        _("takes place?"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_(
            "Postponed: new dates not known yet. Rescheduled: enter the new dates above and the "
            "original ones below. Visitors see a banner; subscribed calendars update."
        ),
    )
    original_start_date = models.DateField(
        _("originally from"), null=True, blank=True, help_text=_("Only for a rescheduled event: its first planned dates.")
    )
    original_end_date = models.DateField(_("originally until"), null=True, blank=True)
    # iCalendar's SEQUENCE: raised on save whenever the dates, the place or the status change
    # (CALENDAR_FIELDS), so that subscribed calendars replace their copy.
    calendar_sequence = models.PositiveIntegerField(_("calendar version"), default=0, editable=False)

    venue_city = models.CharField(_("venue city"), max_length=200, blank=True)
    venue_country = models.ForeignKey(
        Country,
        verbose_name=_("venue country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_hosted",
    )
    is_online = models.BooleanField(_("online"), default=False)
    countries = models.ManyToManyField(
        Country,
        blank=True,
        related_name="events_taking_part",
        verbose_name=_("countries taking part or benefiting"),
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="events", verbose_name=_("themes"))
    units = models.ManyToManyField(Unit, blank=True, related_name="events", verbose_name=_("organising units"))
    structures = models.ManyToManyField(
        OsceStructure, blank=True, related_name="events", verbose_name=_("OSCE structures")
    )
    partners = models.ManyToManyField(
        PartnerOrganisation, blank=True, related_name="events", verbose_name=_("partner organisations")
    )

    participants_total = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_women = models.PositiveIntegerField(_("of whom women"), null=True, blank=True)
    participants_men = models.PositiveIntegerField(_("of whom men"), null=True, blank=True)

    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True, help_text=rich_text.HELP_TEXT)

    objects = EventQuerySet.as_manager()

    constraint_fields = {
        "event_ends_after_start": "end_date",
        "event_women_within_total": "participants_women",
        "event_men_within_total": "participants_men",
        "event_women_and_men_within_total": "participants_total",
    }

    class Meta:
        ordering = ["-start_date", "title", "title_en"]
        verbose_name = pgettext_lazy("a kind of record", "event")
        verbose_name_plural = pgettext_lazy("a kind of record", "events")
        permissions = [("publish_event", "Can publish and unpublish events")]
        indexes = [
            models.Index(fields=["status", "start_date"], name="event_status_start"),
            models.Index(fields=["status", "ends_on"], name="event_status_ends_on"),
            models.Index(fields=["event_type"], name="event_type"),
            models.Index(fields=["title"], name="event_title"),
            # What the public finder reads, only over published events (partial indexes, as
            # small as the public archive): its two sort orders with every tie-breaker, so a
            # page is read from the index alone (page 2,000 too). The first also holds every
            # column the finder filters on, so that a filtered list or facet count reads this
            # small index instead of the table and its long bodies.
            # Both include the publishing window, which published() checks too.
            models.Index(
                fields=["-start_date", "title", "id", "ends_on", "event_type", "venue_country"],
                include=["publish_at", "unpublish_at"],
                condition=PUBLISHED,
                name="event_public_by_date",
            ),
            models.Index(
                fields=["title", "start_date", "id"],
                include=["publish_at", "unpublish_at"],
                condition=PUBLISHED,
                name="event_public_by_title",
            ),
            # The latest change of the published archive: the sitemap index dates its sections by it.
            models.Index(fields=["-updated_at"], condition=PUBLISHED, name="event_public_updated"),
            models.Index(fields=["venue_country", "id"], condition=PUBLISHED, name="event_public_venue"),
            models.Index(fields=["event_type", "id"], condition=PUBLISHED, name="event_public_type"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="event_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(participants_women__isnull=True)
                | Q(participants_total__isnull=True)
                | Q(participants_women__lte=F("participants_total")),
                name="event_women_within_total",
                violation_error_message=_("Women cannot outnumber all participants."),
            ),
            models.CheckConstraint(
                condition=Q(participants_men__isnull=True)
                | Q(participants_total__isnull=True)
                | Q(participants_men__lte=F("participants_total")),
                name="event_men_within_total",
                violation_error_message=_("Men cannot outnumber all participants."),
            ),
            models.CheckConstraint(
                condition=Q(participants_women__isnull=True)
                | Q(participants_men__isnull=True)
                | Q(participants_total__isnull=True)
                | Q(participants_women__lte=F("participants_total") - F("participants_men")),
                name="event_women_and_men_within_total",
                violation_error_message=_("Women and men together cannot be more than all participants."),
            ),
        ]

    def __str__(self):
        """"Border workshop (10 May 2017, Tirana, Albania)": how staff tell events apart in the
        admin's pickers, history and confirmations; public pages show the title."""
        when_and_where = ", ".join(part for part in (self.dates_display, self.venue_display) if part)
        return f"{self.title} ({when_and_where})" if when_and_where else self.title

    @property
    def start_iso(self):
        """The start at its precision, for <time datetime>: "2017", "2017-11" or "2017-11-05"."""
        return self.start_date.isoformat()[: {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7}.get(self.date_precision, 10)]

    @property
    def is_over(self):
        """Whether the event's last day, at its precision, is before today ("2017" is over from
        2018), as the finder's "Past" has it (EventQuerySet.past)."""
        return self.ends_on < timezone.localdate()

    def get_absolute_url(self):
        return reverse("event_detail", args=[self.slug])

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.date_precision != DatePrecision.DAY:
            for field in ("start_date", "end_date"):
                value = getattr(self, field)
                if value is None:
                    continue
                if self.date_precision == DatePrecision.MONTH and value.day != 1:
                    errors[field] = gettext("For a date known to the month, enter the first day of that month.")
                if self.date_precision == DatePrecision.YEAR and (value.month, value.day) != (1, 1):
                    errors[field] = gettext("For a date known to the year, enter 1 January of that year.")
        if self.event_status == EventStatus.RESCHEDULED and not self.original_start_date:
            errors["original_start_date"] = gettext("A rescheduled event needs the date it was first planned for.")
        if self.event_status != EventStatus.RESCHEDULED and (self.original_start_date or self.original_end_date):
            errors["event_status"] = gettext(
                "Original dates are only for a rescheduled event: choose Rescheduled, or clear them."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.ends_on = last_day_of_period(self.end_date or self.start_date, self.date_precision)
        changed_for_calendars = False
        if self.pk is not None and not self._state.adding:
            stored = type(self)._base_manager.filter(pk=self.pk).values(*CALENDAR_FIELDS).first()
            if stored and any(stored[name] != getattr(self, name) for name in CALENDAR_FIELDS):
                self.calendar_sequence += 1
                changed_for_calendars = True
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"start_date", "end_date", "date_precision"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "ends_on"}
        if update_fields is not None and changed_for_calendars:
            kwargs["update_fields"] = {*kwargs["update_fields"], "calendar_sequence"}
        super().save(*args, **kwargs)

    @property
    def status_note(self):
        """What visitors must know before setting out, in a sentence; "" for a scheduled event.
        The event page's banner, its list entry, feed entry and calendar entry say it."""
        if self.event_status == EventStatus.POSTPONED:
            return gettext("Postponed: new dates are to be announced.")
        if self.event_status == EventStatus.RESCHEDULED:
            return gettext("Rescheduled to %(dates)s (first planned for %(original_dates)s).") % {
                "dates": self.dates_display,
                "original_dates": self.original_dates_display,
            }
        if self.event_status == EventStatus.CANCELLED:
            return gettext("Cancelled: this event will not take place.")
        if self.event_status == EventStatus.MOVED_ONLINE:
            return gettext("Moved online: this event takes place online instead.")
        return ""

    @property
    def original_dates_display(self):
        if not self.original_start_date:
            return ""
        return format_period(self.original_start_date, self.original_end_date, self.date_precision)

    @property
    def dates_display(self):
        return format_period(self.start_date, self.end_date, self.date_precision)

    @property
    def participants_display(self):
        """"27 (18 women, 9 men)", "27 (18 women)", "27", or "" when the sources give no number."""
        if self.participants_total is None:
            return ""
        parts = []
        if self.participants_women is not None:
            parts.append(ngettext("%(count)s woman", "%(count)s women", self.participants_women)
                         % {"count": self.participants_women})
        if self.participants_men is not None:
            parts.append(ngettext("%(count)s man", "%(count)s men", self.participants_men) % {"count": self.participants_men})
        return f"{self.participants_total} ({', '.join(parts)})" if parts else str(self.participants_total)

    @property
    def venue_parts(self):
        """Where it takes place, in the parts a page shows: ["Gissar", <Country: Tajikistan>]
        (a page links the country), ["Online"], or [] when the sources say nothing."""
        if self.is_online:
            return [gettext("Online")]
        return [part for part in (self.venue_city, self.venue_country) if part]

    @property
    def venue_display(self):
        """"Gissar, Tajikistan", "Online", or "" when the sources say nothing."""
        return ", ".join(str(part) for part in self.venue_parts)


class EventIndexQuerySet(InTime, SearchIndexQuerySet):
    def not_cancelled(self):
        """The index's keys hold the event's status ("event_status:cancelled")."""
        return self.exclude(facets__contains=[f"event_status:{EventStatus.CANCELLED}"])

    def involving(self, countries):
        """The index's "countries" keys are the venue's country and those taking part: the
        same meaning as EventQuerySet.involving()."""
        return self.linked_to_any("countries", [countries] if isinstance(countries, models.Model) else countries)


# The events finder's search index (search.index): what it holds, and what it counts.
EVENT_INDEX = IndexSpec(
    name="event_index",
    records=Event,
    table="activities_eventindexentry",
    facets_table="activities_eventindexfacets",
    key="event_id",
    columns={"start_date": "date", "ends_on": "date"},
    facets={
        "region": "regions", "country": "countries", "theme": "themes", "unit": "units", "type": "event_type",
        "structure": "structures", "partner": "partners",
    },
    choices=("event_type", "event_status"),
    links=("countries", "themes", "units", "structures", "partners"),
    # The venue's country is one of the countries an event involves, and a region is involved
    # when any of its countries is (EventQuerySet.involving).
    extra_keys=(
        "ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL)",
        "ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc WHERE rc.country_id = r.venue_country_id"
        " OR rc.country_id IN (SELECT l.country_id FROM activities_event_countries l WHERE l.event_id = r.id))",
    ),
    follows=(
        Follow(
            table="tntd_region_countries",
            column="country_id",
            records="SELECT e.id FROM activities_event e WHERE e.venue_country_id IN ({changed})"
            " UNION SELECT l.event_id FROM activities_event_countries l WHERE l.country_id IN ({changed})",
        ),
    ),
)


class EventIndexColumns(models.Model):
    """An event's id and sort columns, in both tables of its search index."""

    record = models.OneToOneField(
        Event, primary_key=True, on_delete=models.DO_NOTHING, db_column=EVENT_INDEX.key, related_name="+"
    )
    start_date = models.DateField()
    ends_on = models.DateField()

    objects = EventIndexQuerySet.as_manager()

    class Meta:
        abstract = True


class EventIndexFacets(EventIndexColumns, EVENT_INDEX.key_columns(), SearchIndexFacets):
    """The events index's facet rows, which its facet counts read."""

    class Meta:
        managed = False
        db_table = EVENT_INDEX.facets_table


class EventIndexEntry(EventIndexColumns, SearchIndexEntry):
    """An event as the events finder searches it (search.index): its rows are written by
    the database, never by Django; its document is made of `Event.search_fields`, in English
    and in Russian."""

    spec = EVENT_INDEX
    facets_model = EventIndexFacets

    class Meta:
        managed = False
        db_table = EVENT_INDEX.table
