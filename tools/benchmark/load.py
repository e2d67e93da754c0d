"""The benchmark's HTTP clients of its gunicorn: a few threads, each with one keep-alive connection
to 127.0.0.1, asking for a path as fast as the answers come (the load test), whole downloads with a
worker's memory, and pages asked for while downloads run. They share the machine with the server,
so throughput is reported as a ratio to the bare view's."""

import http.client
import statistics
import threading
from collections import Counter
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from time import monotonic, perf_counter, sleep

from tools.benchmark.timing import percentile

CHUNK = 64 * 1024
GIVE_UP_AFTER_ERRORS = 20  # consecutive failed requests on one connection end its part of the run


class KeepAliveConnection:
    """One keep-alive connection to the local server, opened again when the server has closed it
    (gunicorn closes idle connections, and recycles workers after GUNICORN_MAX_REQUESTS)."""

    def __init__(self, port, timeout=60):
        self.port, self.timeout = port, timeout
        self.connection = None
        self.reopened = 0

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def get(self, path):
        """(status, body size) of GET `path`; raises OSError or HTTPException if the server does not answer."""
        reused = self.connection is not None
        try:
            return self._get(path)
        except (OSError, http.client.HTTPException):
            self.close()
            if not reused:
                raise
        # The kept connection had been closed by the server: once more, on a new one.
        self.reopened += 1
        try:
            return self._get(path)
        except (OSError, http.client.HTTPException):
            self.close()
            raise

    def _get(self, path):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        self.connection.request("GET", path)
        response = self.connection.getresponse()
        size = len(response.read())
        if response.will_close:
            self.close()
        return response.status, size


@dataclass
class LoadResult:
    name: str
    path: str
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)  # status code, or "error" for no answer
    latencies_ms: list[float] = field(default_factory=list)
    reopened: int = 0
    worker_restarts: int = 0  # filled in by whoever watches the server

    @property
    def requests(self):
        return sum(self.statuses.values())

    @property
    def failures(self):
        return self.requests - self.statuses[200]

    @property
    def per_second(self):
        """Requests answered 200 per second."""
        return self.statuses[200] / self.seconds if self.seconds else 0.0

    @property
    def median_ms(self):
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p95_ms(self):
        return percentile(self.latencies_ms, 95) if self.latencies_ms else 0.0


def hammer(port, path, deadline, quota, result, lock):
    """One client's share of a load run: requests on one connection until the deadline or the quota."""
    connection, statuses, latencies, errors_in_a_row = KeepAliveConnection(port), Counter(), [], 0
    try:
        while len(latencies) + statuses["error"] < quota and monotonic() < deadline:
            start = perf_counter()
            try:
                status, _ = connection.get(path)
            except (OSError, http.client.HTTPException):
                statuses["error"] += 1
                errors_in_a_row += 1
                if errors_in_a_row >= GIVE_UP_AFTER_ERRORS:
                    break
                continue
            latencies.append((perf_counter() - start) * 1000)
            statuses[status] += 1
            errors_in_a_row = 0
    finally:
        connection.close()
    with lock:
        result.statuses.update(statuses)
        result.latencies_ms.extend(latencies)
        result.reopened += connection.reopened


