"""What writing costs at this size, and what an import leaves behind: one editor's saves of a
published event, commit included; editors saving at once, each on their own connection, then the
indexes' own checks of every row and count; last, the search tables' size before and after VACUUM
FULL, which compacts them."""

import statistics
import threading
from dataclasses import dataclass, field
from time import perf_counter

from django.db import connection, transaction

from activities.models import Event
from organisation.models import Country
from search.index import index_models
from tools.benchmark.timing import percentile


@dataclass
class SaveTiming:
    name: str
    ms: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    drift: dict = field(default_factory=dict)  # {index: {problem: rows}} after the saves

    @property
    def median(self):
        return statistics.median(self.ms) if self.ms else None

    @property
    def p95(self):
        return percentile(self.ms, 95) if self.ms else None


@dataclass
class TableSize:
    table: str
    as_left: int  # bytes, with its indexes
    compacted: int = 0


def events_to_edit(count, half):
    """`count` published events spread over one half of the archive (0: the first, 1: the
    second), so that the scenarios edit different events."""
    ids = list(Event.objects.published().order_by("pk").values_list("pk", flat=True))
    ids = ids[len(ids) // 2 :] if half else ids[: len(ids) // 2]
    return ids[:: max(len(ids) // max(count, 1), 1)][:count]


def save(pk, country=None):
    """One editor's save, timed in ms: the record's save, and a link, in one transaction."""
    started = perf_counter()
    with transaction.atomic():
        event = Event.objects.get(pk=pk)
        event.title = f"{event.title.removesuffix(' (edited)')} (edited)"
        event.save()
        if country is not None:
            event.countries.add(country)
    return (perf_counter() - started) * 1000


def one_editor(saves):
    timing = SaveTiming("one editor: save() in a transaction")
    for pk in events_to_edit(saves, half=0):
        timing.ms.append(save(pk))
    return timing


def editors_at_once(editors, saves_each):
    timing = SaveTiming(f"{editors} editors at once: save() and a country link")
    ids = events_to_edit(editors * saves_each, half=1)
    country = Country.objects.order_by("code").first()
    start = threading.Barrier(editors)
    lock = threading.Lock()

    def editor(mine):
        start.wait()
        try:
            for pk in mine:
                ms = save(pk, country)
                with lock:
                    timing.ms.append(ms)
        except Exception as error:  # noqa: BLE001 (counted and reported)
            with lock:
                timing.errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=editor, args=(ids[n::editors],)) for n in range(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timing.drift = drift()
    return timing


def drift():
    """{index: {problem: rows}} where an index's rows or counts differ from what the records make."""
    found = {}
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
        for model in index_models():
            cursor.execute(f"SELECT problem, found FROM {connection.ops.quote_name(model.spec.name + '_check')}()")
            problems = {problem: n for problem, n in cursor.fetchall() if n}
            if problems:
                found[model.spec.name] = problems
        cursor.execute("RESET statement_timeout")
    return found


def search_table_sizes():
    """Each search table's size as left, then after VACUUM FULL (which this does)."""
    tables = [table for model in index_models() for table in (model._meta.db_table, model.facets_model._meta.db_table)]
    sizes = []
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")  # an operator's, not a visitor's
        for table in tables:
            cursor.execute("SELECT pg_total_relation_size(%s)", [table])
            sizes.append(TableSize(table, cursor.fetchone()[0]))
        for size in sizes:
            cursor.execute(f"VACUUM FULL {connection.ops.quote_name(size.table)}")
            cursor.execute("SELECT pg_total_relation_size(%s)", [size.table])
            size.compacted = cursor.fetchone()[0]
    return sizes
