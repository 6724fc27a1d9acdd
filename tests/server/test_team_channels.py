"""``pushgui channel`` on the server: secrets in the server's own store, never in the team
database, the output or an error text a service echoed (docs/TEAM.md, "Team channels")."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from pushgui.core.server.team_channels import team_channels
from pushgui.core.store.server import connect_server_database
from tests.server.test_failover import READY, start_server, wait_for
from tests.server.test_serve import pushgui
from tests.servers import TELEGRAM_TOKEN, Reply

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes and signals")

HANG = 120.0


def channel(tmp_path, pg_url, *args, secrets: str = ""):  # type: ignore[no-untyped-def]
    """``pushgui channel ARGS`` on the server with its credentials file; ``secrets`` on stdin."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "pushgui", "--data-dir", str(tmp_path / "server"), "channel",
         *args, "--database", pg_url, "--credentials", str(tmp_path / "credentials.json")],
        input=secrets, capture_output=True, text=True, timeout=HANG,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )  # fmt: skip


def every_value(pg_url: str) -> str:
    """Every row of every table of the team database, as text."""
    with psycopg.connect(pg_url) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        ]
        assert "channels" in tables
        dumped = []
        for table in tables:
            for (row,) in connection.execute(f'SELECT t::text FROM "{table}" t'):
                dumped.append(row)
            # job_state is pickled bytes: its text form is hex, so look at the raw bytes too
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                dumped += [bytes(v).decode("latin-1") for v in row if isinstance(v, bytes)]
    return "\n".join(dumped)


def add_telegram(tmp_path, pg_url, fake):  # type: ignore[no-untyped-def]
    return channel(
        tmp_path, pg_url, "add", "telegram", "Team chat",
        "--set", "chat_id=42", "--set", f"api_url={fake.url}",
        secrets=f"bot_token={TELEGRAM_TOKEN}\n",
    )  # fmt: skip


def test_added_channel_keeps_its_secret_in_the_servers_file_only(pg_url, tmp_path, fake):
    added = add_telegram(tmp_path, pg_url, fake)
    assert added.returncode == 0, added.stderr
    assert "Added channel" in added.stdout

    credentials = tmp_path / "credentials.json"
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    assert TELEGRAM_TOKEN in credentials.read_text()
    assert TELEGRAM_TOKEN not in every_value(pg_url)
    assert TELEGRAM_TOKEN not in added.stdout + added.stderr
    for path in (tmp_path / "server").rglob("*"):
        if path.is_file():
            assert TELEGRAM_TOKEN.encode() not in path.read_bytes(), path

    # What a desktop editor lists: name, kind, the settings that are not secret.
    db = connect_server_database(pg_url, tmp_path / "editor")
    try:
        [seen] = team_channels(db)
    finally:
        db.close()
    assert (seen.name, seen.kind, seen.settings["chat_id"]) == ("Team chat", "telegram", "42")
    assert "bot_token" not in seen.settings
    assert seen.secrets_set == ("bot_token",)
    assert TELEGRAM_TOKEN not in json.dumps(seen.settings)

    listed = channel(tmp_path, pg_url, "list")
    assert listed.returncode == 0, listed.stderr
    assert "Team chat" in listed.stdout and "chat_id=42" in listed.stdout
    assert "secrets kept on the server: bot_token" in listed.stdout
    assert TELEGRAM_TOKEN not in listed.stdout


def test_channel_test_sends_a_real_message_and_never_shows_an_echoed_secret(pg_url, tmp_path, fake):
    assert add_telegram(tmp_path, pg_url, fake).returncode == 0
    sent = channel(tmp_path, pg_url, "test", "Team chat")
    assert sent.returncode == 0, sent.stderr
    assert "Sent a test message" in sent.stdout
    [request] = fake.requests
    assert request.path == f"/bot{TELEGRAM_TOKEN}/sendMessage"
    assert request.json["chat_id"] == "42"

    # A service that echoes the request, token included, in its error answer.
    echo = f"Bad Request: /bot{TELEGRAM_TOKEN}/sendMessage has no chat (token {TELEGRAM_TOKEN})"
    fake.queue(Reply(400, {"ok": False, "error_code": 400, "description": echo}))
    failed = channel(tmp_path, pg_url, "test", "Team chat")
    assert failed.returncode == 1
    assert "was not delivered" in failed.stderr
    assert "has no chat" in failed.stderr  # the service's words are kept
    assert TELEGRAM_TOKEN not in failed.stdout + failed.stderr
    assert TELEGRAM_TOKEN.split(":")[1] not in failed.stdout + failed.stderr


