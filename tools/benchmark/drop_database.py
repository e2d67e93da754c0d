"""Drop a benchmark's database when it is done: `python -m tools.benchmark.drop_database URL`.

Connects to the server's `postgres` database to do it; used by `make bench-smoke`."""

import sys
from urllib.parse import urlsplit

import psycopg
from psycopg import sql


def drop(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


if __name__ == "__main__":
    drop(sys.argv[1])
