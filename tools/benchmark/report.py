"""A benchmark run's results: plain-text tables for the terminal, and a labelled section of the
results document (docs/benchmark.md), which keeps one section per data size side by side."""

import re
from dataclasses import dataclass, field
from http import HTTPStatus

from tools.benchmark.urls import BARE_PATH

# Figures from these on are shown without decimals: three digits (two for ratios) are precise enough.
WHOLE_MS = 100
WHOLE_SHARE = 10
LEFT_COLUMNS = 2  # a table's names and paths, aligned left; its figures are aligned right
NEW_DOCUMENT = '# Benchmark results\n\nWritten by `python manage.py benchmark --markdown`; see README.md, "Benchmark".\n'


@dataclass
class Results:
    about: dict  # machine.describe()
    repeat: int
    pages: list = field(default_factory=list)  # timing.PageTiming, the bare view's among them
    load: list = field(default_factory=list)  # load.LoadResult, the bare view's among them
    load_setup: str = ""
    downloads: list = field(default_factory=list)  # load.DownloadResult
    under_downloads: object = None  # load.UnderDownloads
    saves: list = field(default_factory=list)  # writes.SaveTiming
    table_sizes: list = field(default_factory=list)  # writes.TableSize
    server_error: str = ""  # why gunicorn could not be run, if it could not

    def bare_page(self):
        return next(page for page in self.pages if page.path == BARE_PATH)

    def bare_load(self):
        return next((result for result in self.load if result.path == BARE_PATH), None)

    def failures(self):
        """Every request that did not answer 200, described for the person reading the output."""
        problems = [f"{page.path} answered {page.status}" for page in self.pages if page.status != HTTPStatus.OK]
        for result in self.load:
            if result.failures or not result.requests:
                answers = ", ".join(f"{n} × {status}" for status, n in sorted(result.statuses.items(), key=str))
                problems.append(f"load test of {result.path}: {answers or 'no answer'}")
        problems += [
            f"download of {result.path}: {result.status} {result.error}".strip()
            for result in self.downloads
            if result.status != HTTPStatus.OK
        ]
        if self.under_downloads:
            problems += [f"while downloading, {probe.path}: {probe.failures} not 200" for probe in self.under_downloads.probes if probe.failures]
            expected = (HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS)
            downloads = self.under_downloads.downloads.items()
            problems += [f"downloads under load: {n} × {status}" for status, n in downloads if status not in expected]
        for timing in self.saves:
            problems += [f"{timing.name}: {error}" for error in timing.errors]
            problems += [f"{timing.name}: {index}: {drift}" for index, drift in timing.drift.items()]
        return problems + ([self.server_error] if self.server_error else [])


# --- Formatting --------------------------------------------------------------------------------


def ms(value):
    if value is None:
        return "–"
    return f"{value:,.0f}" if value >= WHOLE_MS else f"{value:.1f}"


def size(n_bytes):
    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if n_bytes >= scale:
            return f"{n_bytes / scale:,.1f} {unit}"
    return f"{n_bytes} B"


def mib(kb):
    return f"{kb / 1024:,.1f}" if kb else "–"


def ratio(value, reference):
    if not reference:
        return "–"
    multiple = value / reference
    return f"{multiple:,.0f}×" if multiple >= WHOLE_SHARE else f"{multiple:.1f}×"


def percent(value, reference):
    if not reference:
        return "–"
    share = 100 * value / reference
    return f"{share:.0f} %" if share >= WHOLE_SHARE else f"{share:.1f} %"


# --- Tables: headers and rows of strings, written as plain text or Markdown --------------------

PAGE_HEADERS = [
    "page", "path", "status", "queries", "SQL ms", "empty median", "empty p95",
    "warm median", "warm p95", "warm queries", "size", "÷ bare (empty)", "÷ bare (warm)",
]  # fmt: skip
LOAD_HEADERS = [
    "page", "path", "requests/s", "% of bare", "median ms", "p95 ms", "requests", "not 200", "reconnects", "worker restarts",
]  # fmt: skip
SAVE_HEADERS = ["scenario", "saves", "median ms", "p95 ms", "÷ bare", "errors", "rows or counts wrong after"]
SIZE_HEADERS = ["search table", "as the import left it", "after VACUUM FULL", "ratio"]
DOWNLOAD_HEADERS = [
    "download", "path", "status", "size", "first byte ms", "total ms",
    "worker MiB before", "peak growth MiB", "worker MiB after",
]  # fmt: skip


def page_rows(results, code=str):
    bare = results.bare_page()
    return [
        [
            page.name,
            code(page.path),
            str(page.status),
            str(page.first.queries),
            ms(page.sql_ms),
            ms(page.median("empty")),
            ms(page.p95("empty")),
            ms(page.median("warm")),
            ms(page.p95("warm")),
            str(page.warm[-1].queries),
            size(page.first.size),
            ratio(page.median("empty"), bare.median("empty")),
            ratio(page.median("warm"), bare.median("warm")),
        ]
        for page in results.pages
    ]


