# The two commands a developer needs (see README.md):
#   make run    set everything up and serve the site on http://127.0.0.1:8000
#   make test   set everything up and run the whole test suite
# Each needs only Python 3.11+ on the machine; everything else is installed here.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) manage.py

.PHONY: run test lint check-migrations browser-deps clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Reinstall only when a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

# Local development settings: debug on, a random secret key and admin password, made once.
.env: | $(PY)
	$(PY) -c "import secrets; print('DJANGO_DEBUG=1'); print('DJANGO_SECRET_KEY=' + secrets.token_urlsafe(50)); print('DJANGO_SUPERUSER_USERNAME=admin'); print('DJANGO_SUPERUSER_PASSWORD=' + secrets.token_urlsafe(12))" > $@

run: $(VENV)/.installed .env
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed_content
	$(MANAGE) create_local_admin
	$(MANAGE) runserver 127.0.0.1:8000

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium for the browser tests (apt)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.installed browser-deps
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

check-migrations: $(VENV)/.installed
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .test-media
