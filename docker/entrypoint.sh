#!/bin/sh
# Container start: wait for the database, apply migrations (unless this deployment runs
# them as a separate release step), optionally load the seed content, then run the
# command (gunicorn by default).
set -eu

python manage.py wait_for_database --attempts "${DATABASE_WAIT_ATTEMPTS:-30}" --interval "${DATABASE_WAIT_INTERVAL:-2}"

if [ "${DJANGO_MIGRATE:-1}" = "1" ]; then
  python manage.py migrate --noinput
else
  echo "DJANGO_MIGRATE=${DJANGO_MIGRATE}: not applying migrations (run them as a release step)."
fi

if [ "${DJANGO_LOAD_SEED_CONTENT:-0}" = "1" ]; then
  python manage.py load_seed_content
fi

exec "$@"
