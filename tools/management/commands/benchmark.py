"""Measure the public pages against the database in DATABASE_URL (README.md, "Benchmark"): each
page through Django's test client, then a load test and the downloads against gunicorn as the
container runs it, every figure against a bare Django view measured in the same run. `--markdown`
writes a labelled section of a results document. Exits non-zero when any request did not answer
200, so that a small run in CI keeps the benchmark working."""

import runpy
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import override_settings
from django.utils.module_loading import import_string

from finders import prepared_downloads
from tools.benchmark import load, machine, pages, report, server, timing, writes
from tools.benchmark.urls import BARE_PATH
from website.overload import web_limits

# Under settings other than the benchmark's (`make bench` uses them), the bare view still has its URL.
BENCHMARK_URLCONF = "tools.benchmark.urls"
BARE_REPEAT_FACTOR = 10  # the reference is cheap: more samples make its median steady
GUNICORN_CONFIG = "docker/gunicorn.conf.py"


def needs_static_manifest():
    """With debug off, the production storage names hashed files from collectstatic's manifest."""
    backend = import_string(storages.backends["staticfiles"]["BACKEND"])
    return issubclass(backend, ManifestFilesMixin) and not settings.DEBUG


def gunicorn_setup():
    """Workers and threads as docker/gunicorn.conf.py computes them from this environment."""
    config = runpy.run_path(str(settings.BASE_DIR / GUNICORN_CONFIG))
    return config["workers"], config["threads"]


PREPARING_TIMEOUT = 900  # seconds for the prepared downloads to be made, at 100,000 events
UNDER_DOWNLOADS_PROBES = {"health check": "/healthz", "events, two filters": "/en/events/?country=kg&theme=countering-terrorism"}