def run_load(port, path, *, seconds, concurrency, max_requests, name=""):
    """`concurrency` clients asking for `path` for at most `seconds` and `max_requests` requests in all."""
    result, lock = LoadResult(name or path, path), threading.Lock()
    quota = -(-max_requests // concurrency)
    start = monotonic()
    clients = [
        threading.Thread(target=hammer, args=(port, path, start + seconds, quota, result, lock), daemon=True)
        for _ in range(concurrency)
    ]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    result.seconds = monotonic() - start
    return result


# --- Downloads: first byte, and the worker's memory -------------------------------------------


def memory_kb(pid):
    """The process's resident memory now and its peak, in kB ({"VmRSS": ..., "VmHWM": ...})."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0])
    return values


def reset_peak(pid):
    """Start the process's peak memory (VmHWM) afresh; False where the kernel does not allow it."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class PeakSampler(threading.Thread):
    """Reads a process's resident memory every few milliseconds and keeps the highest, in case
    its own peak (VmHWM) cannot be reset."""

    def __init__(self, pid, interval=0.005):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.finished = threading.Event()

    def run(self):
        while not self.finished.is_set():
            try:
                self.peak_kb = max(self.peak_kb, memory_kb(self.pid)["VmRSS"])
            except (OSError, KeyError):
                return
            sleep(self.interval)

    def stop(self):
        self.finished.set()
        self.join()


@dataclass
class DownloadResult:
    name: str
    path: str
    status: int | str = "error"
    size: int = 0
    first_byte_ms: float | None = None
    total_ms: float | None = None
    before_kb: int = 0
    peak_kb: int = 0
    after_kb: int = 0
    error: str = ""

    @property
    def growth_kb(self):
        """How much the worker's memory grew at its peak while serving the download."""
        return max(0, self.peak_kb - self.before_kb)


def download(port, worker_pid, path, timeout=600, name=""):
    """GET `path` from a one-worker server, reading it in chunks: time to the first byte of the
    body, total time and size, and the worker's memory before, at its peak and after."""
    result = DownloadResult(name or path, path)
    peak_was_reset = reset_peak(worker_pid)
    result.before_kb = memory_kb(worker_pid)["VmRSS"]
    sampler = PeakSampler(worker_pid)
    sampler.start()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    start = perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        result.status = response.status
        while chunk := response.read1(CHUNK):
            if result.first_byte_ms is None:
                result.first_byte_ms = (perf_counter() - start) * 1000
            result.size += len(chunk)
        result.total_ms = (perf_counter() - start) * 1000
    except (OSError, http.client.HTTPException) as error:
        result.status, result.error = "error", f"{type(error).__name__}: {error}"
    finally:
        connection.close()
        sampler.stop()
    try:
        memory = memory_kb(worker_pid)
    except OSError:  # the worker was killed (GUNICORN_TIMEOUT) or recycled
        result.peak_kb = sampler.peak_kb
        return result
    result.after_kb = memory["VmRSS"]
    result.peak_kb = max(sampler.peak_kb, memory["VmHWM"] if peak_was_reset else 0)
    return result


# --- Pages while visitors download the whole archive ------------------------------------------


@dataclass
class UnderDownloads:
    setup: str
    downloads: Counter = field(default_factory=Counter)  # status (or "error") of each whole download
    downloaded_bytes: int = 0
    probes: list = field(default_factory=list)  # LoadResult of each page asked for meanwhile


def keep_downloading(port, path, deadline, result, lock):
    """A client downloading `path` again and again; after a 429 it waits as Retry-After says."""
    connection = KeepAliveConnection(port, timeout=300)
    statuses, received = Counter(), 0
    try:
        while monotonic() < deadline:
            try:
                status, size = connection.get(path)
            except (OSError, http.client.HTTPException):
                statuses["error"] += 1
                sleep(0.5)
                continue
            statuses[status] += 1
            received += size
            if status == HTTPStatus.TOO_MANY_REQUESTS:
                connection.close()
                sleep(1)
    finally:
        connection.close()
    with lock:
        result.downloads.update(statuses)
        result.downloaded_bytes += received


def probe(port, path, deadline, interval, result):
    """A visitor asking for `path` every `interval` seconds, on a new connection each time."""
    while monotonic() < deadline:
        connection, start = KeepAliveConnection(port, timeout=30), perf_counter()
        try:
            status, _ = connection.get(path)
        except (OSError, http.client.HTTPException):
            status = "error"
        finally:
            connection.close()
        result.latencies_ms.append((perf_counter() - start) * 1000)
        result.statuses[status] += 1
        sleep(interval)


def pages_under_downloads(port, downloads, probes, *, seconds, clients, interval=0.1):
    """`clients` downloading `downloads` (paths, taken in turn) for `seconds`, while each of
    `probes` ({name: path}) is asked for every `interval` seconds and timed."""
    result, lock = UnderDownloads(setup=f"{clients} clients downloading {', '.join(downloads)} in a loop for {seconds:g} s"), threading.Lock()
    deadline = monotonic() + seconds
    result.probes = [LoadResult(name, path) for name, path in probes.items()]
    threads = [
        threading.Thread(target=keep_downloading, args=(port, downloads[n % len(downloads)], deadline, result, lock), daemon=True)
        for n in range(clients)
    ] + [threading.Thread(target=probe, args=(port, p.path, deadline, interval, p), daemon=True) for p in result.probes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for p in result.probes:
        p.seconds = seconds
    return result
