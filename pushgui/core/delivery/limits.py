"""How fast each chat service lets one bot post, and the per-channel limiter that keeps to it.

The services document their limits as "N messages per T seconds" and refuse what goes
over (DingTalk then blocks the robot for 10 minutes). A channel's limiter holds N tokens
per limit; a token spent on a send comes back T seconds after the service answered it,
so no window of T seconds ever sees more than N sends, however the burst falls (a bucket
refilled at the average rate would allow N+1 in some windows). A rate-limit answer
pauses the channel for as long as the service asks.

Documented limits (verified November 2026; the numbers are also in docs/RELIABILITY.md):

======== ============================== =========================================
kind     limit                          source
======== ============================== =========================================
dingtalk 20 a minute                    DingTalk custom robot docs ("每个机器人每分钟
                                        最多发送20条", then throttled for 10 minutes,
                                        errcode 130101)
wecom    20 a minute                    WeCom group robot docs (45009 when over)
feishu   100 a minute and 5 a second    Feishu custom bot docs (11232 / 9499 when over)
slack    1 a second                     Slack rate limits ("Posting messages: 1 per
                                        second", incoming webhooks alike)
discord  5 per 2 seconds                Discord webhook limit (discord-api-docs #367)
telegram 1 a second and 20 a minute     Telegram Bot FAQ (1 a second in one chat,
                                        20 a minute in one group)
pushplus 200 a day                      PushPlus return codes ("单日请求超过200次",
                                        then code 900 and the account blocked)
pushover 10,000 in any 31 days          Pushover API (a free application's monthly
                                        quota; HTTP 429 when it is used up)
======== ============================== =========================================
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    """At most ``count`` sends in any ``per`` seconds."""

    count: int
    per: float


#: The per-service defaults: one table, used by the engine and quoted in the docs.
LIMITS: Mapping[str, tuple[Rate, ...]] = {
    "dingtalk": (Rate(20, 60.0),),
    "wecom": (Rate(20, 60.0),),
    "feishu": (Rate(100, 60.0), Rate(5, 1.0)),
    "slack": (Rate(1, 1.0),),
    "discord": (Rate(5, 2.0),),
    "telegram": (Rate(1, 1.0), Rate(20, 60.0)),
    "pushplus": (Rate(200, 86_400.0),),
    "pushover": (Rate(10_000, 31 * 86_400.0),),
}


class Limiter:
    """The rate limits of one channel (one bot, one room); thread-safe."""

    def __init__(self, rates: Sequence[Rate], clock: Callable[[], float] = time.monotonic) -> None:
        self.rates = tuple(rates)
        self._clock = clock
        self._lock = threading.Lock()
        # Per limit, when each spent token comes back (oldest first).
        self._returns: list[deque[float]] = [deque() for _ in self.rates]
        self._paused_until = 0.0

    def wait(self) -> float:
        """Seconds until one more send keeps within every limit (0: send now)."""
        with self._lock:
            now = self._clock()
            wait = max(self._paused_until - now, 0.0)
            for rate, returns in zip(self.rates, self._returns, strict=True):
                while returns and returns[0] <= now:
                    returns.popleft()
                if len(returns) >= rate.count:
                    wait = max(wait, returns[0] - now)
            return wait

    def spent(self) -> None:
        """A send was answered now: its token comes back ``per`` seconds from now."""
        with self._lock:
            now = self._clock()
            for rate, returns in zip(self.rates, self._returns, strict=True):
                returns.append(now + rate.per)

    def pause(self, seconds: float) -> None:
        """The service asked for a pause: nothing is sent for ``seconds``."""
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + seconds)


def limiter_for(
    kind: str,
    overrides: Mapping[str, Sequence[Rate]] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Limiter | None:
    """The limiter for a channel of ``kind``, or None for a kind without a limit."""
    rates = (overrides or {}).get(kind, LIMITS.get(kind))
    return Limiter(rates, clock) if rates else None