def test_edit_replaces_settings_and_secrets_and_remove_deletes_the_secret(pg_url, tmp_path, fake):
    assert add_telegram(tmp_path, pg_url, fake).returncode == 0
    edited = channel(
        tmp_path, pg_url, "edit", "Team chat", "--name", "Ops chat", "--set", "chat_id=77",
        secrets="bot_token=999:new-token-value\n",
    )  # fmt: skip
    assert edited.returncode == 0, edited.stderr
    credentials = (tmp_path / "credentials.json").read_text()
    assert "999:new-token-value" in credentials and TELEGRAM_TOKEN not in credentials
    assert "999:new-token-value" not in every_value(pg_url)

    # An edit without secrets keeps the stored one.
    kept = channel(tmp_path, pg_url, "edit", "Ops chat", "--set", "chat_id=78")
    assert kept.returncode == 0, kept.stderr
    assert "999:new-token-value" in (tmp_path / "credentials.json").read_text()

    removed = channel(tmp_path, pg_url, "remove", "Ops chat")
    assert removed.returncode == 0, removed.stderr
    assert "999:new-token-value" not in (tmp_path / "credentials.json").read_text()
    assert "No channels yet" in channel(tmp_path, pg_url, "list").stdout


def test_a_secret_on_the_command_line_is_refused_and_nothing_is_saved(pg_url, tmp_path, fake):
    refused = channel(
        tmp_path, pg_url, "add", "telegram", "Team chat", "--set", "chat_id=42",
        "--set", "bot_token=123:typed-on-the-command-line",
    )  # fmt: skip
    assert refused.returncode == 2
    assert "bot_token is a secret" in refused.stderr
    assert "typed-on-the-command-line" not in refused.stdout + refused.stderr
    assert "Traceback" not in refused.stderr
    assert "No channels yet" in channel(tmp_path, pg_url, "list").stdout


def test_bad_channel_input_is_a_clear_error_that_saves_nothing(pg_url, tmp_path, fake):
    unknown = channel(tmp_path, pg_url, "add", "fax", "Old")
    assert unknown.returncode == 2 and "unknown kind 'fax'" in unknown.stderr
    no_field = channel(tmp_path, pg_url, "add", "telegram", "T", "--set", "colour=red")
    assert no_field.returncode == 2 and "no setting 'colour'" in no_field.stderr
    # A line without its field name may be the bare secret: it is never quoted back.
    bare = channel(tmp_path, pg_url, "add", "telegram", "T", secrets="123:bare-token\n")
    assert bare.returncode == 2 and "line 1 of standard input" in bare.stderr
    assert "bare-token" not in bare.stderr
    missing = channel(tmp_path, pg_url, "add", "telegram", "T", "--set", "chat_id=1")
    assert missing.returncode == 2 and "nothing was saved: bot_token" in missing.stderr
    assert "No channels yet" in channel(tmp_path, pg_url, "list").stdout
    for result in (unknown, no_field, bare, missing):
        assert "Traceback" not in result.stderr


def test_a_credentials_file_others_can_read_is_refused_by_channel_and_serve(pg_url, tmp_path, fake):
    credentials = tmp_path / "credentials.json"
    credentials.write_text('{"secrets": {}}')
    credentials.chmod(0o644)
    refused = add_telegram(tmp_path, pg_url, fake)
    assert refused.returncode == 2
    assert f"chmod 600 {credentials}" in refused.stderr
    assert "Traceback" not in refused.stderr
    served = pushgui(
        tmp_path / "server", "serve", "--database", pg_url, "--credentials", str(credentials)
    )
    assert served.returncode == 2
    assert "can be used by other users (mode 0644)" in served.stderr
    assert "Traceback" not in served.stderr


