"""Burst accuracy: 1,000 pushes due in the same second, through the generic webhook channel.

The benchmark process only runs the endpoint: a ``ThreadingHTTPServer`` on 127.0.0.1 that
timestamps each request when it has fully arrived. Each contestant runs in its own process,
so neither shares a GIL with the server:

- **baseline**: the script a tutorial would give, a ``BackgroundScheduler`` with APScheduler's
  defaults (memory job store, 10 threads, ``misfire_grace_time=1``), 1,000 date jobs each
  posting the same JSON body with ``httpx.post``;
- **pushgui**: a real headless runtime (``QCoreApplication`` + ``start_runtime`` on a fresh
  data folder, the Qt event loop running), 1,000 one-off pushes to one webhook channel,
  saved in one transaction and given their jobs by the start-up reconcile; every run writes
  its run and delivery rows as in production.

- **floors**: no scheduler and no records: at the due second one client posts the same
  messages one after another over one keep-alive connection, once with ``httpx.Client``
  (what pushgui's senders were built on before they moved to httpcore's pool and then to
  ``http.client``) and
  once with the standard library's ``http.client`` (about the least a Python client costs,
  so mostly the endpoint's own time per request).

A second row sends the same number of messages as 100 pushes each to 10 recipients (10
webhook channels on the same endpoint; the baseline's job posts 10 times).

Lateness is the request's arrival minus the scheduled second. A run counts as missed when
its request has not arrived 60 s after the due time (or the contestant skipped it).
Targets: pushgui misses none; its p99 is no worse than the baseline's; p99 < 500 ms.

    python -m bench.burst_accuracy [--pushes 1000] [--rounds 1]   (both rows)

``--database both`` runs pushgui's burst on its SQLite file and on a PostgreSQL database
(the team server's store, docs/TEAM.md) in the same run, beside the httpx floor, and
writes its own section ("Burst on SQLite and PostgreSQL"). The PostgreSQL server is
started in a temporary folder as the tests start theirs (tests/pg.py), with ``fsync`` on.

    python -m bench.burst_accuracy --database both [--pushes 1000] [--rounds 1]
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bench.fixtures import Arrivals, http_endpoint, offscreen_env
from bench.report import percentile, publish, table

if TYPE_CHECKING:
    from pushgui.app import Runtime
    from pushgui.core.pushes.spec import PushSpec

P99_MS = 500.0
KINDS = ("floor-stdlib", "floor-httpx", "baseline", "pushgui")
#: ``--database both``: pushgui on its SQLite file and on PostgreSQL, beside the httpx floor.
DATABASE_KINDS = ("floor-httpx", "pushgui", "pushgui-postgresql")
LEAD_S = 12.0  # time for a contestant to start and schedule everything before the due second
DEADLINE_S = 60.0


def name_of(i: int) -> str:
    return f"burst {i:04d}"


def keys_of(count: int, recipients: int) -> set[str]:
    """What the endpoint records: the push's name, and with several recipients which one."""
    if recipients == 1:
        return {name_of(i) for i in range(count)}
    return {f"{name_of(i)}|r{k}" for i in range(count) for k in range(recipients)}


# -- contestants (run as ``python -m bench.burst_accuracy --contestant ...``) --------------------


def run_baseline(url: str, due: float, count: int, recipients: int, stop_file: Path) -> None:
    """The plain APScheduler script, as the tutorials write it."""
    import json
    from datetime import UTC, datetime

    import httpx
    from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED
    from apscheduler.schedulers.background import BackgroundScheduler

    def post(name: str) -> None:
        for k in range(recipients):
            key = name if recipients == 1 else f"{name}|r{k}"
            body = json.dumps({"push": key, "title": f"{name} is due", "body": "Body"})
            httpx.post(url, content=body, headers={"Content-Type": "application/json"})

    finished = [0]
    lock = threading.Lock()

    def on_event(event: object) -> None:
        with lock:
            finished[0] += 1
            if finished[0] == count:
                print("FINISHED", flush=True)

    scheduler = BackgroundScheduler()
    scheduler.add_listener(on_event, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)
    when = datetime.fromtimestamp(due, UTC)
    for i in range(count):
        scheduler.add_job(post, "date", run_date=when, args=[name_of(i)])
    scheduler.start()
    print("READY", time.time(), flush=True)
    while not stop_file.exists():
        time.sleep(0.1)
    scheduler.shutdown(wait=False)


