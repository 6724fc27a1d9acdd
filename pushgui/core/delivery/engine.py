"""The delivery engine: one worker lane per channel, each send under an overall deadline,
and a shutdown that ends within seconds.

A run's rows are written by the job function (:mod:`pushgui.core.runs.runner`), which hands the
rows to :meth:`DeliveryEngine.submit` and returns: the scheduler's workers never wait for
a network. Each channel (the desktop, one SMTP account, one bot) has its own lane, so a
desktop reminder never queues behind network sends and a slow or blocked service delays
only its own messages. The engine is built by the composition root with its dependencies
(the store, the secret store, the scheduler for retry jobs); it keeps no module state.

Why one module: a batch, its lane and the engine that owns the lanes share one stopping
event, one lock and the count of batches in hand; apart, each would reach into the
others' state, and the path of one push through them reads top to bottom here.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pushgui.core.channels.base import (
    Outcome,
    Outgoing,
    Sender,
    UnknownChannelError,
    outcomes,
    scrubbed,
    secrets_of,
)
from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.desktop import KIND as DESKTOP
from pushgui.core.channels.desktop import LogSender
from pushgui.core.channels.mention import Mentions
from pushgui.core.delivery.deadline import Deadline, SendDeadline, Watchdog
from pushgui.core.delivery.limits import Limiter, Rate, limiter_for
from pushgui.core.delivery.queue import (
    PartsTaken,
    Pending,
    add_retry_job,
    send_and_record,
)
from pushgui.core.delivery.quiet import QuietHoursBook, held_until, hold
from pushgui.core.delivery.settle import settle_runs
from pushgui.core.messages.rich import TextFormat
from pushgui.core.messages.service_text import as_sent_to
from pushgui.core.pushes.spec import PushOptions
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.store.db import Database
from pushgui.core.system.clock import Clock, utc_now
from pushgui.core.system.i18n import ENGLISH, Language
from pushgui.core.system.redact import Scrubber
from pushgui.core.system.secrets import SecretStore, SecretStoreError

log = logging.getLogger(__name__)

#: Seconds one message may take, whatever the server does, per channel kind.
DEFAULT_DEADLINE = 60.0
#: How long an in-flight send may go on once shutdown began; the rest of the stop
#: (recording, closing the store) fits in the 10 s promised.
SHUTDOWN_CUT = 5.0
SHUTDOWN_TIMEOUT = 8.0


@dataclass(frozen=True)
class Batch:
    """Deliveries of one run through one channel, in order."""

    push_id: int
    run_id: int
    push_name: str
    options: PushOptions
    attachments: tuple[str, ...]
    deliveries: tuple[Pending, ...]
    text_format: TextFormat = "plain"

    def messages(self, on_part: Callable[[int, int], None] | None = None) -> list[Outgoing]:
        """The deliveries as messages; ``on_part(delivery id, count)`` hears the parts a
        service took of a message sent in parts."""
        out = []
        for d in self.deliveries:
            body, text_format = as_sent_to(d.channel, d.body, self.text_format)
            out.append(
                Outgoing(
                    push_id=self.push_id,
                    push_name=self.push_name,
                    recipient=d.recipient,
                    title=d.title,
                    body=body,
                    recipient_address=d.address,
                    html=d.html,
                    attachments=self.attachments,
                    text_format=text_format,
                    mentions=Mentions.from_json(d.mentions),
                    parts_sent=d.parts_sent,
                    on_part=None if on_part is None else functools.partial(on_part, d.id),
                )
            )
        return out


def split(
    push_id: int,
    run_id: int,
    push_name: str,
    options: PushOptions,
    attachments: tuple[str, ...],
    deliveries: Sequence[Pending],
    text_format: TextFormat = "plain",
) -> dict[tuple[str, int | None], Batch]:
    """The deliveries as one batch per channel, keeping their order."""
    grouped: dict[tuple[str, int | None], list[Pending]] = {}
    for pending in deliveries:
        grouped.setdefault((pending.channel, pending.channel_id), []).append(pending)
    return {
        key: Batch(push_id, run_id, push_name, options, attachments, tuple(rows), text_format)
        for key, rows in grouped.items()
    }


class Delivering:
    """Sends batches and records their outcomes: what a lane does, or a caller inline.

    ``desktop`` shows the desktop channel's reminders (the window's, handed in by the
    composition root; by default they are logged, as headless). ``language`` is the one
    the channels' errors are recorded in (the window's; English headless).
    """

    def __init__(
        self,
        database: Database,
        secrets: SecretStore,
        scheduler: Any = None,
        deadlines: Mapping[str, float] | None = None,
        watchdog: Watchdog | None = None,
        stopping: Callable[[], bool] = lambda: False,
        desktop: Sender | None = None,
        clock: Clock = utc_now,
        calendars: Calendars | None = None,
        language: Language = ENGLISH,
    ) -> None:
        self.database = database
        self.language = language
        self.desktop: Sender = desktop if desktop is not None else LogSender()
        self.clock = clock
        self.calendars = calendars
        self.secrets = secrets
        self.scheduler = scheduler
        self.deadlines = dict(deadlines or {})
        self.watchdog = watchdog
        self.stopping = stopping
        # The senders' writes, one at a time, and one at a time with the pass's (see
        # send_and_record and Database.write_lock).
        self.write_lock = database.write_lock

    def deadline_for(self, kind: str) -> float:
        return self.deadlines.get(kind, DEFAULT_DEADLINE)

    def sender(
        self, kind: str, channel_id: int | None, current: SendDeadline | None = None
    ) -> Sender:
        """The sender of one channel; its sockets read each send's deadline in ``current``."""
        if kind == DESKTOP:
            return self.desktop
        if channel_id is None:
            raise UnknownChannelError(f"No channel of kind {kind!r} is available")
        return ChannelBook(self.database, self.secrets).sender(channel_id, deadline=current)

    def deliver(
        self,
        key: tuple[str, int | None],
        batch: Batch,
        limiter: Limiter | None = None,
        pause: Callable[[float], bool] = lambda seconds: True,
    ) -> str:
        """Send one batch, record each outcome, schedule its retries; the run's status."""
        [(_push, _run, status)] = self.deliver_many(key, [batch], limiter, pause)
        return status

    def deliver_many(
        self,
        key: tuple[str, int | None],
        batches: Sequence[Batch],
        limiter: Limiter | None = None,
        pause: Callable[[float], bool] = lambda seconds: True,
        on_settled: Callable[[int, int, str], None] | None = None,
    ) -> list[tuple[int, int, str]]:
        """Send the batches of several runs through one channel as one stream (one sender,
        one connection), recording each outcome at once; (push, run, status) per run, and
        ``on_settled`` for each run as it settles (runs settle together, about every
        :data:`~pushgui.core.delivery.queue.SETTLE_EVERY`, not one transaction each)."""
        kind, channel_id = key
        deliveries = [d for batch in batches for d in batch.deliveries]
        options = {d.id: batch.options for batch in batches for d in batch.deliveries}
        runs = {d.id: batch.run_id for batch in batches for d in batch.deliveries}
        pushes = {batch.run_id: batch.push_id for batch in batches}
        quiet = QuietHoursBook(self.database).get(kind, channel_id)
        until = held_until(quiet, self.clock(), self.calendars)
        if until is not None:  # outside the channel's quiet hours: the retry job sends them
            with self.write_lock:
                hold(self.database, [d.id for d in deliveries], until)
            held = self.settle(pushes, list(pushes))
            for run_id, status in held:
                if on_settled is not None:
                    on_settled(pushes[run_id], run_id, status)
            return [(pushes[run_id], run_id, status) for run_id, status in held]
        scrub = Scrubber(())
        parts = PartsTaken()
        current = SendDeadline()  # this stream's: each send's deadline, read by its sockets
        try:
            sender = self.sender(kind, channel_id, current)
        except LookupError as exc:
            refused = Outcome(ok=False, error=self.language.render(exc), permanent=True)
            answers: Iterator[Outcome] = iter([refused] * len(deliveries))
        except SecretStoreError as exc:  # the store may be back by the retry (a locked keyring)
            unread = Outcome(
                ok=False, error=self.language.render(exc.args[0] if exc.args else str(exc))
            )
            answers = iter([unread] * len(deliveries))
        else:
            # Whatever the sender is, its channel's secrets are scrubbed from what it says.
            scrub = Scrubber(secrets_of(getattr(sender, "config", None)))
            messages = [m for batch in batches for m in batch.messages(parts)]
            # An error is recorded as the reader sees it, with its secrets masked.
            answers = scrubbed(
                outcomes(sender, messages), lambda text: scrub(self.language.render(text))
            )
        settled: dict[int, str] = {}

        def settle(run_ids: list[int]) -> None:
            for run_id, status in self.settle(pushes, run_ids):
                settled[run_id] = status
                if on_settled is not None:
                    on_settled(pushes[run_id], run_id, status)

        send_and_record(
            self.database,
            options,
            deliveries,
            answers,
            deadline=lambda: Deadline(self.deadline_for(kind)),
            watchdog=self.watchdog,
            stopping=self.stopping,
            limiter=limiter,
            pause=pause,
            scrub=scrub,
            write_lock=self.write_lock,
            runs=runs,
            runs_done=settle,
            current=current,
            parts=parts,
        )
        rest = [run_id for run_id in pushes if run_id not in settled]
        if rest:  # runs with nothing to send here, or left when the sender stopped
            settle(rest)
        return [(pushes[run_id], run_id, settled[run_id]) for run_id in pushes]

    def settle(self, pushes: Mapping[int, int], run_ids: Sequence[int]) -> list[tuple[int, str]]:
        """Settle the runs (run id to push id in ``pushes``) in one transaction and give
        each retry job its time; (run, status) for each."""
        with self.write_lock, self.database.engine.begin() as connection:
            settled = settle_runs(connection, run_ids)
        for run_id, _status, next_retry in settled:
            if next_retry is not None:
                add_retry_job(self.scheduler, pushes[run_id], run_id, next_retry)
        return [(run_id, status) for run_id, status, _next in settled]


