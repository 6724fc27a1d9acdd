"""Delivery statuses and what each means for a crash and for the history.

``queued``: written, not yet tried (safe to send after a crash). ``sending``: the one
message per sender whose answer is not yet recorded (after a crash: ``interrupted``, the
only truly unknown state). ``retrying``: failed, tried again at ``next_attempt_at``.
``waiting``: held back to keep within the service's rate limit; ``next_attempt_at`` is
about when it is sent (after a crash: sent at the next start, like ``queued``).
``held``: outside its channel's quiet hours; ``next_attempt_at`` is when the window opens
and the run's retry job sends it then (see ``quiet.py``; kept across a restart).
``superseded``: a later run of the same push reached this recipient, so its retry was
dropped.
"""

from __future__ import annotations

QUEUED = "queued"
WAITING = "waiting"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
RETRYING = "retrying"
SKIPPED = "skipped"
INTERRUPTED = "interrupted"
SUPERSEDED = "superseded"
HELD = "held"

#: Statuses that mean "this recipient is settled" when deciding a run's status.
SETTLED_OK = (SENT, SKIPPED, SUPERSEDED)
