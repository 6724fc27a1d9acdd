"""What the job function needs besides the database, bound once at start (like the database).

The job function runs in APScheduler's worker threads and is referenced by text, so it cannot
be handed objects; the composition root binds them here and tests bind their own.
"""

from __future__ import annotations

from typing import Any

from pushgui.core.secrets import KeyringSecrets, SecretStore

_secrets: SecretStore | None = None
_scheduler: Any = None


def bind(secrets: SecretStore | None = None, scheduler: Any = None) -> None:
    """Bind the secret store and the scheduler (for retry jobs); ``None`` unbinds."""
    global _secrets, _scheduler
    _secrets, _scheduler = secrets, scheduler


def secrets() -> SecretStore:
    """The bound secret store; the OS keyring when nothing was bound."""
    return _secrets if _secrets is not None else KeyringSecrets()


def scheduler() -> Any:
    """The running scheduler, or ``None`` (command-line tools have none)."""
    return _scheduler
