"""Who did what on a team database: real logins on a real PostgreSQL server (tests/pg.py).

The server's own login owns the tables (it runs the migrations); the roles script
(packaging/postgresql/roles.sql) is run with psql, as docs/TEAM.md says, twice; an editor
(alice, bob) and a viewer (viv) are logins in its two roles. Names and times are the
database's: a client cannot write another one.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from pushgui.core.pushes.audit import change_log, stamps
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message
from pushgui.core.store.models import Push, PushChange
from pushgui.core.store.refusals import ChangeRefused
from pushgui.core.store.server import ServerDatabase, open_server_database, server_url
from tests.helpers import weekdays_at_nine
from tests.pg import PostgresServer

ROLES_SQL = Path(__file__).parents[2] / "packaging" / "postgresql" / "roles.sql"
PEOPLE = {"alice": "pushgui_editors", "bob": "pushgui_editors", "viv": "pushgui_viewers"}


def as_login(address: str, login: str) -> str:
    return make_url(address).set(username=login).render_as_string(hide_password=False)


def run_roles_script(pg_server: PostgresServer, address: str) -> subprocess.CompletedProcess[str]:
    """roles.sql through psql as the administrator, exactly as docs/TEAM.md tells."""
    url = make_url(address)
    return subprocess.run(
        [str(pg_server.bindir / "psql"), "-X", "-v", "ON_ERROR_STOP=1", "--dbname",
         f"postgresql://postgres@127.0.0.1:{pg_server.port}/{url.database}",
         "--file", str(ROLES_SQL)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def admin(address: str, *statements: str) -> None:
    with psycopg.connect(address, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


@pytest.fixture
def team(pg_server, pg_url, tmp_path):
    """A team database: made by the server's login ``srv``, roles set up (the script run
    twice), the people's logins in their roles. Yields ``open(login) -> ServerDatabase``."""
    logins = ["srv", *PEOPLE]
    admin(
        pg_url,
        *(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') "
            f"THEN CREATE ROLE {name} LOGIN; END IF; END $$"
            for name in logins
        ),
        f"ALTER DATABASE {make_url(pg_url).database} OWNER TO srv",
    )
    open_server_database(as_login(pg_url, "srv"), tmp_path / "srv").close()
    for attempt in (1, 2):
        done = run_roles_script(pg_server, pg_url)
        assert done.returncode == 0, f"run {attempt}: {done.stdout}{done.stderr}"
    admin(pg_url, *(f"GRANT {role} TO {login}" for login, role in PEOPLE.items()))
    opened: list[ServerDatabase] = []

    def open_as(login: str) -> ServerDatabase:
        db = ServerDatabase(server_url(as_login(pg_url, login)), tmp_path / login)
        opened.append(db)
        return db

    yield open_as
    for db in opened:
        db.close()


def _count_changes(db: ServerDatabase) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(PushChange)).scalar_one())


def test_each_change_carries_the_login_that_made_it_and_the_database_clock(team):
    alice, bob, srv = PushService(team("alice")), PushService(team("bob")), team("srv")
    with srv.engine.connect() as connection:
        before = connection.execute(text("SELECT now()")).scalar_one()
    push_id = alice.save_new([weekdays_at_nine("Stand-up")])[0]
    spec = bob.get(push_id)
    bob.update(push_id, replace(spec, name="Daily stand-up", message=Message("At nine", "Room 2")))

    stamped = stamps(srv, push_id)
    assert (stamped.created_by, stamped.updated_by) == ("alice", "bob")
    with srv.engine.connect() as connection:
        after = connection.execute(text("SELECT now()")).scalar_one()
    assert before <= stamped.created_at <= stamped.updated_at <= after

    log = change_log(team("viv"), push_id)  # a viewer reads the log
    assert [(entry.by, entry.action) for entry in log] == [
        ("alice", "created"),
        ("bob", "changed"),
    ]
    assert log[1].what == (
        "Renamed from “Stand-up” to “Daily stand-up”",
        "Title changed from “Standup” to “At nine”",
        "Message text changed",
    )
    assert all(before <= entry.at <= after for entry in log)