def run_floor(
    url: str, due: float, count: int, recipients: int, stop_file: Path, library: str
) -> None:
    """The bare sending: one client, one message after another, from the due second."""
    import http.client
    import json
    from urllib.parse import urlsplit

    import httpx

    headers = {"Content-Type": "application/json"}
    if library == "httpx":
        client = httpx.Client()

        def post(body: str) -> None:
            client.post(url, content=body, headers=headers)

    else:
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port)

        def post(body: str) -> None:
            connection.request("POST", parts.path, body=body, headers=headers)
            connection.getresponse().read()

    # Connected before the due second, with a message the endpoint counts for nobody.
    post(json.dumps({"push": f"warm-up {library} {time.time()}"}))
    print("READY", time.time(), flush=True)
    time.sleep(max(due - time.time(), 0.0))
    for i in range(count):
        for k in range(recipients):
            name = name_of(i)
            key = name if recipients == 1 else f"{name}|r{k}"
            post(json.dumps({"push": key, "title": f"{name} is due", "body": "Body"}))
    print("FINISHED", flush=True)
    while not stop_file.exists():
        time.sleep(0.1)


def run_pushgui(
    url: str,
    due: float,
    count: int,
    recipients: int,
    stop_file: Path,
    folder: Path,
    database: str | None = None,
) -> None:
    """A headless pushgui runtime with ``count`` one-off pushes due at ``due``; on the
    PostgreSQL ``database`` (a team server's runtime) when one is given."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from PySide6.QtCore import QCoreApplication, QTimer

    from bench.fixtures import add_webhook_channel, populate, webhook_spec
    from pushgui.app import start_runtime
    from pushgui.core.pushes.spec import Target
    from pushgui.core.system.paths import locate

    app = QCoreApplication(sys.argv[:1])
    when = datetime.fromtimestamp(due, UTC)
    one, rooms_of = (
        (add_webhook_channel, add_rooms) if database is None else (server_channel, server_rooms)
    )
    if recipients == 1:
        channel = one(folder, url)
        specs = [webhook_spec(name_of(i), when, channel) for i in range(count)]
    else:
        rooms = rooms_of(folder, url, recipients)
        targets = tuple(Target("webhook", room) for room in rooms)
        specs = [
            replace(webhook_spec(name_of(i), when, rooms[0]), targets=targets) for i in range(count)
        ]
    if database is None:
        populate(folder, specs)
        runtime = start_runtime(locate(folder))
    else:
        runtime = server_runtime(folder, database, specs)
    print("READY", time.time(), flush=True)

    finished: set[str] = set()

    def on_done(job_id: str, *_args: object) -> None:
        finished.add(job_id)
        if len(finished) == count:
            print("FINISHED", flush=True)

    # A run's job only writes the run; it is done when the engine announces it delivered.
    # With several channels, each channel's lane may announce the same run once it sees
    # the run settled: runs are counted once each.
    def on_executed(job_ids: list[str]) -> None:
        for job_id in job_ids:
            if ":delivered:" in job_id:
                on_done(job_id.partition(":delivered:")[0])

    def on_missed(job_ids: list[str]) -> None:
        for job_id in job_ids:
            on_done(job_id)

    runtime.bridge.jobs_executed.connect(on_executed)
    runtime.bridge.jobs_missed.connect(on_missed)
    runtime.bridge.job_failed.connect(on_done)
    poll = QTimer()
    poll.timeout.connect(lambda: app.quit() if stop_file.exists() else None)
    poll.start(100)
    try:
        app.exec()
    finally:
        runtime.stop()


def server_channel(folder: Path, url: str) -> int:
    """Contestant ``pushgui-postgresql``: the webhook channel goes to the team database,
    its secret to the server's credentials file; the database's URL is in ``folder``."""
    return server_rooms(folder, url, 0)[0]


def server_rooms(folder: Path, url: str, count: int) -> list[int]:
    """The bench channel, then ``count`` room channels (as :func:`add_rooms`), on PostgreSQL."""
    from bench.fixtures import BODY_TEMPLATE
    from pushgui.core.channels.book import ChannelBook
    from pushgui.core.channels.config import WebhookConfig
    from pushgui.core.server.credentials import CredentialsFile
    from pushgui.core.store.server import open_server_database

    database = open_server_database((folder / "database-url").read_text(), folder)
    try:
        book = ChannelBook(database, CredentialsFile(folder / "credentials.json"))
        bench = book.save("Bench endpoint", WebhookConfig(url=url, body_template=BODY_TEMPLATE))
        template = '{"push": "${push}|${recipient}", "title": "${title}", "body": "${body}"}'
        rooms = [
            book.save(f"r{k}", WebhookConfig(url=url, body_template=template)) for k in range(count)
        ]
        return rooms if count else [bench]
    finally:
        database.close()


def server_runtime(folder: Path, database: str, specs: Sequence[PushSpec]) -> Runtime:
    """A team server's runtime on ``database`` (as ``pushgui serve`` builds it once active)."""
    from pushgui.app import open_runtime
    from pushgui.core.pushes.service import PushService
    from pushgui.core.server.credentials import CredentialsFile
    from pushgui.core.store.server import open_server_database
    from pushgui.core.system.paths import locate

    db = open_server_database(database, folder)
    PushService(db).save_new(specs)
    runtime = open_runtime(
        locate(folder), server=db, store=CredentialsFile(folder / "credentials.json")
    )
    runtime.begin()
    return runtime