def load_rows(results, code=str):
    bare = results.bare_load()
    reference = bare.per_second if bare else 0
    return [
        [
            result.name,
            code(result.path),
            f"{result.per_second:,.0f}",
            percent(result.per_second, reference),
            ms(result.median_ms),
            ms(result.p95_ms),
            f"{result.requests:,}",
            f"{result.failures:,}",
            f"{result.reopened:,}",
            str(result.worker_restarts),
        ]
        for result in results.load
    ]


def download_rows(results, code=str):
    return [
        [
            result.name,
            code(result.path),
            str(result.status),
            size(result.size),
            ms(result.first_byte_ms),
            ms(result.total_ms),
            mib(result.before_kb),
            mib(result.growth_kb) if result.peak_kb else "–",
            mib(result.after_kb),
        ]
        for result in results.downloads
    ]


def under_downloads_rows(results, code=str):
    under = results.under_downloads
    answers = ", ".join(f"{n:,} × {status}" for status, n in sorted(under.downloads.items(), key=str))
    rows = [["whole downloads", "", answers, size(under.downloaded_bytes), "", ""]]
    return rows + [
        [probe.name, code(probe.path), ", ".join(f"{n:,} × {s}" for s, n in sorted(probe.statuses.items(), key=str)), "", ms(probe.median_ms), ms(probe.p95_ms)]
        for probe in under.probes
    ]


def save_rows(results, code=str):
    bare = results.bare_page().median("empty")
    return [
        [
            timing.name,
            f"{len(timing.ms):,}",
            ms(timing.median),
            ms(timing.p95),
            ratio(timing.median or 0, bare),
            f"{len(timing.errors):,}",
            ", ".join(f"{index}: {problems}" for index, problems in timing.drift.items()) or "none",
        ]
        for timing in results.saves
    ]


def size_rows(results, code=str):
    return [
        [code(table.table), size(table.as_left), size(table.compacted), f"{table.as_left / table.compacted:.2f}×"]
        for table in results.table_sizes
    ]


def text_table(headers, rows):
    """Columns padded to their widest cell: names and paths to the left, numbers to the right."""
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return "  ".join(
            cell.ljust(width) if i < LEFT_COLUMNS else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(headers), line(["-" * width for width in widths]), *map(line, rows)])


def markdown_table(headers, rows, left=LEFT_COLUMNS):
    """A Markdown table, its first `left` columns (names, paths) aligned left and the others right."""

    def line(cells):
        return "| " + " | ".join(cells) + " |"

    align = ["---"] * left + ["---:"] * (len(headers) - left)
    return "\n".join([line(headers), line(align), *map(line, rows)])


def backticks(path):
    return "`" + path.replace("|", "\\|") + "`"


# --- What the run measured ---------------------------------------------------------------------


def about_lines(results):
    about = results.about
    lines = [
        f"Date: {about['date']}" + (f", code at {about['revision']}" if about["revision"] else ""),
        f"Machine: {about['cores']} cores ({about['cpu']}), {about['memory']} memory; "
        f"Python {about['python']}, Django {about['django']}, {about['database']}; cache {about['cache']}",
        f"Data: {about['events_published']:,} published and {about['events_draft']:,} draft events, "
        f"{about['news_published']:,} published and {about['news_draft']:,} draft news items",
        f"Load average (1 min) at the start: {about['load_average']}: other work on the machine slows every figure",
    ]
    if about["debug"]:
        lines.append("WARNING: DEBUG was on; these times are not those of production.")
    return lines


def pages_title(results):
    return (
        f"Pages: server time in ms through Django's test client, {results.repeat} requests with every cache "
        "cleared before each (empty) and as many from the cache (warm); queries, SQL time and size of the "
        "first empty-cache request; ÷ bare: median as a multiple of the bare view's"
    )


def load_title(results):
    return f"Load test: {results.load_setup}; % of bare: requests per second as a share of the bare view's"


SAVES_TITLE = (
    "Saves: server time in ms of a published event's save() in a transaction, commit included (the "
    "database then writes its index rows and moves its counts); ÷ bare: median as a multiple of the bare "
    "view's, empty cache; then whether any index row or count differs from what the records make"
)
SIZES_TITLE = "Search tables (with their indexes) as the import and the saves left them, then compacted"

DOWNLOADS_TITLE = (
    "Downloads of all events: gunicorn with one worker, empty cache; first byte of the body, "
    "and the worker's resident memory before, its growth at the peak while streaming, and after"
)


UNDER_DOWNLOADS_HEADERS = ["what", "path", "answers", "received", "median ms", "p95 ms"]


def under_downloads_title(results):
    return f"Pages while visitors download the whole archive: gunicorn as the container runs it, {results.under_downloads.setup}"