def test_a_client_cannot_write_another_name_or_time_nor_the_log(team):
    alice = team("alice")
    past = datetime(2020, 1, 1, tzinfo=UTC)
    with alice.session() as session:
        push = Push(name="Forged", spec="{}", enabled=True, created_by="bob", updated_by="bob",
                    created_at=past, updated_at=past)  # fmt: skip
        session.add(push)
        session.flush()
        push_id = push.id
    with alice.session() as session:
        session.execute(text("UPDATE pushes SET updated_by = 'bob', name = 'Forged 2'"))
    stamped = stamps(alice, push_id)
    assert (stamped.created_by, stamped.updated_by) == ("alice", "alice")
    assert stamped.created_at > past + timedelta(days=365)
    assert [entry.by for entry in change_log(alice, push_id)] == ["alice", "alice"]

    count = _count_changes(alice)
    for statement in (
        "INSERT INTO push_changes (push_id, action, changed_by, changed_at) "
        "VALUES (1, 'deleted', 'bob', now())",
        "UPDATE push_changes SET changed_by = 'bob'",
        "DELETE FROM push_changes",
    ):
        with pytest.raises(ChangeRefused), alice.session() as session:
            session.execute(text(statement))
    assert _count_changes(alice) == count


def test_a_viewer_is_refused_in_plain_words_and_nothing_is_written(team):
    push_id = PushService(team("alice")).save_new([weekdays_at_nine("Stand-up")])[0]
    viv_db = team("viv")
    viewer = PushService(viv_db)
    assert [row.name for row in viewer.rows()] == ["Stand-up"]  # viewers read everything
    count = _count_changes(viv_db)

    with pytest.raises(ChangeRefused) as refused:
        viewer.update(push_id, viewer.get(push_id).renamed("Mine now"))
    words = str(refused.value)
    assert "“viv”" in words and "viewer" in words and "Nothing was changed" in words
    assert "permission denied" not in words and "Traceback" not in words
    with pytest.raises(ChangeRefused):
        viewer.save_new([weekdays_at_nine("Another")])
    with pytest.raises(ChangeRefused), viv_db.session() as session:
        session.execute(text("DELETE FROM pushes"))

    spec, stamped = viewer.get(push_id), stamps(viv_db, push_id)
    assert spec.name == "Stand-up" and stamped.updated_by == "alice"
    assert [row.id for row in viewer.rows()] == [push_id]
    assert _count_changes(viv_db) == count


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO apscheduler_jobs (id, next_run_time, job_state) VALUES ('x', 0, '')",
        "DELETE FROM apscheduler_jobs",
        "UPDATE runs SET status = 'done'",
        "INSERT INTO settings (key, value) VALUES ('x', '1')",
        "UPDATE channels SET name = 'x'",
    ],
)
def test_an_editor_cannot_change_the_servers_own_tables(team, statement):
    with pytest.raises(ChangeRefused), team("alice").session() as session:
        session.execute(text(statement))


def test_an_editor_changes_contacts_groups_templates_and_deletes_a_push_with_its_runs(team):
    srv, alice = team("srv"), team("alice")
    push_id = PushService(alice).save_new([weekdays_at_nine("Stand-up")])[0]
    with srv.session() as session:  # the server claimed a run of it
        session.execute(
            text(
                "INSERT INTO runs (push_id, reason, scheduled_at, started_at, status, error) "
                "VALUES (:id, 'schedule', now(), now(), 'done', '')"
            ),
            {"id": push_id},
        )
    with alice.session() as session:
        session.execute(text("INSERT INTO contacts (name, email, handle, phone, fields, "
                             "created_at) VALUES ('Ann', '', '', '', '{}', now())"))  # fmt: skip
        session.execute(text("INSERT INTO contact_groups (name) VALUES ('Team')"))
        session.execute(
            text(
                "INSERT INTO group_members (group_id, contact_id) "
                "SELECT g.id, c.id FROM contact_groups g, contacts c"
            )
        )
        session.execute(text("INSERT INTO templates (name, message) VALUES ('T', '{}')"))
        session.execute(text("DELETE FROM pushes WHERE id = :id"), {"id": push_id})
    with srv.session() as session:
        assert session.execute(text("SELECT count(*) FROM runs")).scalar_one() == 0
        last = session.execute(select(PushChange).order_by(PushChange.id.desc())).scalars().first()
        assert last is not None
        assert (last.push_id, last.action, last.changed_by) == (push_id, "deleted", "alice")


