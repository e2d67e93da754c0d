# syntax=docker/dockerfile:1
# The TNTD portal as a container: dependencies built in a virtual environment in the
# first stage; the runtime stage has Python, the venv and the code, and runs as a
# non-root user. See README.md, "Deploying".

FROM python:3.13-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --requirement /tmp/requirements.txt

FROM python:3.13-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8000 \
    DJANGO_MEDIA_ROOT=/data/media \
    DJANGO_HELD_MEDIA_ROOT=/data/held \
    DJANGO_DOWNLOADS_ROOT=/data/downloads

# PostgreSQL's client programs for `manage.py backup` and `restore` (tools/backups.py): Debian's
# (17), which dump and restore servers of 17 and older, compose's 15 included.
RUN apt-get update \
 && apt-get install --yes --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 tntd \
 && useradd --system --uid 10001 --gid tntd --home-dir /app --shell /usr/sbin/nologin tntd \
 && mkdir -p /app /data/media /data/held /data/downloads \
 && chown tntd:tntd /data/media /data/held /data/downloads

COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=root:root . /app

# Hashed, compressed static files, made once at build time with throwaway build settings;
# the translations compiled from the committed .po files (Babel, from the venv: the .mo files
# are never committed); the code compiled now, as the unprivileged user cannot write bytecode
# next to it later.
RUN DJANGO_SETTINGS_MODULE=tntd.build_settings python manage.py collectstatic --noinput --verbosity 0 \
 && pybabel --quiet compile --directory locale --domain django \
 && python -m compileall -q /app \
 && chmod +x /app/docker/entrypoint.sh

# Stamped by the build pipeline (--build-arg VERSION=1.2.0 --build-arg REVISION=$(git rev-parse HEAD));
# declared late so that a new version does not invalidate the cached layers above.
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="TNTD portal" \
      org.opencontainers.image.description="Public website and back office of the OSCE Transnational Threats Department" \
      org.opencontainers.image.vendor="OSCE Transnational Threats Department" \
      org.opencontainers.image.version="$VERSION" \
      org.opencontainers.image.revision="$REVISION" \
      org.opencontainers.image.base.name="python:3.13-slim"

# Numeric, so that platforms enforcing "run as non-root" (Kubernetes runAsNonRoot) can verify it.
USER 10001:10001
# Photos: those the public sees (the proxy serves them) and those it must not, of changes waiting
# for review and of forms that came back with errors, in a volume the proxy never mounts.
# The whole archive's prepared downloads (finders/prepared_downloads.py) are made again when missing:
# a volume only saves that work after a restart, and is never mounted by the proxy either.
VOLUME ["/data/media", "/data/held", "/data/downloads"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "/app/docker/healthcheck.py"]

ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "--config", "/app/docker/gunicorn.conf.py", "tntd.wsgi:application"]
