"""Where a run's deliveries go once recorded: to the engine's channel lanes when it runs, or
sent here, channel by channel (the command-line tools, tests of the job functions). Shared
by the runner and the nags (:mod:`pushgui.core.runs.runner`, :mod:`pushgui.core.runs.nagging`).
"""

from __future__ import annotations

from collections.abc import Mapping

from pushgui.core.delivery.deadline import Watchdog
from pushgui.core.delivery.engine import Batch, Delivering
from pushgui.core.runs.jobs import JobContext


def hand_over(context: JobContext, batches: Mapping[tuple[str, int | None], Batch]) -> bool:
    """Hand the batches to the engine's channel lanes (True), or send them here, channel by
    channel, when no engine runs (command-line tools, tests of the job functions)."""
    if context.engine is not None:
        context.engine.submit(batches)
        return True
    # A watchdog for this hand-over enforces each send's deadline, as the engine's does
    # (without one, every send would arm a timer thread of its own).
    watchdog = Watchdog()
    try:
        inline = Delivering(
            context.database,
            context.secrets,
            context.scheduler,
            watchdog=watchdog,
            desktop=context.desktop,
            language=context.language,
        )
        for key, batch in batches.items():
            inline.deliver(key, batch)
    finally:
        watchdog.stop()
    return False