#: Batches a lane takes at once: one sender, one connection, for all runs queued on it.
LANE_GULP = 1000


class _Lane:
    """One worker thread sending one channel's batches in the order they came, within the
    channel's rate limits; it takes every batch waiting at once (``work`` gets a list)."""

    def __init__(
        self, name: str, work: Callable[[Any], None], limiter: Limiter | None = None
    ) -> None:
        self.queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.limiter = limiter
        self._work = work
        self.thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while True:
            items = [self.queue.get()]
            while items[-1] is not None and len(items) < LANE_GULP:
                try:
                    items.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            last = items[-1] is None
            work = [item for item in items if item is not None]
            if work:
                try:
                    self._work(work)
                except Exception:
                    log.exception("A delivery lane failed")
            if last:
                return


class DeliveryEngine:
    """Owns sending: a lane per channel, deadlines, retries, and a prompt shutdown.

    ``on_run_finished(push_id, run_id)`` is called (in a lane thread) when a run has no
    delivery left queued or sending. ``desktop`` shows desktop reminders (logged by
    default); the composition root hands the window's in with :meth:`use_desktop`.
    """

    def __init__(
        self,
        database: Database,
        secrets: SecretStore,
        scheduler: Any = None,
        deadlines: Mapping[str, float] | None = None,
        on_run_finished: Callable[[int, int], None] | None = None,
        limits: Mapping[str, Sequence[Rate]] | None = None,
        desktop: Sender | None = None,
        clock: Clock = utc_now,
        calendars: Calendars | None = None,
        language: Language = ENGLISH,
    ) -> None:
        self._stopping = threading.Event()
        self._limits = dict(limits or {})
        self.watchdog = Watchdog()
        self.delivering = Delivering(
            database,
            secrets,
            scheduler,
            deadlines,
            watchdog=self.watchdog,
            stopping=self._stopping.is_set,
            desktop=desktop,
            clock=clock,
            calendars=calendars,
            language=language,
        )
        self._on_run_finished = on_run_finished
        self._lanes: dict[tuple[str, int | None], _Lane] = {}
        self._lock = threading.Lock()
        # Batches handed to lanes and not yet through (wait_sent).
        self._in_hand = 0
        self._through = threading.Condition(self._lock)

    def use_desktop(self, sender: Sender) -> None:
        """Show desktop reminders with ``sender`` from the next batch on."""
        self.delivering.desktop = sender

    def use_language(self, language: Language) -> None:
        """Record the channels' errors in ``language`` from the next batch on."""
        self.delivering.language = language

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def submit(self, batches: Mapping[tuple[str, int | None], Batch]) -> None:
        """Queue each batch on its channel's lane; returns at once. After shutdown began the
        rows stay queued in the store and are sent at the next start."""
        if self._stopping.is_set():
            return
        with self._lock:
            for key, batch in batches.items():
                lane = self._lanes.get(key)
                if lane is None:
                    limiter = limiter_for(key[0], self._limits)
                    lane = _Lane(f"pushgui-send-{key[0]}-{key[1]}", self._run_batch, limiter)
                    self._lanes[key] = lane
                lane.queue.put((key, batch, lane.limiter))
                self._in_hand += 1

    def wait_sent(self, timeout: float) -> bool:
        """Wait until every batch submitted so far has been through its lane (each delivery
        has its outcome, or waits for a retry or a rate limit in the store); False after
        ``timeout`` seconds or once shutdown begins."""
        with self._through:
            return (
                self._through.wait_for(
                    lambda: self._in_hand == 0 or self._stopping.is_set(), timeout
                )
                and not self._stopping.is_set()
            )

    def pause(self, seconds: float) -> bool:
        """Wait ``seconds`` (a rate limit, a locked store); False as soon as shutdown begins."""
        return not self._stopping.wait(seconds)

    def _run_batch(self, items: list[tuple[tuple[str, int | None], Batch, Limiter | None]]) -> None:
        try:
            self._send_batches(items)
        finally:
            with self._through:
                self._in_hand -= len(items)
                self._through.notify_all()

    def _send_batches(
        self, items: list[tuple[tuple[str, int | None], Batch, Limiter | None]]
    ) -> None:
        if self._stopping.is_set():
            return  # their rows are still queued; the next start sends them
        key, _batch, limiter = items[0]
        batches = [batch for _key, batch, _limiter in items]
        names = {batch.run_id: batch.push_name for batch in batches}

        def settled(push_id: int, run_id: int, status: str) -> None:
            if status == "running":
                return
            log.info("Push %s (%s) ran (run %s): %s", push_id, names[run_id], run_id, status)
            if self._on_run_finished is not None:
                try:
                    self._on_run_finished(push_id, run_id)
                except Exception:
                    log.exception("Run-finished listener failed")

        self.delivering.deliver_many(key, batches, limiter, self.pause, settled)

    def shutdown(self, timeout: float = SHUTDOWN_TIMEOUT) -> bool:
        """No new sends; in-flight sends are cut within :data:`SHUTDOWN_CUT` seconds.

        Returns True when every lane ended in time. A send cut short is recorded as
        interrupted; a lane still stuck past ``timeout`` is left behind (daemon thread)
        and its row is settled as interrupted at the next start.
        """
        self._stopping.set()
        with self._through:
            self._through.notify_all()
        self.watchdog.bring_all_forward(SHUTDOWN_CUT)
        with self._lock:
            lanes = list(self._lanes.values())
            self._lanes.clear()
        for lane in lanes:
            lane.queue.put(None)
        ended = True
        deadline = threading.Event()
        timer = threading.Timer(timeout, deadline.set)
        timer.start()
        for lane in lanes:
            while lane.thread.is_alive() and not deadline.is_set():
                lane.thread.join(0.1)
            ended = ended and not lane.thread.is_alive()
        timer.cancel()
        self.watchdog.stop()
        if not ended:
            log.warning("A send did not end within %.0f s of the shutdown", timeout)
        return ended
