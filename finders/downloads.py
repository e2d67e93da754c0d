"""Stream downloads (CSV, JSON, iCalendar) as they are written, in constant memory.

Rows come through a server-side cursor, CHUNK_SIZE at a time, so any number of rows costs the
same memory and the first bytes leave before a row is read. See docs/caching.md.
"""

import csv
import json
from itertools import chain

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.utils import translation

CHUNK_SIZE = 2000  # rows fetched, and their related rows prefetched, at a time
PIECE_SIZE = 64 * 1024  # characters sent at a time: one write per row would be one system call per row


def in_chunks(queryset):
    """Iterate `queryset` CHUNK_SIZE rows at a time, without keeping the rows already seen.

    Server-side cursors need a direct connection or session pooling: behind a pooler in
    transaction mode (PgBouncer), set DISABLE_SERVER_SIDE_CURSORS in the database settings."""
    return queryset.iterator(chunk_size=CHUNK_SIZE)


def with_links_listed(queryset, *relations):
    """`queryset` with each many-to-many relation prefetched into a plain list, `listed_<relation>`.

    Like prefetch_related(relation), one query per relation and chunk; but a list instead of
    the manager and queryset Django keeps per row and relation for `.all()`: faster, and
    lighter on memory."""
    return queryset.prefetch_related(*(Prefetch(relation, to_attr=f"listed_{relation}") for relation in relations))


def in_pieces(texts, size=PIECE_SIZE):
    """The strings of `texts` joined into pieces of about `size` characters."""
    pending, length = [], 0
    for text in texts:
        pending.append(text)
        length += len(text)
        if length >= size:
            yield "".join(pending)
            pending, length = [], 0
    if pending:
        yield "".join(pending)


def in_language(texts, language):
    """`texts`, produced with `language` active: a download is written after its view has
    returned, and its records' translated fields (title_ru...) and wording must be those of the
    page's language (/ru/events/export.csv), whatever is active by then."""
    with translation.override(language):
        yield from texts


def streamed_download(filename, content_type, head, body):
    """An attachment whose `head` (a string) leaves at once and whose `body` (strings) follows
    as it is produced, in the language active now."""
    body = in_language(body, translation.get_language())
    response = StreamingHttpResponse(chain([head], in_pieces(body)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class Echo:
    """A file for csv.writer that hands back each line instead of keeping it."""

    def write(self, line):
        return line


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text_cell(value):
    """`value`, with a leading ' if it is text a spreadsheet would run as a formula: shown as
    text, never run. Numbers (a negative amount) stay numbers: only strings are touched."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def csv_download(filename, header, rows):
    """Every CSV the site makes: each text cell safe to open in a spreadsheet (as_text_cell)."""
    writer = csv.writer(Echo())
    return streamed_download(
        filename, "text/csv; charset=utf-8", writer.writerow(map(as_text_cell, header)),
        (writer.writerow(map(as_text_cell, row)) for row in rows),
    )


def records_csv_download(filename, columns, records):
    """A CSV of export records: lists joined with "; ", None as an empty cell."""

    def cell(value):
        if isinstance(value, list):
            return "; ".join(value)
        return "" if value is None else value

    return csv_download(filename, columns, ([cell(record[column]) for column in columns] for record in records))


def json_download(filename, records):
    """{"results": [record, ...], "count": N}, one record a line.

    The count comes last: counted as the records are written, it always equals the number of
    results (a COUNT query first could disagree with rows published in between) and costs nothing.
    """

    def body():
        count = 0
        for count, record in enumerate(records, start=1):
            separator = "\n" if count == 1 else ",\n"
            yield separator + json.dumps(record, ensure_ascii=False, cls=DjangoJSONEncoder)
        yield f'\n], "count": {count}}}\n'

    return streamed_download(filename, "application/json", '{"results": [', body())


CALENDAR_END = "END:VCALENDAR\r\n"


def ics_download(filename, calendar, components):
    """An iCalendar file: `calendar` (an icalendar.Calendar holding its properties, no
    components) around `components` (VEVENTs...), each serialised on its own.

    The bytes are those calendar.to_ical() would give with the components added to it."""
    empty = calendar.to_ical().decode()
    return streamed_download(
        filename,
        "text/calendar; charset=utf-8",
        empty.removesuffix(CALENDAR_END),
        chain((component.to_ical().decode() for component in components), [CALENDAR_END]),
    )