def add_rooms(folder: Path, url: str, count: int) -> list[int]:
    """``count`` webhook channels ("r0", "r1", ...) on the endpoint, each naming itself."""
    from bench.fixtures import add_webhook_channel
    from pushgui.core.channels.book import ChannelBook
    from pushgui.core.channels.config import WebhookConfig
    from pushgui.core.store.db import open_database
    from pushgui.core.system.secrets import PlainFileSecrets

    add_webhook_channel(folder, url)  # sets the plain-file secret store
    database = open_database(folder)
    try:
        template = '{"push": "${push}|${recipient}", "title": "${title}", "body": "${body}"}'
        book = ChannelBook(database, PlainFileSecrets(folder))
        return [
            book.save(f"r{k}", WebhookConfig(url=url, body_template=template)) for k in range(count)
        ]
    finally:
        database.close()


# -- the benchmark process ---------------------------------------------------------------------


def contest(
    kind: str,
    url: str,
    arrivals: Arrivals,
    count: int,
    recipients: int,
    work: Path,
    database: str | None = None,
) -> dict[str, object]:
    """Start one contestant, wait for its burst, return the lateness of each arrival."""
    due = math.ceil(time.time()) + LEAD_S
    stop_file = work / f"stop-{kind}"
    folder = work / f"data-{kind}"
    folder.mkdir()
    if database is not None:
        (folder / "database-url").write_text(database)
    command = [
        sys.executable,
        "-m",
        "bench.burst_accuracy",
        "--contestant",
        kind,
        "--url",
        url,
        "--due",
        str(due),
        "--pushes",
        str(count),
        "--recipients",
        str(recipients),
        "--stop-file",
        str(stop_file),
        "--folder",
        str(folder),
    ]
    # stderr to a file: the baseline logs a warning per missed run, enough to fill a pipe.
    errors = (work / f"{kind}.stderr").open("w+")
    child = subprocess.Popen(
        command, env=offscreen_env(), stdout=subprocess.PIPE, stderr=errors, text=True
    )
    said: dict[str, float] = {}

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            word, _, rest = line.strip().partition(" ")
            said[word] = float(rest) if rest else time.time()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    keys = keys_of(count, recipients)
    while time.time() < due + DEADLINE_S:
        with arrivals.lock:
            arrived = len(keys & arrivals.times.keys())
        if arrived == len(keys) or ("FINISHED" in said and time.time() > said["FINISHED"] + 1.0):
            break
        if child.poll() is not None:
            break
        time.sleep(0.05)
    stop_file.touch()
    try:
        child.wait(timeout=60)
    except subprocess.TimeoutExpired:
        child.kill()
    errors.seek(0)
    stderr = errors.read()[-3000:]
    errors.close()
    if "READY" not in said:
        raise SystemExit(f"{kind} did not start:\n{stderr}")
    if said["READY"] > due:
        raise SystemExit(f"{kind} was ready {said['READY'] - due:.1f} s after the due time")
    with arrivals.lock:
        late = [(arrivals.times[k] - due) * 1000 for k in keys if k in arrivals.times]
        for k in keys:
            arrivals.times.pop(k, None)
        duplicates, arrivals.duplicates = arrivals.duplicates, 0
    return {"late": late, "missed": len(keys) - len(late), "duplicates": duplicates}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pushes", type=int, default=1000)
    parser.add_argument("--recipients", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--contestant", choices=KINDS + DATABASE_KINDS[-1:])
    parser.add_argument("--url")
    parser.add_argument("--due", type=float)
    parser.add_argument("--stop-file", type=Path)
    parser.add_argument("--folder", type=Path)
    parser.add_argument(
        "--database",
        choices=("sqlite", "both"),
        default="sqlite",
        help="both: pushgui's burst on SQLite and on PostgreSQL in the same run",
    )
    args = parser.parse_args()
    if args.contestant == "baseline":
        run_baseline(args.url, args.due, args.pushes, args.recipients, args.stop_file)
        return
    if args.contestant in ("floor-httpx", "floor-stdlib"):
        library = args.contestant.partition("-")[2]
        run_floor(args.url, args.due, args.pushes, args.recipients, args.stop_file, library)
        return
    if args.contestant == "pushgui":
        run_pushgui(args.url, args.due, args.pushes, args.recipients, args.stop_file, args.folder)
        return
    if args.contestant == "pushgui-postgresql":
        database = (args.folder / "database-url").read_text()
        run_pushgui(
            args.url, args.due, args.pushes, args.recipients, args.stop_file, args.folder, database
        )
        return
    if args.database == "both":
        on_both_databases(args.pushes, args.rounds)
        return

    n = args.pushes
    # Two shapes with the same number of messages: n pushes to one webhook, and n/10
    # pushes each to 10 recipients (10 webhook channels).
    shapes = [(n, 1), (max(n // 10, 1), 10)]
    results: dict[tuple[str, int], dict[str, list[float] | int]] = {
        (k, r): {"late": [], "missed": 0, "duplicates": 0} for k in KINDS for _p, r in shapes
    }
    with http_endpoint() as (url, arrivals), tempfile.TemporaryDirectory() as tmp:
        for round_no in range(args.rounds):
            for pushes, recipients in shapes:
                for kind in KINDS:
                    work = Path(tmp) / f"{kind}-{recipients}-{round_no}"
                    work.mkdir()
                    got = contest(kind, url, arrivals, pushes, recipients, work)
                    total = results[(kind, recipients)]
                    total["late"] += got["late"]  # type: ignore[operator]
                    total["missed"] += got["missed"]  # type: ignore[operator]
                    total["duplicates"] += got["duplicates"]  # type: ignore[operator]
                    print(f"round {round_no + 1}: {kind} x{recipients} done", flush=True)

    def stats(kind: str, recipients: int) -> tuple[float, float, float, int, int]:
        late = results[(kind, recipients)]["late"]
        assert isinstance(late, list)
        return (
            percentile(late, 50),
            percentile(late, 99),
            max(late, default=0.0),
            int(results[(kind, recipients)]["missed"]),  # type: ignore[arg-type]
            int(results[(kind, recipients)]["duplicates"]),  # type: ignore[arg-type]
        )

    rows = []
    verdicts = []
    for pushes, recipients in shapes:
        messages = pushes * recipients * args.rounds
        shape = f"{pushes} pushes x {recipients} recipient{'s' if recipients > 1 else ''}"
        base, ours = stats("baseline", recipients), stats("pushgui", recipients)
        floor = stats("floor-httpx", recipients)
        for label, figures in (
            (
                f"{shape}: one http.client, no scheduler, no records (floor)",
                stats("floor-stdlib", recipients),
            ),
            (f"{shape}: one httpx client, no scheduler, no records (floor)", floor),
            (f"{shape}: plain BackgroundScheduler + httpx (baseline)", base),
            (f"{shape}: pushgui (headless runtime, webhook channels)", ours),
        ):
            rows.append(
                [
                    label,
                    f"{figures[0]:.0f}",
                    f"{figures[1]:.0f}",
                    f"{figures[2]:.0f}",
                    f"{figures[3]} of {messages}",
                    figures[4],
                ]
            )
        none_missed = ours[3] == 0 and ours[4] == 0
        under = ours[1] < P99_MS
        verdicts.append(
            f"{shape}: pushgui p99 {ours[1]:.0f} ms, {ours[3]} missed, {ours[4]} sent twice "
            f"(baseline p99 {base[1]:.0f} ms, {base[3]} missed; "
            f"httpx floor p99 {floor[1]:.0f} ms); none missed "
            f"({'met' if none_missed else 'NOT met'}), p99 < {P99_MS:.0f} ms "
            f"({'met' if under else 'NOT met'})"
        )
    body = table(
        ["", "p50 late (ms)", "p99 late (ms)", "max late (ms)", "missed", "sent twice"], rows
    )
    body += (
        "\n\nLateness percentiles are over the requests that arrived; the baseline's "
        "`misfire_grace_time=1` drops every run that cannot start within a second, so its "
        "missed runs never count against its percentiles."
    )
    summary = f"{args.rounds} round(s). " + "; ".join(verdicts) + "."
    publish(
        "burst",
        "Burst accuracy (1,000 messages due in the same second)",
        f"python -m bench.burst_accuracy --pushes {n} --rounds {args.rounds}",
        body,
        summary,
    )


def on_both_databases(n: int, rounds: int) -> None:
    """pushgui's burst on SQLite and on PostgreSQL in one run, beside the httpx floor."""
    from tests.pg import NOT_FOUND, PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit(NOT_FOUND)
    load_before = os.getloadavg()[0]
    server = PostgresServer(bindir)
    server.start()
    try:
        import psycopg

        # tests/pg.py turns fsync off for speed; a benchmark measures a durable server.
        with psycopg.connect(server.dsn("postgres"), autocommit=True) as connection:
            connection.execute("ALTER SYSTEM SET fsync = on")
            connection.execute("SELECT pg_reload_conf()")
            version = connection.execute("SHOW server_version").fetchone()
        shapes = [(n, 1), (max(n // 10, 1), 10)]
        results: dict[tuple[str, int], dict[str, list[float] | int]] = {
            (k, r): {"late": [], "missed": 0, "duplicates": 0}
            for k in DATABASE_KINDS
            for _p, r in shapes
        }
        with http_endpoint() as (url, arrivals), tempfile.TemporaryDirectory() as tmp:
            for round_no in range(rounds):
                for pushes, recipients in shapes:
                    for kind in DATABASE_KINDS:
                        work = Path(tmp) / f"{kind}-{recipients}-{round_no}"
                        work.mkdir()
                        database = (
                            server.create_database() if kind == "pushgui-postgresql" else None
                        )
                        got = contest(kind, url, arrivals, pushes, recipients, work, database)
                        total = results[(kind, recipients)]
                        total["late"] += got["late"]  # type: ignore[operator]
                        total["missed"] += got["missed"]  # type: ignore[operator]
                        total["duplicates"] += got["duplicates"]  # type: ignore[operator]
                        print(f"round {round_no + 1}: {kind} x{recipients} done", flush=True)
    finally:
        server.stop()
    release = str(version[0]).split()[0] if version else ""
    labels = {
        "floor-httpx": "one httpx client, no scheduler, no records (floor)",
        "pushgui": "pushgui on its SQLite file (desktop, headless)",
        "pushgui-postgresql": f"pushgui on PostgreSQL {release} (team server runtime)",
    }
    rows, verdicts = [], []
    for pushes, recipients in shapes:
        messages = pushes * recipients * rounds
        shape = f"{pushes} pushes x {recipients} recipient{'s' if recipients > 1 else ''}"
        for kind in DATABASE_KINDS:
            total = results[(kind, recipients)]
            late = total["late"]
            assert isinstance(late, list)
            rows.append(
                [
                    f"{shape}: {labels[kind]}",
                    f"{percentile(late, 50):.0f}",
                    f"{percentile(late, 99):.0f}",
                    f"{max(late, default=0.0):.0f}",
                    f"{total['missed']} of {messages}",
                    total["duplicates"],
                ]
            )
        sqlite, postgres = (
            results[("pushgui", recipients)],
            results[("pushgui-postgresql", recipients)],
        )
        verdicts.append(
            f"{shape}: p99 {percentile(sqlite['late'], 99):.0f} ms on SQLite, "  # type: ignore[arg-type]
            f"{percentile(postgres['late'], 99):.0f} ms on PostgreSQL; "  # type: ignore[arg-type]
            f"missed {sqlite['missed']} / {postgres['missed']}, "
            f"sent twice {sqlite['duplicates']} / {postgres['duplicates']}"
        )
    body = table(
        ["", "p50 late (ms)", "p99 late (ms)", "max late (ms)", "missed", "sent twice"], rows
    )
    body += (
        "\n\nThe PostgreSQL server runs on the same machine, over TCP on 127.0.0.1, with "
        "`fsync` on (started in a temporary folder as tests/pg.py does); every run and "
        "delivery row is written there as a team server writes it."
        f"\n\nThe machine was shared and busy: load average (1 min) {load_before:.1f} before "
        f"and {os.getloadavg()[0]:.1f} after the run, on {os.cpu_count()} cores; compare the "
        "rows with each other (the same run), not with other sections."
    )
    publish(
        "burst-postgresql",
        "Burst on SQLite and PostgreSQL (the same run)",
        f"python -m bench.burst_accuracy --database both --pushes {n} --rounds {rounds}",
        body,
        f"{rounds} round(s). " + "; ".join(verdicts) + ".",
    )


if __name__ == "__main__":
    main()