class Command(BaseCommand):
    help = "Benchmark the public pages (queries, server time, load test, downloads) against DATABASE_URL."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=10, help="Requests per page and cache state (default 10).")
        parser.add_argument("--url", action="append", default=[], dest="urls", help="Another path to measure (repeatable).")
        parser.add_argument(
            "--budget",
            type=float,
            default=60,
            help="Seconds per page and cache state after which fewer requests are made (default 60).",
        )
        parser.add_argument("--no-load", action="store_true", help="Skip the load test and downloads (no gunicorn).")
        parser.add_argument(
            "--no-writes",
            action="store_true",
            help="Skip the saves and the search tables' sizes (which ends with VACUUM FULL of them).",
        )
        parser.add_argument("--editors", type=int, default=8, help="Editors saving at once (default 8).")
        parser.add_argument("--saves", type=int, default=15, help="Saves per editor (default 15).")
        parser.add_argument("--load-seconds", type=float, default=5, help="Load test length per page (default 5).")
        parser.add_argument("--concurrency", type=int, default=8, help="Load test clients (default 8).")
        parser.add_argument(
            "--max-requests", type=int, default=100_000, help="Load test requests per page at most (default 100000)."
        )
        parser.add_argument("--markdown", type=Path, help="Results document to write this run's section into.")
        parser.add_argument("--label", help="The section's title, replaced on the next run (default: the data size).")
        parser.add_argument("--server-log", type=Path, help="gunicorn's output (default: a temporary file).")

    def handle(self, *args, **options):
        self.check_options(options)
        chosen = pages.default_pages()
        known = {page.path for page in chosen.timed}
        extra = [pages.Page(path, path) for path in dict.fromkeys(options["urls"]) if path not in known]
        to_time = [*chosen.timed, *extra]
        results = report.Results(about=machine.describe(), repeat=options["repeat"])
        label = options["label"] or f"{results.about['events_published']:,} events"
        if not options["no_load"] or needs_static_manifest():
            self.progress("Collecting static files (as the image's build does)...")
            server.collect_static_files()

        with override_settings(ROOT_URLCONF=BENCHMARK_URLCONF):
            results.pages = self.time_pages(to_time, options["repeat"], options["budget"])
        if not options["no_load"]:
            log_path = options["server_log"] or Path(tempfile.mkstemp(prefix="tntd-benchmark-", suffix=".log")[1])
            self.progress(f"gunicorn's output: {log_path}")
            try:
                self.load_test(results, chosen.loaded, log_path, options)
                self.downloads(results, log_path)
                self.pages_under_downloads(results, log_path, options)
            except server.ServerError as error:  # reported with what was measured before it
                results.server_error = str(error)
        if not options["no_writes"]:  # last: the saves change content, and the sizes compact the tables
            self.measure_writes(results, options["editors"], options["saves"])

        self.stdout.write(report.as_text(results))
        if options["markdown"]:
            report.write_section(options["markdown"], label, report.as_markdown(results, label))
            self.progress(f"Written to {options['markdown']}, section “{label}”.")
        if failures := results.failures():
            raise CommandError("Not every request answered 200:\n  " + "\n  ".join(failures))

    def check_options(self, options):
        numbers = ("repeat", "concurrency", "max_requests", "editors", "saves")
        if any(options[name] < 1 for name in numbers):
            raise CommandError("--repeat, --concurrency, --max-requests, --editors and --saves must be at least 1.")
        if options["load_seconds"] <= 0 or options["budget"] <= 0:
            raise CommandError("--load-seconds and --budget must be positive.")
        if options["label"] is not None:
            try:
                options["label"] = report.check_label(options["label"])
            except ValueError as error:
                raise CommandError(str(error)) from error

    def progress(self, message):
        self.stderr.write(message)

    # --- In this process, through the test client --------------------------------------------

    def time_pages(self, to_time, repeat, budget):
        with connection.cursor() as cursor:  # the pages' queries as a web server runs them (tntd/wsgi.py)
            for name, value in web_limits().items():
                cursor.execute("SELECT set_config(%s, %s, false)", [name, value])
        # The whole archive's files made first, here, so that no maker runs while pages are timed.
        for page in pages.DOWNLOADS:
            started = time.monotonic()
            prepared_downloads.prepare(page.path, f"http://{timing.request_host()}")
            self.progress(f"{page.path} prepared in {time.monotonic() - started:.0f} s")
        client = timing.make_client()
        for path in (BARE_PATH, "/en/"):  # first requests build URL resolvers, load templates...
            timing.fetch(client, path)
        timings = []
        for page in to_time:
            times = repeat * BARE_REPEAT_FACTOR if page.path == BARE_PATH else repeat
            measured = timing.time_page(client, page, times, budget)
            self.progress(
                f"{page.path}: {measured.status}, {measured.first.queries} queries, "
                f"{measured.median('empty'):.1f} ms empty, {measured.median('warm'):.1f} ms warm"
            )
            timings.append(measured)
        return timings

    # --- Writes -------------------------------------------------------------------------------

    def measure_writes(self, results, editors, saves):
        results.saves = [writes.one_editor(saves * 2), writes.editors_at_once(editors, saves)]
        for scenario in results.saves:
            self.progress(f"{scenario.name}: {report.ms(scenario.median)} ms median, {report.ms(scenario.p95)} ms p95, "
                          f"{len(scenario.errors)} errors, drift {scenario.drift or 'none'}")
        results.table_sizes = writes.search_table_sizes()

    # --- Against gunicorn ----------------------------------------------------------------------

    def load_test(self, results, to_load, log_path, options):
        seconds, concurrency = options["load_seconds"], options["concurrency"]
        priming = 4 * concurrency
        workers, threads = gunicorn_setup()
        results.load_setup = (
            f"gunicorn ({GUNICORN_CONFIG}: {workers} workers × {threads} threads) on 127.0.0.1, "
            f"{concurrency} keep-alive clients for {seconds:g} s a page after {priming} priming requests (warm cache)"
        )
        with server.gunicorn(log_path) as running:
            for page in to_load:
                load.run_load(running.port, page.path, seconds=seconds, concurrency=concurrency, max_requests=priming)
                restarts_before = running.worker_restarts()
                result = load.run_load(
                    running.port,
                    page.path,
                    name=page.name,
                    seconds=seconds,
                    concurrency=concurrency,
                    max_requests=options["max_requests"],
                )
                result.worker_restarts = running.worker_restarts() - restarts_before
                self.progress(f"load {page.path}: {result.per_second:,.0f} requests/s, {result.failures} not 200")
                results.load.append(result)

    def downloads(self, results, log_path):
        # Written live (the way a selection is), which is what the worker's memory is measured for.
        with server.gunicorn(log_path, WEB_CONCURRENCY="1", DJANGO_PREPARE_DOWNLOADS="never") as running:
            answers = load.KeepAliveConnection(running.port)
            for path in ["/en/", *(f"{page.path}?year=1990" for page in pages.DOWNLOADS)]:
                answers.get(path)  # the worker's code loaded before its memory is read, with (almost) no data
            answers.close()
            for page in pages.DOWNLOADS:
                result = load.download(running.port, running.sole_worker(), page.path, name=page.name)
                self.progress(f"download {page.path}: {result.status}, {result.size:,} bytes")
                results.downloads.append(result)

    def pages_under_downloads(self, results, log_path, options):
        """/healthz and a finder page, timed while eight clients download the whole archive in a
        loop (issue 20), once its prepared files are made."""
        paths = [page.path for page in pages.DOWNLOADS if "export" in page.path]
        with server.gunicorn(log_path) as running:
            for path in paths:
                started = time.monotonic()
                while not server.served_prepared(running.port, path):
                    if time.monotonic() - started > PREPARING_TIMEOUT:
                        raise server.ServerError(f"{path} was not prepared within {PREPARING_TIMEOUT} s.")
                    time.sleep(2)
                self.progress(f"{path} prepared after {time.monotonic() - started:.0f} s")
            results.under_downloads = load.pages_under_downloads(
                running.port, paths, UNDER_DOWNLOADS_PROBES, seconds=4 * options["load_seconds"], clients=options["concurrency"],
            )
        for probe in results.under_downloads.probes:
            self.progress(f"{probe.path} while downloading: {probe.median_ms:.1f} ms median, {probe.p95_ms:.1f} ms p95")
