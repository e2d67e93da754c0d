"""The in-project benchmark: `python manage.py benchmark`, run by `make bench` (README.md,
"Benchmark"). settings.py and urls.py add the bare reference view; pages.py picks the pages and
timing.py times them; server.py runs gunicorn for load.py; writes.py times saves; machine.py says
what the run measured on; report.py writes the tables and docs/benchmark.md."""