def as_text(results):
    parts = ["\n".join(about_lines(results)), pages_title(results), text_table(PAGE_HEADERS, page_rows(results))]
    if results.load:
        parts += [load_title(results), text_table(LOAD_HEADERS, load_rows(results))]
    if results.downloads:
        parts += [DOWNLOADS_TITLE, text_table(DOWNLOAD_HEADERS, download_rows(results))]
    if results.under_downloads:
        parts += [under_downloads_title(results), text_table(UNDER_DOWNLOADS_HEADERS, under_downloads_rows(results))]
    if results.saves:
        parts += [SAVES_TITLE, text_table(SAVE_HEADERS, save_rows(results))]
    if results.table_sizes:
        parts += [SIZES_TITLE, text_table(SIZE_HEADERS, size_rows(results))]
    return "\n\n".join(parts) + "\n"


def as_markdown(results, label):
    parts = [
        f"## {label}",
        "\n".join(f"- {line}" for line in about_lines(results)),
        f"{pages_title(results)}.",
        markdown_table(PAGE_HEADERS, page_rows(results, backticks)),
    ]
    if results.load:
        parts += [f"{load_title(results)}.", markdown_table(LOAD_HEADERS, load_rows(results, backticks))]
    if results.downloads:
        parts += [f"{DOWNLOADS_TITLE}.", markdown_table(DOWNLOAD_HEADERS, download_rows(results, backticks))]
    if results.under_downloads:
        parts += [f"{under_downloads_title(results)}.", markdown_table(UNDER_DOWNLOADS_HEADERS, under_downloads_rows(results, backticks))]
    if results.saves:
        parts += [f"{SAVES_TITLE}.", markdown_table(SAVE_HEADERS, save_rows(results), left=1)]
    if results.table_sizes:
        parts += [f"{SIZES_TITLE}.", markdown_table(SIZE_HEADERS, size_rows(results, backticks), left=1)]
    return "\n\n".join(parts)


# --- The results document ----------------------------------------------------------------------

SECTION = re.compile(r"<!-- benchmark: (?P<label>.+?) -->\n(?P<body>.*?)<!-- /benchmark: (?P=label) -->\n?", re.DOTALL)
COMPARISON_MARKERS = ("<!-- benchmark-comparison -->", "<!-- /benchmark-comparison -->")
COMPARISON = re.compile(re.escape(COMPARISON_MARKERS[0]) + r".*?" + re.escape(COMPARISON_MARKERS[1]) + r"\n*", re.DOTALL)


def check_label(label):
    if not label.strip() or "\n" in label or "-->" in label:
        raise ValueError("A label is one line of text, without '-->'.")
    return label.strip()


def markers(label):
    return f"<!-- benchmark: {label} -->", f"<!-- /benchmark: {label} -->"


def table_cells(line):
    return [cell.strip() for cell in line.strip().strip("|").split(" | ")]


def page_table(body):
    """The rows of a section's page table, as {header: cell}, read back from its Markdown."""
    lines = body.splitlines()
    header = "| " + " | ".join(PAGE_HEADERS[:2]) + " |"
    start = next((i for i, line in enumerate(lines) if line.startswith(header)), None)
    if start is None:
        return []
    headers = table_cells(lines[start])
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(headers, table_cells(line), strict=False)))
    return rows


def events_in(body):
    found = re.search(r"Data: ([\d,]+) published", body)
    return int(found.group(1).replace(",", "")) if found else 0


def comparison(text):
    """Every section's medians side by side, smallest data size first ("" for fewer than two sections)."""
    sections = sorted(
        ((events_in(match["body"]), match["label"], page_table(match["body"])) for match in SECTION.finditer(text)),
        key=lambda section: section[0],
    )
    if len(sections) <= 1:  # nothing to compare
        return ""
    by_size = [(label, {row["page"]: row for row in rows}) for _, label, rows in sections]
    names = list(dict.fromkeys(name for _, rows in by_size for name in rows))

    def cell(row):
        if row is None:
            return "–"
        return f"{row['empty median']} / {row['warm median']} ({row['queries']})"

    table = markdown_table(
        ["page", *(label for label, _ in by_size)],
        [[name, *(cell(rows.get(name)) for _, rows in by_size)] for name in names],
        left=1,
    )
    return (
        f"{COMPARISON_MARKERS[0]}\n## Across data sizes\n\n"
        "Median server time in ms with an empty / a warm cache, and (queries), from each size's section below.\n\n"
        f"{table}\n{COMPARISON_MARKERS[1]}\n\n"
    )


def with_comparison(text):
    """The document with its comparison of sizes brought up to date, before the first section."""
    text = COMPARISON.sub("", text)
    first = SECTION.search(text)
    block = comparison(text)
    if not block or first is None:
        return text
    return text[: first.start()] + block + text[first.start() :]


def write_section(path, label, section):
    """Put `section` in the document at `path` under `label`: in place of that label's section if
    there is one, at the end otherwise; then update the comparison of sizes. Everything else in the
    document is left as it was."""
    label = check_label(label)
    begin, end = markers(label)
    block = f"{begin}\n{section.strip()}\n{end}\n"
    text = path.read_text() if path.exists() else NEW_DOCUMENT
    existing = re.compile(re.escape(begin) + r".*?" + re.escape(end) + r"\n?", re.DOTALL)
    if existing.search(text):
        text = existing.sub(lambda match: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(with_comparison(text))
