"""The in-project benchmark (issue 7): `python manage.py benchmark`, run by `make bench`.

- `settings.py`, `urls.py`: the benchmark's settings and URLconf, which add the bare
  reference view; production never loads them.
- `pages.py`: which public pages to measure, picked from the data at run time.
- `timing.py`: each page through Django's test client, with an empty and a warm cache.
- `server.py`: gunicorn started as the container starts it, on the loopback interface.
- `load.py`: a small concurrent HTTP client for the load test, and the downloads' timing and memory.
- `machine.py`: what the run measured on (machine, versions, data size).
- `report.py`: the plain-text tables and the results document (docs/benchmark.md).
"""
