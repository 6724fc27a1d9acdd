"""The PostgreSQL server fixtures (tests/pg.py) for the tests of ``pushgui serve``."""

from tests.pg import pg_server, pg_url  # noqa: F401
