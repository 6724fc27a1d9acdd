"""Checks on short texts typed or imported by the user: one-line fields and email addresses,
and text made safe to print to a terminal.

A one-line field (a title, a name, a contact's field...) ends up in places that cannot hold
a line break: an email's Subject and To headers, a bot's title, a table cell. Python's email
package splits headers on every line boundary :meth:`str.splitlines` knows (CR, LF, VT, FF,
FS/GS/RS, U+0085 NEL, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR), so all of them,
and every other control character (C0, DEL, C1, ESC among them), are refused where these
fields are validated; whatever validation accepts can be sent.
"""

from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email

from pushgui.core.system.i18n import translate

#: Unicode categories refused in a one-line field: controls, line and paragraph separators.
_BREAKING = frozenset({"Cc", "Zl", "Zp"})
#: Characters an address cannot hold and a reader cannot see: format (zero-width, bidi
#: overrides), controls, separators and spaces, private or unassigned code points.
_HIDDEN = frozenset({"Cf", "Cc", "Zl", "Zp", "Zs", "Co", "Cn"})


def breaks_line(text: str) -> bool:
    """True if ``text`` holds a line break or any control character."""
    return any(unicodedata.category(c) in _BREAKING for c in text)


def one_line_problem(text: str) -> str:
    """The message for a one-line field holding a line break or control character, or ``""``."""
    if breaks_line(text):
        return translate("validation", "Remove the line breaks and control characters")
    return ""


def printable(text: str) -> str:
    """``text`` with line breaks and control characters shown as escapes (``\\x1b``, ``\\u2028``),
    so that printing it cannot move the cursor, recolour or clear a terminal."""
    if not breaks_line(text):
        return text
    out = []
    for c in text:
        if unicodedata.category(c) in _BREAKING:
            code = ord(c)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(c)
    return "".join(out)


def email_problem(value: str) -> str:
    """Why ``value`` is not an email address (syntax only, no network), or ``""``.

    Leading and trailing spaces are ignored (they are stripped when saved); anything else
    invisible, a bidirectional override, a doubled dot or a hyphen after the @ is refused.
    """
    address = value.strip()
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        hidden = [c for c in address if unicodedata.category(c) in _HIDDEN]
        if hidden:  # what the user cannot see is named, in their language
            names = ", ".join(dict.fromkeys(unicodedata.name(c, f"U+{ord(c):04X}") for c in hidden))
            reason = translate(
                "contacts",
                "it holds characters that cannot be seen or that turn text around: {names}",
            ).format(names=names)
        else:
            reason = str(exc)
        return translate(
            "contacts", '"{email}" is not an email address like name@example.com ({reason})'
        ).format(email=printable(address), reason=reason)
    return ""


def is_email(value: str) -> bool:
    """True if ``value`` (spaces around it aside) is a well-formed email address."""
    return not email_problem(value)