@pytest.mark.slow
def test_the_servers_deliveries_read_the_secret_from_its_credentials_file(pg_url, tmp_path, fake):
    from pushgui.core.pushes.service import PushService
    from pushgui.core.pushes.spec import Message, PushSpec, Target
    from pushgui.core.schedule.spec import OnceSpec

    assert add_telegram(tmp_path, pg_url, fake).returncode == 0
    db = connect_server_database(pg_url, tmp_path / "editor")
    try:
        [team] = team_channels(db)
        # Due soon; should the start take longer, a run less than a minute late is sent.
        at = (datetime.now(UTC) + timedelta(seconds=20)).replace(microsecond=0, tzinfo=None)
        PushService(db).save_new(
            [
                PushSpec(
                    name="Stand-up",
                    message=Message("Stand-up at 9", ""),
                    trigger=OnceSpec(at, "UTC"),
                    targets=(Target("telegram", team.id),),
                )
            ]
        )
    finally:
        db.close()
    log = tmp_path / "serve.log"
    server = start_server(
        tmp_path / "server", log, pg_url, "--credentials", str(tmp_path / "credentials.json")
    )
    try:
        wait_for(READY, log, server)
        from tests.helpers import wait_until

        wait_until(lambda: fake.requests, "the server's send", HANG)
        [request] = fake.requests
        assert request.path == f"/bot{TELEGRAM_TOKEN}/sendMessage"
        assert "Stand-up at 9" in request.json["text"]
    finally:
        server.terminate()
        server.wait(timeout=HANG)
    assert TELEGRAM_TOKEN not in log.read_text()


def test_secrets_are_asked_at_a_hidden_prompt_on_a_terminal(pg_url, tmp_path, fake):
    """On a terminal the secret is typed at getpass's prompt, which does not echo it."""
    import fcntl
    import pty
    import select
    import subprocess
    import sys
    import termios
    import time

    master, terminal = pty.openpty()

    def controlling_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    child = subprocess.Popen(
        [sys.executable, "-m", "pushgui", "--data-dir", str(tmp_path / "server"), "channel",
         "add", "telegram", "Team chat", "--set", "chat_id=42", "--set", f"api_url={fake.url}",
         "--database", pg_url, "--credentials", str(tmp_path / "credentials.json")],
        stdin=terminal, stdout=terminal, stderr=terminal, start_new_session=True,
        preexec_fn=controlling_terminal, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )  # fmt: skip
    os.close(terminal)
    shown = b""
    deadline = time.monotonic() + HANG
    answered = False
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                shown += chunk
            if not answered and b"bot_token (hidden" in shown:
                os.write(master, f"{TELEGRAM_TOKEN}\n".encode())
                answered = True
            if child.poll() is not None and not ready:
                break
        assert child.wait(timeout=HANG) == 0, shown
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    assert answered, shown
    assert b"Added channel" in shown
    assert TELEGRAM_TOKEN.encode() not in shown  # not echoed by the terminal
    assert TELEGRAM_TOKEN in (tmp_path / "credentials.json").read_text()
    assert TELEGRAM_TOKEN not in every_value(pg_url)


def test_without_a_credentials_file_the_secret_goes_to_the_os_keyring(
    pg_url, tmp_path, fake, memory_keyring, monkeypatch, capsys
):
    """In process, so that the test's keyring backend is the OS keyring pushgui finds."""
    import io

    import keyring
    from keyring.backends import fail

    from pushgui.cli import main

    monkeypatch.delenv("PUSHGUI_CREDENTIALS", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"bot_token={TELEGRAM_TOKEN}\n"))
    code = main(
        ["--data-dir", str(tmp_path / "server"), "channel", "add", "telegram", "Team chat",
         "--set", "chat_id=42", "--set", f"api_url={fake.url}", "--database", pg_url]
    )  # fmt: skip
    shown = capsys.readouterr()
    assert code == 0, shown.err
    [(service, entry)] = [key for key, value in memory_keyring.values.items()]
    assert service == "pushgui" and entry.endswith("/channel-1/bot_token")
    assert memory_keyring.values[(service, entry)] == TELEGRAM_TOKEN
    assert TELEGRAM_TOKEN not in every_value(pg_url) + shown.out + shown.err
    assert not (tmp_path / "credentials.json").exists()

    # No usable keyring and no credentials file: refused, saying what to do.
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr("sys.stdin", io.StringIO("bot_token=1:x\n"))
    code = main(
        ["--data-dir", str(tmp_path / "server"), "channel", "add", "telegram", "Other",
         "--set", "chat_id=7", "--database", pg_url]
    )  # fmt: skip
    refused = capsys.readouterr().err
    assert code == 2
    assert "Name a credentials file for the server's secrets with --credentials FILE" in refused