def test_the_server_login_keeps_every_right_and_its_own_changes_are_its_own(team):
    srv = team("srv")
    push_id = PushService(srv).save_new([weekdays_at_nine("Stand-up")])[0]
    with srv.session() as session:
        session.execute(text("UPDATE pushes SET enabled = false WHERE id = :id"), {"id": push_id})
        session.execute(text("DELETE FROM apscheduler_jobs"))
    log = change_log(srv, push_id)
    assert [(entry.by, entry.what) for entry in log] == [
        ("srv", ("Created",)),
        ("srv", ("Paused",)),
    ]


PREVIOUS_RELEASE = "0011"  # the head before who-did-what (re-chained when merged)


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_a_database_of_the_previous_release_upgrades_and_logs_from_then_on(
    dialect, request, data_dir
):
    from pushgui.core.store.db import open_database
    from tests.server.test_migrations import _address, _old_database

    url, pg = _address(dialect, request, data_dir)
    _old_database(url, PREVIOUS_RELEASE)  # push 1, "stand-up", with a run

    db = open_database(data_dir) if pg is None else open_server_database(pg, data_dir)
    try:
        stamped = stamps(db, 1)
        assert (stamped.created_by, stamped.updated_by) == ("", "")  # not known before
        assert stamped.created_at.isoformat() == "2026-11-30T09:00:00+00:00"
        assert change_log(db, 1) == []
        with db.session() as session:
            session.execute(text("UPDATE pushes SET name = 'Stand-up' WHERE id = 1"))
        log = change_log(db, 1)
        who = "" if pg is None else "postgres"
        assert [(entry.by, entry.what) for entry in log] == [
            (who, ("Renamed from “stand-up” to “Stand-up”",))
        ]
        assert stamps(db, 1).updated_by == who
    finally:
        db.close()


def test_making_an_editor_a_viewer_takes_effect_on_their_open_connection(team, pg_url):
    alice = team("alice")
    service = PushService(alice)
    push_id = service.save_new([weekdays_at_nine("Stand-up")])[0]
    admin(pg_url, "REVOKE pushgui_editors FROM alice", "GRANT pushgui_viewers TO alice")
    with pytest.raises(ChangeRefused, match="“alice”"):
        service.update(push_id, service.get(push_id).renamed("Renamed"))
    admin(pg_url, "REVOKE pushgui_viewers FROM alice", "GRANT pushgui_editors TO alice")
    service.update(push_id, service.get(push_id).renamed("Renamed"))
    assert service.get(push_id).name == "Renamed"


def _grants(address: str) -> list[tuple[str, str, str]]:
    with psycopg.connect(address) as connection:
        rows = connection.execute(
            "SELECT grantee, table_name, privilege_type FROM information_schema.role_table_grants "
            "WHERE grantee IN ('pushgui_editors', 'pushgui_viewers') ORDER BY 1, 2, 3"
        ).fetchall()
    return [(str(a), str(b), str(c)) for a, b, c in rows]


def test_the_roles_script_runs_again_to_the_same_grants_and_takes_back_extra_ones(
    team, pg_server, pg_url
):
    before = _grants(pg_url)
    assert ("pushgui_viewers", "pushes", "SELECT") in before
    assert not [g for g in before if g[0] == "pushgui_viewers" and g[2] != "SELECT"]
    editors_write = {t for who, t, what in before if who == "pushgui_editors" and what == "UPDATE"}
    assert editors_write == {"pushes", "contacts", "contact_groups", "group_members", "templates"}

    admin(pg_url, "GRANT UPDATE ON runs TO pushgui_viewers")  # given by hand, by mistake
    done = run_roles_script(pg_server, pg_url)
    assert done.returncode == 0, done.stderr
    assert _grants(pg_url) == before


def test_the_roles_script_on_a_database_without_pushguis_tables_says_what_to_do(pg_server, pg_url):
    done = run_roles_script(pg_server, pg_url)
    assert done.returncode != 0
    assert "has no pushgui tables yet" in done.stderr
    assert "Start pushgui serve once" in done.stderr
