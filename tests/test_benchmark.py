"""The benchmark (`manage.py benchmark`): at a tiny size it measures every default page, which
all answer 200; any other answer fails the run; its results document keeps one section per
label; its bare reference view exists only in the benchmark's URLconf."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from tools.benchmark import pages, report, timing, writes
from tools.benchmark.load import run_load
from tools.benchmark.urls import BARE_PATH


@pytest.fixture
def seeded(db):
    call_command("load_seed_content", stdout=StringIO())


def page_rows(document):
    """{path: (status, queries)} from the document's page table."""
    rows = re.findall(r"^\| [^|]+ \| `([^`]+)` \| (\d+) \| (\d+) \|", document, flags=re.MULTILINE)
    return {path: (int(status), int(queries)) for path, status, queries in rows}


def test_every_default_page_answers_200_and_another_answer_fails_the_run(seeded, tmp_path):
    document = tmp_path / "benchmark.md"
    out = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(
            "benchmark", "--repeat", "1", "--no-load", "--no-writes", "--url", "/no-such-page/",
            "--markdown", str(document), "--label", "seed content",
            stdout=out, stderr=StringIO(),
        )  # fmt: skip

    assert "/no-such-page/ answered 404" in str(failure.value)
    rows = page_rows(document.read_text())
    default_paths = [page.path for page in pages.default_pages().timed]
    assert len(default_paths) >= 20 and BARE_PATH in default_paths
    assert {path: rows[path][0] for path in default_paths} == dict.fromkeys(default_paths, 200)
    assert rows["/no-such-page/"][0] == 404
    assert rows["/en/events/"][1] > 0  # queries were counted
    assert "/en/events/?q=terrorism" in out.getvalue()
    assert "Load test" not in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_writes_are_measured_and_the_search_tables_compacted():
    """The saves' scenarios, on committed data as on a site, and the tables' sizes after them."""
    call_command("generate_benchmark_content", "--events", "60", "--news", "10", stdout=StringIO())
    alone, together = writes.one_editor(4), writes.editors_at_once(2, 3)
    assert (len(alone.ms), len(together.ms)) == (4, 6)
    assert alone.errors == together.errors == [] and together.drift == {}
    sizes = writes.search_table_sizes()
    assert {size.table for size in sizes} >= {"activities_eventindexentry", "news_newsindexfacets"}
    assert all(size.as_left >= size.compacted > 0 for size in sizes)
    results = report.Results(about={}, repeat=1, saves=[alone, together], table_sizes=sizes)
    results.pages = [timing.PageTiming("bare", BARE_PATH, empty=[timing.Request(200, 1, 1.0, 0, 0)])]
    table = report.markdown_table(report.SAVE_HEADERS, report.save_rows(results), left=1)
    assert "| 2 editors at once: save() and a country link | 6 |" in table


def test_default_pages_filter_on_values_the_data_has(seeded):
    timed = [page.path for page in pages.default_pages().timed]
    filtered = [path for path in timed if path.startswith("/en/events/?country=")]
    assert len(filtered) == 1 and "&theme=" in filtered[0] and "&type=" in filtered[0]
    assert "/en/events/?page=2" in timed  # 36 seed events: the last page, not page 2,000
    assert any(path.startswith("/en/units/") for path in timed)


def test_results_document_replaces_only_its_own_label(tmp_path):
    document = tmp_path / "benchmark.md"
    document.write_text("# Benchmark\n\nHow to reproduce.\n")
    report.write_section(document, "1k events", "## 1k events\n\nfirst run")
    report.write_section(document, "10k events", "## 10k events\n\nten thousand")
    report.write_section(document, "1k events", "## 1k events\n\nsecond run")

    text = document.read_text()
    assert text.startswith("# Benchmark\n\nHow to reproduce.\n")
    assert "second run" in text and "first run" not in text
    assert "ten thousand" in text
    assert text.index("second run") < text.index("ten thousand")  # the section stays where it was
    assert text.count("<!-- benchmark: 1k events -->") == 1


def section(events, events_median):
    """A section as the benchmark writes it, cut down to what the comparison of sizes reads."""
    return (
        f"- Data: {events:,} published and 0 draft events\n\n"
        "| page | path | status | queries | SQL ms | empty median | empty p95 | warm median |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        f"| events | `/events/` | 200 | 13 | 1.0 | {events_median} | 1 | 0.5 |\n"
    )


def test_results_document_compares_the_sizes_smallest_first(tmp_path):
    document = tmp_path / "benchmark.md"
    report.write_section(document, "100k", section(100_000, "90.0"))
    assert "Across data sizes" not in document.read_text()  # nothing to compare yet
    report.write_section(document, "1k", section(1_000, "9.0"))
    report.write_section(document, "100k", section(100_000, "80.0"))

    text = document.read_text()
    assert text.count("Across data sizes") == 1
    assert "| page | 1k | 100k |" in text
    assert "| events | 9.0 / 0.5 (13) | 80.0 / 0.5 (13) |" in text
    assert text.index("Across data sizes") < text.index("<!-- benchmark: 100k -->")


def test_a_label_is_one_line():
    with pytest.raises(ValueError):
        report.check_label("two\nlines")


def test_bare_view_is_not_served_by_the_production_urlconf(client, db):
    with pytest.raises(NoReverseMatch):
        reverse("benchmark_bare")
    with pytest.raises(Resolver404):
        resolve(BARE_PATH)
    assert client.get(BARE_PATH).status_code == 404
    assert resolve(BARE_PATH, urlconf="tools.benchmark.urls").url_name == "benchmark_bare"


class SmallServer(BaseHTTPRequestHandler):
    """200 for /ok, 404 for anything else, on kept-alive connections."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_load_client_stops_at_its_request_limit_and_counts_answers():
    server = ThreadingHTTPServer(("127.0.0.1", 0), SmallServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        found = run_load(port, "/ok", seconds=60, concurrency=3, max_requests=30)
        missing = run_load(port, "/missing", seconds=60, concurrency=2, max_requests=4)
    finally:
        server.shutdown()
        server.server_close()
    assert (found.requests, found.failures) == (30, 0)
    assert (missing.requests, missing.failures) == (4, 4)
