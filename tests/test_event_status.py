"""Whether an event takes place (Event.event_status): the banner on its page, the mark in lists,
feeds and calendars, and cancelled events left out of what is upcoming but still findable."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from activities.models import DatePrecision, Event, EventStatus
from tests import factories
from tests.markup import classes, main, parse, text_of, with_class
from tests.test_feeds_and_exports import atom

pytestmark = pytest.mark.django_db

NEXT_YEAR = datetime.date.today().year + 1


@pytest.fixture
def cancelled():
    return factories.EventFactory(
        title="Border management workshop", slug="border-workshop", start_date=datetime.date(NEXT_YEAR, 3, 1),
        event_status=EventStatus.CANCELLED,
    )


def banner(response):
    """(its status's classes, its text) of the notice at the top of an event's page."""
    (notice,) = with_class(main(parse(response)), "notice--event-status")
    return [name for name in classes(notice) if name.startswith("notice--") and name != "notice--event-status"], text_of(notice)


def calendar_entry(response):
    (entry,) = Calendar.from_ical(b"".join(response.streaming_content)).walk("VEVENT")
    return entry


def test_a_cancelled_event_says_so_on_its_page_in_lists_and_in_its_feed_entry(client, cancelled):
    assert banner(client.get(cancelled.get_absolute_url())) == (["notice--cancelled"], cancelled.status_note)
    assert cancelled.status_note  # a sentence for visitors, which a scheduled event has not
    (mark,) = with_class(parse(client.get("/en/events/")), "item__status", "strong")
    assert "item__status--cancelled" in classes(mark) and text_of(mark) == cancelled.get_event_status_display()
    _, titles = atom(client.get("/en/events/feed/"))
    assert titles == [f"{cancelled.get_event_status_display()}: Border management workshop"]


def test_a_cancelled_event_is_not_upcoming_but_stays_findable(client, cancelled):
    upcoming = factories.EventFactory(title="Upcoming seminar", start_date=datetime.date(NEXT_YEAR, 4, 1))
    assert list(Event.objects.published().upcoming()) == [upcoming]
    assert "Border management workshop" not in client.get("/en/").text
    assert [e.title for e in client.get("/en/events/", {"when": "upcoming"}).context["results"]] == ["Upcoming seminar"]
    assert "Border management workshop" in [e.title for e in client.get("/en/events/", {"q": "border"}).context["results"]]


def test_calendars_hear_of_a_cancellation_through_status_and_sequence(client):
    event = factories.EventFactory(slug="seminar", start_date=datetime.date(NEXT_YEAR, 5, 1))
    before = calendar_entry(client.get("/en/events/seminar/calendar.ics"))
    assert (str(before["status"]), int(before["sequence"])) == ("CONFIRMED", 0)

    event.title = "A better title"  # nothing a calendar must act on
    event.save()
    event.event_status = EventStatus.CANCELLED
    event.save()
    after = calendar_entry(client.get("/en/events/seminar/calendar.ics"))
    assert (str(after["status"]), int(after["sequence"])) == ("CANCELLED", 1)
    assert str(after["uid"]) == str(before["uid"])  # the same entry, replaced
    assert str(after["summary"]).startswith("Cancelled: ")


def test_a_postponed_event_is_tentative_and_new_dates_raise_the_sequence(client):
    event = factories.EventFactory(slug="course", start_date=datetime.date(NEXT_YEAR, 5, 1), event_status=EventStatus.POSTPONED)
    entry = calendar_entry(client.get("/en/events/course/calendar.ics"))
    assert str(entry["status"]) == "TENTATIVE"
    assert "new dates are to be announced" in str(entry["description"])
    event.start_date = datetime.date(NEXT_YEAR, 6, 1)
    event.save(update_fields=["start_date"])
    event.refresh_from_db()
    assert event.calendar_sequence == 1


def test_a_rescheduled_event_shows_its_new_and_original_dates(client):
    event = factories.EventFactory(
        slug="moved", start_date=datetime.date(NEXT_YEAR, 9, 1), date_precision=DatePrecision.MONTH,
        event_status=EventStatus.RESCHEDULED, original_start_date=datetime.date(NEXT_YEAR, 6, 1),
    )
    assert banner(client.get("/en/events/moved/")) == (["notice--rescheduled"], event.status_note)
    # The new dates, then the first ones, as precisely as they are known (to the month).
    assert event.status_note.index(f"September {NEXT_YEAR}") < event.status_note.index(f"June {NEXT_YEAR}")


def test_rescheduling_needs_the_original_dates_and_only_rescheduling_takes_them():
    event = factories.EventFactory.build(event_status=EventStatus.RESCHEDULED)
    with pytest.raises(ValidationError) as error:
        event.full_clean(exclude=["slug", "ends_on"])
    assert "original_start_date" in error.value.message_dict
    event = factories.EventFactory.build(original_start_date=datetime.date(2017, 1, 1))
    with pytest.raises(ValidationError) as error:
        event.full_clean(exclude=["slug", "ends_on"])
    assert "event_status" in error.value.message_dict
