"""Export and import of pushes as a versioned JSON document (see docs/EXPORT_FORMAT.md).

Import parses and validates the whole file before anything is written, and never unpickles
or evaluates anything: the document is plain JSON read with size and depth limits.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pushgui import __version__
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.pushes.damaged import DamagedRecord
from pushgui.core.pushes.spec import PushSpec, spec_from_dict, spec_to_dict
from pushgui.core.pushes.validation import validate_spec
from pushgui.core.schedule.build import build_trigger
from pushgui.core.schedule.spec import OnceSpec
from pushgui.core.system.files import (
    FileTooLargeError,
    NotAFileError,
    read_regular_file,
    write_private_text,
)
from pushgui.core.system.i18n import translate
from pushgui.core.transfer.bundle import KINDS, Bundle, parse_bundle

FORMAT = "pushgui-export"
VERSION = 2  # 2 adds contacts, groups, channels and templates; 1 still imports
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32
MAX_PUSHES = 100_000


class ImportFileError(SpecError):
    """The file cannot be imported; ``errors`` name the entry and field of each problem."""


@dataclass
class ImportFile:
    """A checked import: its pushes (with their entry labels), the version-2 tables (None
    for a version-1 file), and the one-offs whose time has passed (imported paused)."""

    specs: list[PushSpec]
    labels: list[str]
    bundle: Bundle | None = None
    finished: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def validation_now(spec: PushSpec, now: datetime | None) -> datetime | None:
    """The "now" to check ``spec`` against: a paused one-off whose time has passed (a
    finished one, from an export) is checked as of just before its time."""
    if isinstance(spec.trigger, OnceSpec) and not spec.enabled:
        try:
            at: datetime = build_trigger(spec.trigger).run_date
        except (ValueError, KeyError, OverflowError):
            return now  # the trigger's own problem, reported by validation
        if at <= (now or datetime.now(UTC)):
            return at - timedelta(minutes=1)
    return now


def _finish_if_passed(spec: PushSpec, now: datetime | None) -> tuple[PushSpec, bool]:
    """A one-off whose time has passed comes in paused (it ran where it came from)."""
    if isinstance(spec.trigger, OnceSpec) and spec.enabled:
        paused = replace(spec, enabled=False)
        if validation_now(paused, now) != now:
            return paused, True
    return spec, False


def export_document(
    specs: Sequence[PushSpec],
    damaged: Sequence[DamagedRecord] = (),
    tables: dict[str, list[dict[str, Any]]] | None = None,
    own_days: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The document; ``tables`` are :func:`pushgui.core.transfer.bundle.collect`'s (version 2);
    ``own_days`` (the company's own days, when there are any) goes under its own key."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        **(tables or {k: [] for k in KINDS}),
        "pushes": [spec_to_dict(spec) for spec in specs],
    }
    if damaged:  # informative: import ignores it (the text could not be read as a push)
        document["damaged"] = [record.to_export() for record in damaged]
    if own_days and (own_days.get("days_off") or own_days.get("working_days")):
        document["own_days"] = own_days  # see pushgui/core/schedule/own_days.py
    return document


def write_export(
    path: Path,
    specs: Sequence[PushSpec],
    damaged: Sequence[DamagedRecord] = (),
    tables: dict[str, list[dict[str, Any]]] | None = None,
    own_days: dict[str, Any] | None = None,
) -> None:
    """Write the document atomically (a partial file never replaces a good one)."""
    document = export_document(specs, damaged, tables, own_days)
    write_private_text(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _depth(value: Any, limit: int) -> int:
    """Nesting depth, stopping early once over ``limit``."""
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


def _too_big() -> ImportFileError:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return ImportFileError(
        [FieldError("", translate("transfer", "The file is larger than {n} MB").format(n=limit))]
    )


def _entry_label(index: int, raw: Any) -> str:
    name = raw.get("name") if isinstance(raw, dict) else None
    return entry_label(index, name if isinstance(name, str) else None)


def entry_label(index: int, name: str | None) -> str:
    """How import problems name an entry: ``pushes[3] ('Pay rent')``."""
    return f"pushes[{index}]" + (f" ({name!r})" if name else "")


def parse_document(data: bytes | str, now: datetime | None = None) -> list[PushSpec]:
    """Every push in an export document, or :class:`ImportFileError` listing all problems."""
    return parse_import(data, now).specs


def parse_import(data: bytes | str, now: datetime | None = None) -> ImportFile:
    """The whole checked import (pushes, tables, finished one-offs), or ImportFileError."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_big()
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise ImportFileError(
            [
                FieldError(
                    "",
                    translate("transfer", "The file is not valid JSON ({problem})").format(
                        problem=exc
                    ),
                )
            ]
        ) from None
    if _depth(document, MAX_DEPTH) > MAX_DEPTH:
        raise ImportFileError(
            [FieldError("", translate("transfer", "The file is nested too deeply to be an export"))]
        )
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ImportFileError(
            [
                FieldError(
                    "", translate("transfer", "The file contains text that is not valid Unicode")
                )
            ]
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFileError(
            [
                FieldError(
                    "format",
                    translate(
                        "transfer", 'This is not a pushgui export (expected "format": "{format}")'
                    ).format(format=FORMAT),
                )
            ]
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError(
            [FieldError("version", translate("transfer", "The version must be a whole number"))]
        )
    if version > VERSION:
        raise ImportFileError(
            [
                FieldError(
                    "version",
                    translate(
                        "transfer",
                        "The file is format version {version}, from a newer pushgui; "
                        "this one reads version {supported}",
                    ).format(version=version, supported=VERSION),
                )
            ]
        )
    raw_pushes = document.get("pushes")
    if not isinstance(raw_pushes, list):
        raise ImportFileError([FieldError("pushes", translate("specs", "must be a list"))])
    if len(raw_pushes) > MAX_PUSHES:
        raise ImportFileError(
            [
                FieldError(
                    "pushes",
                    translate("transfer", "holds more than {n} reminders").format(n=MAX_PUSHES),
                )
            ]
        )

    bundle: Bundle | None = None
    errors: list[FieldError] = []
    if version >= 2:
        bundle, errors = parse_bundle(document)
    specs: list[PushSpec] = []
    labels: list[str] = []
    finished: list[str] = []
    for index, raw in enumerate(raw_pushes):
        label = _entry_label(index, raw)
        try:
            spec = spec_from_dict(raw)
        except SpecError as exc:
            errors.extend(exc.prefixed(label).errors)
            continue
        spec, passed = _finish_if_passed(spec, now)
        if passed:
            finished.append(label)
        problems = validate_spec(spec, validation_now(spec, now))
        errors.extend(SpecError(problems).prefixed(label).errors if problems else [])
        specs.append(spec)
        labels.append(label)
    if errors:
        raise ImportFileError(errors)
    left_out = []
    damaged = document.get("damaged")
    if isinstance(damaged, list) and damaged:
        left_out.append(
            translate("transfer", "{n} damaged reminder(s), kept in the file only").format(
                n=len(damaged)
            )
        )
    return ImportFile(specs, labels, bundle, finished, left_out)


def read_import(path: Path, now: datetime | None = None) -> list[PushSpec]:
    """Read and validate an export file from disk (a regular file, at most the limit)."""
    return read_import_file(path, now).specs


def read_import_file(path: Path, now: datetime | None = None) -> ImportFile:
    """:func:`read_import` with the tables and finished one-offs (see :class:`ImportFile`)."""
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except FileTooLargeError:
        raise _too_big() from None
    except NotAFileError:
        raise ImportFileError(
            [
                FieldError(
                    "",
                    translate(
                        "transfer",
                        "Cannot read {path}: it is not a regular file (a device or a pipe)",
                    ).format(path=path),
                )
            ]
        ) from None
    except OSError as exc:
        raise ImportFileError(
            [
                FieldError(
                    "",
                    translate("transfer", "Cannot read {path}: {problem}").format(
                        path=path, problem=exc.strerror
                    ),
                )
            ]
        ) from None
    return parse_import(data, now)
