"""Email throughput: one pushgui run to 1,000 recipients against a plain smtplib loop.

Both send the same number of personal messages over one connection to the same local
aiosmtpd server, alternately, several rounds; pushgui's run includes everything a real run
does (rendering per recipient, a delivery row written before and after each send).
Target: pushgui reaches at least 95% of the plain loop's messages per second.

    python -m bench.email_throughput [--recipients 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import smtplib
import socket
import tempfile
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

from bench.report import median, publish, table
from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import EmailConfig
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, PushSpec, Target
from pushgui.core.runs.jobs import JobContext
from pushgui.core.runs.runner import run_push
from pushgui.core.schedule.spec import CalendarSpec
from pushgui.core.store.db import open_database
from pushgui.core.system.secrets import SessionSecrets

TARGET = 0.95


class Counter:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.count += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def plain_loop(port: int, addresses: list[str]) -> float:
    """What a script would do: one connection, one EmailMessage per recipient."""
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for index, address in enumerate(addresses):
            message = EmailMessage()
            message["From"] = "reminders@example.com"
            message["To"] = address
            message["Subject"] = f"Hello person {index}"
            message.set_content(f"Dear person {index}, this is your weekly note.")
            smtp.send_message(message)
    return time.perf_counter() - start


def prepare_pushgui(folder: Path, port: int, count: int) -> tuple[JobContext, int]:
    database = open_database(folder)
    secrets = SessionSecrets()
    channel = ChannelBook(database, secrets).save(
        "Local",
        EmailConfig(host="127.0.0.1", port=port, security="none", sender_address="r@example.com"),
    )
    book = ContactBook(database)
    ids = book.save_many([ContactRecord(f"person {i}", f"p{i}@example.com") for i in range(count)])
    group = book.save_group(GroupRecord("Everyone", tuple(ids)))
    spec = PushSpec(
        name="Weekly note",
        message=Message("Hello ${name}", "Dear ${name}, this is your weekly note."),
        trigger=CalendarSpec(timezone="UTC"),
        targets=(Target("email", channel, (), (group,)),),
    )
    [push_id] = PushService(database).save_new([spec])
    return JobContext(database, secrets), push_id


def pushgui_run(context: JobContext, push_id: int, round_no: int) -> float:
    start = time.perf_counter()
    status = run_push(push_id, context=context.at(datetime(2030, 1, 1, round_no, tzinfo=UTC)))
    elapsed = time.perf_counter() - start
    if status != "ok":
        raise SystemExit(f"pushgui run ended {status}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipients", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    counter = Counter()
    port = free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port, ready_timeout=5)
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            context, push_id = prepare_pushgui(Path(folder), port, args.recipients)
            addresses = [f"p{i}@example.com" for i in range(args.recipients)]
            plain, ours = [], []
            for round_no in range(args.rounds):
                plain.append(plain_loop(port, addresses))
                ours.append(pushgui_run(context, push_id, round_no))
            expected = 2 * args.rounds * args.recipients
            if counter.count != expected:
                raise SystemExit(f"server received {counter.count} messages, expected {expected}")
    finally:
        controller.stop()

    n = args.recipients
    plain_rate, our_rate = n / median(plain), n / median(ours)
    ratio = our_rate / plain_rate
    body = table(
        ["", "median time (s)", "messages/s", "all rounds (s)"],
        [
            [
                "plain smtplib loop (baseline)",
                f"{median(plain):.3f}",
                f"{plain_rate:.0f}",
                ", ".join(f"{t:.3f}" for t in plain),
            ],
            [
                "pushgui run",
                f"{median(ours):.3f}",
                f"{our_rate:.0f}",
                ", ".join(f"{t:.3f}" for t in ours),
            ],
        ],
    )
    verdict = "met" if ratio >= TARGET else "NOT met"
    summary = (
        f"{n} recipients, {args.rounds} rounds: pushgui reaches {ratio:.0%} of the plain "
        f"loop's throughput (target ≥ {TARGET:.0%}: {verdict})."
    )
    publish(
        "email",
        "Email throughput (1,000 recipients)",
        f"python -m bench.email_throughput --recipients {n} --rounds {args.rounds}",
        body,
        summary,
    )


if __name__ == "__main__":
    main()
