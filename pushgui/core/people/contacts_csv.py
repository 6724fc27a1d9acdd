"""Contacts from and to CSV: read, map columns, preview with per-row errors, then commit.

Nothing is written until the caller commits the plan the user has seen. Reading accepts
UTF-8 with or without a BOM (Excel's "CSV UTF-8"), and GB18030 (what Excel on a Chinese
Windows writes for plain "CSV"), with comma, semicolon or tab separators.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pushgui.core.errors import FieldError
from pushgui.core.people import service_ids
from pushgui.core.people.contacts import RESERVED_FIELDS, ContactRecord, contact_from_values
from pushgui.core.people.contacts import validate_contact as _validate
from pushgui.core.system.i18n import translate

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 200

# Header words recognised for the built-in fields, in English and Chinese.
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "display name", "姓名", "名字", "名称"),
    "email": ("email", "e-mail", "email address", "mail", "邮箱", "电子邮件", "邮件"),
    "phone": ("phone", "mobile", "telephone", "tel", "电话", "手机", "手机号"),
    "handle": ("handle", "chat", "username", "user", "账号", "用户名"),
}
SKIP = ""


class CsvError(ValueError):
    """The file cannot be read as CSV at all; the message says why."""


@dataclass(frozen=True)
class CsvTable:
    headers: list[str]
    rows: list[list[str]]
    encoding: str
    delimiter: str


@dataclass(frozen=True)
class PlannedRow:
    line: int
    contact: ContactRecord
    errors: list[FieldError] = field(default_factory=list)
    duplicate_of: str = ""

    @property
    def importable(self) -> bool:
        return not self.errors and not self.duplicate_of


@dataclass(frozen=True)
class ImportPlan:
    rows: list[PlannedRow]

    @property
    def importable(self) -> list[ContactRecord]:
        return [r.contact for r in self.rows if r.importable]

    @property
    def problems(self) -> list[PlannedRow]:
        return [r for r in self.rows if not r.importable]


def _decode(data: bytes) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise CsvError(
        translate("contacts", "The file is neither UTF-8 nor GB18030 text; save it as “CSV UTF-8”")
    )


def read_csv(data: bytes) -> CsvTable:
    """Parse CSV bytes into headers and rows; raises :class:`CsvError` with a plain reason."""
    if len(data) > MAX_BYTES:
        raise CsvError(
            translate("contacts", "The file is larger than {n} MB").format(
                n=MAX_BYTES // (1024 * 1024)
            )
        )
    if b"\x00" in data:
        raise CsvError(translate("contacts", "This is not a text file; choose a .csv file"))
    text, encoding = _decode(data)
    if not text.strip():
        raise CsvError(translate("contacts", "The file is empty"))
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        # newline="": rows may end in CRLF, LF or a lone CR (old Mac files), as csv expects.
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as exc:
        raise CsvError(
            translate("contacts", "The file is not valid CSV ({problem})").format(problem=exc)
        ) from None
    records = [r for r in records if any(cell.strip() for cell in r)]
    if not records:
        raise CsvError(translate("contacts", "The file is empty"))
    if len(records) > MAX_ROWS + 1:
        raise CsvError(translate("contacts", "The file has more than {n} rows").format(n=MAX_ROWS))
    headers = [h.strip() for h in records[0]]
    if len(headers) > MAX_COLUMNS:
        raise CsvError(
            translate("contacts", "The file has more than {n} columns").format(n=MAX_COLUMNS)
        )
    width = len(headers)
    rows = [(r + [""] * width)[:width] for r in records[1:]]
    return CsvTable(headers=headers, rows=rows, encoding=encoding, delimiter=delimiter)


def guess_mapping(headers: Sequence[str]) -> list[str]:
    """For each column, the field it most likely holds: a built-in name or the header itself.

    A column whose header is empty maps to :data:`SKIP`. Two columns that both look like
    one field (``Email`` and ``email``) both map to it: :func:`mapping_conflicts` reports
    them and the user chooses; a guess never silently drops one.
    """
    mapping: list[str] = []
    for header in headers:
        key = header.strip().casefold()
        if key in service_ids.KEYS:  # written by export_csv
            mapping.append(key)
            continue
        guess = next((f for f, words in _ALIASES.items() if key in words), header.strip())
        mapping.append(guess if guess else SKIP)
    return mapping


def mapping_conflicts(headers: Sequence[str], mapping: Sequence[str]) -> dict[str, list[str]]:
    """Fields that more than one column is mapped to, with those columns' headers.

    Two columns for one field (``Email`` and ``email``) cannot both be kept: the user
    chooses which one, nothing picks for them.
    """
    columns: dict[str, list[str]] = {}
    for header, target in zip(headers, mapping, strict=False):
        if target != SKIP:
            columns.setdefault(target, []).append(header)
    return {target: found for target, found in columns.items() if len(found) > 1}


def plan_import(
    table: CsvTable, mapping: Sequence[str], existing: Iterable[ContactRecord]
) -> ImportPlan:
    """What would be imported: each row with its errors, and duplicates by email address.

    Raises :class:`CsvError` if two columns are mapped to the same field.
    """
    conflicts = mapping_conflicts(table.headers, mapping)
    if conflicts:
        target, headers = next(iter(conflicts.items()))
        raise CsvError(
            translate(
                "contacts", "The columns {columns} are all imported as “{field}”: choose one"
            ).format(columns=", ".join(f"“{h}”" for h in headers), field=target)
        )
    seen: dict[str, str] = {
        c.email.casefold(): translate("contacts", "existing contact {name}").format(name=c.name)
        for c in existing
        if c.email
    }
    planned: list[PlannedRow] = []
    for offset, row in enumerate(table.rows):
        line = offset + 2
        values = {
            target: _unescape(cell.strip())
            for target, cell in zip(mapping, row, strict=False)
            if target != SKIP
        }
        contact = contact_from_values(values)
        errors = _validate(contact)
        duplicate = ""
        key = contact.email.casefold()
        if key and not errors:
            duplicate = seen.get(key, "")
            seen.setdefault(key, translate("contacts", "line {line}").format(line=line))
        planned.append(
            PlannedRow(line=line, contact=contact, errors=errors, duplicate_of=duplicate)
        )
    return ImportPlan(rows=planned)


def safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ is shown as text."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def _unescape(value: str) -> str:
    """Undo :func:`safe_cell`, so exported contacts import unchanged."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def export_csv(contacts: Sequence[ContactRecord]) -> str:
    """Contacts as CSV text (write it with ``utf-8-sig`` so Excel reads it as UTF-8)."""
    extra = sorted({k for c in contacts for k in c.fields}, key=str.casefold)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    # A service ID column only when some contact has that ID: older pushgui reads the file
    # as before (an unknown column is a custom field), and this one maps it back by name.
    ids = [k for k in service_ids.KEYS if any(k in c.service_ids for c in contacts)]
    writer.writerow([*RESERVED_FIELDS, *ids, *extra])
    for c in contacts:
        cells = [
            c.name,
            c.email,
            c.handle,
            c.phone,
            *(c.service_ids.get(k, "") for k in ids),
            *(c.fields.get(k, "") for k in extra),
        ]
        writer.writerow([safe_cell(cell) for cell in cells])
    return out.getvalue()
