"""An overall deadline per send, enforced at the socket, even against a trickling server.

Socket timeouts bound each read, not a whole send: a server that answers one byte every
4 s never trips a 15 s read timeout. A :class:`Deadline` is set around one message's send in the
:class:`SendDeadline` of the sender's stream (the engine makes one per stream and hands it to
the sender it builds); the HTTP channels' network backend (:class:`DeadlineBackend`) caps
every read, write and connect by what is left of it, and other senders register an
abort callback (closing their socket) that the engine's watchdog calls when it passes. On
shutdown the engine brings every deadline forward, so an in-flight send ends promptly.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import typing
from collections.abc import Callable, Iterable, Iterator

import httpcore

log = logging.getLogger(__name__)

#: Longest single blocking socket call, so a deadline brought forward is noticed quickly.
SLICE_SECONDS = 0.5


class DeadlineExpired(Exception):
    """The send's deadline passed (or shutdown cut it)."""


class Deadline:
    """The moment (monotonic seconds) by which one send must be over; may be brought forward."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._lock = threading.Lock()
        self.expires_at = clock() + seconds
        self.cut_short = False
        self._aborts: list[Callable[[], None]] = []
        self._fired = False

    def remaining(self) -> float:
        return self.expires_at - self._clock()

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0

    def bring_forward(self, seconds: float) -> None:
        """End the send within ``seconds`` (shutdown); never extends the deadline."""
        with self._lock:
            when = self._clock() + seconds
            if when < self.expires_at:
                self.expires_at = when
                self.cut_short = True

    def on_abort(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` (from the watchdog thread) once the deadline passed."""
        with self._lock:
            self._aborts.append(callback)

    def fire(self) -> None:
        """Run the abort callbacks once; called by the watchdog after expiry."""
        with self._lock:
            if self._fired:
                return
            self._fired = True
            callbacks = list(self._aborts)
        for callback in callbacks:
            try:
                callback()
            except Exception:
                log.debug("An abort callback failed", exc_info=True)


class SendDeadline:
    """The deadline of the message one sender is sending now (``None`` between sends).

    One per sender stream: whoever drives the stream (the engine) sets it around each step
    with :meth:`under`, and the sender's sockets read it, in the same thread. A sender built
    without one gets its own that is never set: its sends have only their socket timeouts.
    """

    def __init__(self) -> None:
        self.current: Deadline | None = None

    @contextlib.contextmanager
    def under(self, deadline: Deadline | None) -> Iterator[None]:
        before, self.current = self.current, deadline
        try:
            yield
        finally:
            self.current = before

    def capped(self, timeout: float | None) -> float | None:
        """``timeout`` capped by the current deadline; raises when it already passed."""
        deadline = self.current
        if deadline is None:
            return timeout
        left = deadline.remaining()
        if left <= 0:
            raise httpcore.ReadTimeout(f"no answer within {deadline.seconds:g} seconds")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every socket call is capped by the send's deadline, and whose
    writes go out together when the answer is first read.

    httpcore writes a request's head and its body separately: two sends, each a system
    call and, on a local service, a wake-up of the other side. Joined, a request is one
    send (as ``http.client`` does for a small body), which was a measurable part of each
    message's cost in a burst (docs/BENCHMARKS.md, "Burst").
    """

    def __init__(self, inner: httpcore.NetworkStream, deadline: SendDeadline) -> None:
        self._inner = inner
        self._deadline = deadline
        self._unsent: list[bytes] = []
        self._write_timeout: float | None = None

    def _flush(self) -> None:
        data = b"".join(self._unsent)
        self._unsent.clear()
        # As httpcore does on a failed write: a server that closed early may still have
        # answered, so the answer is read (or its absence reported) next.
        with contextlib.suppress(httpcore.WriteError):
            self._inner.write(data, self._deadline.capped(self._write_timeout))

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if self._unsent:
            self._flush()
        # In slices, so that a deadline brought forward by shutdown ends the wait promptly.
        started = time.monotonic()
        while True:
            left = None if timeout is None else timeout - (time.monotonic() - started)
            if left is not None and left <= 0:
                raise httpcore.ReadTimeout("timed out")
            step = self._deadline.capped(left)
            step = SLICE_SECONDS if step is None else min(step, SLICE_SECONDS)
            try:
                return self._inner.read(max_bytes, step)
            except httpcore.ReadTimeout:
                continue

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if buffer:
            self._deadline.capped(timeout)  # a send past its deadline stops here, as before
            self._unsent.append(buffer)
            self._write_timeout = timeout

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: typing.Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, self._deadline.capped(timeout))
        return _DeadlineStream(tls, self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own synchronous backend with every socket call capped by ``deadline``."""

    def __init__(self, deadline: SendDeadline) -> None:
        self._inner = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        cap = self._deadline.capped(timeout)
        stream = self._inner.connect_tcp(host, port, cap, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(
            path, self._deadline.capped(timeout), socket_options
        )
        return _DeadlineStream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class Watchdog:
    """One thread that fires the abort callbacks of sends whose deadline passed."""

    def __init__(self) -> None:
        self._active: set[Deadline] = set()
        self._wake = threading.Condition()
        self._stopped = False
        self._cut: float | None = None
        #: When (monotonic) the loop wakes next on its own; a new send is only worth waking
        #: it for when its deadline comes sooner (each wake costs the sending thread the GIL).
        self._wakes_at = float("-inf")
        self._thread = threading.Thread(target=self._loop, name="pushgui-watchdog", daemon=True)
        self._thread.start()

    @contextlib.contextmanager
    def watching(self, deadline: Deadline) -> Iterator[None]:
        with self._wake:
            if self._cut is not None:  # a send starting after shutdown began
                deadline.bring_forward(self._cut)
            self._active.add(deadline)
            if deadline.remaining() < self._wakes_at - time.monotonic():
                self._wake.notify()
        try:
            yield
        finally:
            with self._wake:
                self._active.discard(deadline)

    def bring_all_forward(self, seconds: float) -> None:
        with self._wake:
            self._cut = seconds
            for deadline in self._active:
                deadline.bring_forward(seconds)
            self._wake.notify()

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify()

    def _loop(self) -> None:
        while True:
            with self._wake:
                if self._stopped:
                    return
                due = [d for d in self._active if d.expired]
                waits = [d.remaining() for d in self._active if not d.expired]
                if not due:
                    self._sleep(min([*waits, SLICE_SECONDS * 2]))
                    continue
            for deadline in due:
                deadline.fire()
            with self._wake:
                self._sleep(SLICE_SECONDS)

    def _sleep(self, seconds: float) -> None:
        # Called holding the lock; outside a wait the loop looks at every deadline anyway.
        self._wakes_at = time.monotonic() + seconds
        self._wake.wait(seconds)
        self._wakes_at = float("-inf")
