# The two commands a developer needs (see README.md):
#   make run    set everything up and serve the site on http://127.0.0.1:8000
#   make test   set everything up and run the whole test suite
# Each needs only Python 3.11+ on the machine; everything else is installed here.
#   make bench        the benchmark at 100,000 events on PostgreSQL, results in docs/benchmark.md
#   make bench-smoke  the same at 1,000 events, quickly, as CI runs it
#   make messages     the Russian catalogue updated from the code, to translate what is new

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) manage.py

.PHONY: run test lint check-migrations browser-deps clean bench bench-data bench-smoke compilemessages messages

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Reinstall only when a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

# Development's settings: debug on, a random secret key and admin password, made once; read by
# manage.py only (tntd/settings.py, DJANGO_ENV_FILE), never by the tests or a deployment.
.env.dev: | $(PY)
	$(PY) -c "import secrets; print('DJANGO_DEBUG=1'); print('DJANGO_SECRET_KEY=' + secrets.token_urlsafe(50)); print('DJANGO_SUPERUSER_USERNAME=admin'); print('DJANGO_SUPERUSER_PASSWORD=' + secrets.token_urlsafe(12))" > $@

# The interface's translations: each locale/<language>/LC_MESSAGES/django.po compiled to its .mo
# when the .po is newer. Babel compiles them (pure Python, from requirements.txt), so this needs
# nothing installed on the machine; the .mo files are build output, never committed (.gitignore).
MESSAGE_CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

compilemessages: $(MESSAGE_CATALOGUES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(VENV)/.installed
	$(VENV)/bin/pybabel compile --locale $* --input-file $< --output-file $@

# After marking or changing an interface string: the Russian catalogue brought in line with the
# code (with GNU gettext's xgettext), to translate its new entries; tests/test_translations.py
# fails until the two agree and every entry is translated.
messages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(MANAGE) makemessages --locale ru --no-location --no-obsolete \
	  --ignore tests --ignore docs --ignore staticfiles --ignore media --ignore locale

PORT ?= 8000

run: $(VENV)/.installed .env.dev compilemessages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed_content
	PORT=$(PORT) $(MANAGE) create_local_admin
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium for the browser tests (apt)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# On every core (pytest-xdist), a test module to a worker: its module-scoped fixtures (every
# page of the site fetched once, in tests/test_accessibility.py) are then made once.
test: $(VENV)/.installed browser-deps compilemessages
	$(PY) -m pytest --numprocesses auto --dist loadscope

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

check-migrations: $(VENV)/.installed
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

# --- Benchmark (README.md, "Benchmark"): a PostgreSQL database of its own, synthetic content ---
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/tntd_bench
BENCH_EVENTS ?= 100000
BENCH_NEWS ?= 20000
BENCH_REPEAT ?= 10
BENCH_LABEL ?= $(BENCH_EVENTS) events, $(BENCH_NEWS) news
BENCH_SMOKE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/tntd_bench_ci
BENCH_MANAGE = DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_SETTINGS_MODULE=tools.benchmark.settings $(MANAGE)

# The benchmark's database: created if missing, migrated, filled with synthetic content.
bench-data: $(VENV)/.installed
	$(BENCH_MANAGE) create_database
	$(BENCH_MANAGE) migrate --noinput
	$(BENCH_MANAGE) generate_benchmark_content --events $(BENCH_EVENTS) --news $(BENCH_NEWS)

bench: bench-data compilemessages
	$(BENCH_MANAGE) benchmark --repeat $(BENCH_REPEAT) --markdown docs/benchmark.md --label "$(BENCH_LABEL)"

# For CI: the whole benchmark at a small size in a minute or two, so that it cannot rot; it fails
# when any page does not answer 200. Its results go to a temporary file, not to docs/.
bench-smoke: BENCH_DATABASE_URL = $(BENCH_SMOKE_DATABASE_URL)
bench-smoke: BENCH_EVENTS = 1000
bench-smoke: BENCH_NEWS = 200
bench-smoke: bench-data compilemessages
	$(BENCH_MANAGE) benchmark --repeat 2 --load-seconds 1 --markdown "$(or $(TMPDIR),/tmp)/tntd-bench-smoke.md" --label smoke
	$(PY) -m tools.benchmark.drop_database "$(BENCH_SMOKE_DATABASE_URL)"  # nothing left behind

clean:
	-[ -x $(PY) ] && $(PY) -c "from tntd.embedded_database import stop; stop()"
	rm -rf $(VENV) .postgres staticfiles .test-media $(MESSAGE_CATALOGUES)
