"""An overall deadline per send, enforced at the socket, even against a trickling server.

Socket timeouts bound each read, not a whole send: a server that answers one byte every
4 s never trips a 15 s read timeout. A :class:`Deadline` is set around one message's send in the
:class:`SendDeadline` of the sender's stream (the engine makes one per stream and hands it to
the sender it builds). Senders cap their socket timeouts by what is left of it
(:meth:`SendDeadline.capped`) and register an abort callback (shutting their socket down)
that the engine's :class:`Watchdog` calls when it passes; a deadline no watchdog watches (a
send outside the engine) is enforced by a timer of its own (:meth:`Deadline.enforced`). On
shutdown the engine brings every deadline forward, so an in-flight send ends promptly.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator

log = logging.getLogger(__name__)

#: The watchdog looks at its deadlines at least this often (and again after firing).
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
        #: Set while a :class:`Watchdog` watches it (it then fires the abort callbacks).
        self.watched = False

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

    def enforced(self) -> contextlib.AbstractContextManager[None]:
        """Around a send: when no watchdog watches this deadline, a timer fires its abort
        callbacks once it passes (a thread per send: only for sends outside the engine)."""
        return contextlib.nullcontext() if self.watched else self._timed()

    @contextlib.contextmanager
    def _timed(self) -> Iterator[None]:
        timer = threading.Timer(max(self.remaining(), 0.0), self.fire)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    @property
    def fired(self) -> bool:
        """Whether the abort callbacks ran (the send's sockets were shut down)."""
        return self._fired

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

    def under(self, deadline: Deadline | None) -> _Under:
        """Around one send: ``deadline`` is the current one, the one before it after."""
        return _Under(self, deadline)

    def capped(self, timeout: float | None) -> float | None:
        """``timeout`` capped by the current deadline; raises when it already passed."""
        deadline = self.current
        if deadline is None:
            return timeout
        left = deadline.remaining()
        if left <= 0:
            raise TimeoutError(f"no answer within {deadline.seconds:g} seconds")
        return left if timeout is None else min(timeout, left)


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

    def watching(self, deadline: Deadline) -> _Watching:
        """Around one send: the watchdog fires ``deadline``'s aborts once it passes."""
        return _Watching(self, deadline)

    def _watch(self, deadline: Deadline) -> None:
        with self._wake:
            if self._cut is not None:  # a send starting after shutdown began
                deadline.bring_forward(self._cut)
            self._active.add(deadline)
            deadline.watched = True
            if deadline.remaining() < self._wakes_at - time.monotonic():
                self._wake.notify()

    def _unwatch(self, deadline: Deadline) -> None:
        with self._wake:
            self._active.discard(deadline)
            deadline.watched = False

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


# Plain context managers, not generators': both are entered once a message, where a
# generator's context manager cost several times more.


class _Under:
    __slots__ = ("_before", "_deadline", "_owner")

    def __init__(self, owner: SendDeadline, deadline: Deadline | None) -> None:
        self._owner = owner
        self._deadline = deadline
        self._before: Deadline | None = None

    def __enter__(self) -> None:
        self._before, self._owner.current = self._owner.current, self._deadline

    def __exit__(self, *_exc: object) -> None:
        self._owner.current = self._before


class _Watching:
    __slots__ = ("_deadline", "_watchdog")

    def __init__(self, watchdog: Watchdog, deadline: Deadline) -> None:
        self._watchdog = watchdog
        self._deadline = deadline

    def __enter__(self) -> None:
        self._watchdog._watch(self._deadline)

    def __exit__(self, *_exc: object) -> None:
        self._watchdog._unwatch(self._deadline)
