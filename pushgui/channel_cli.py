"""``pushgui channel add|edit|test|list|remove``: the team's channels, set up on the server.

Run on the server machine against its team database (``--database`` or PUSHGUI_DATABASE).
Settings go to the shared database, where desktop editors choose among the channels;
secrets (tokens, passwords, webhook addresses that carry tokens) go to the server's own
store only (``core/server/credentials.py``: the OS keyring, or the credentials file named
by ``--credentials`` / PUSHGUI_CREDENTIALS). A secret is never an argument (``ps`` would
show it to every user of the machine): it is typed at a hidden prompt, or read as
``field=value`` lines from standard input or from the file ``--secrets-from`` names. No
secret is ever printed, nor any error text a service echoed it in. docs/TEAM.md, "Team
channels".

Imported by the command line when it builds its parser: only the standard library at the top.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pushgui import server_cli
from pushgui.core.system.paths import Locations

if TYPE_CHECKING:
    from pushgui.core.channels.book import ChannelBook, ChannelRecord
    from pushgui.core.channels.kind import ChannelConfig

EXIT_FAILED = 1  # the test message was not delivered
EXIT_USAGE = 2  # bad input: nothing was saved


class Refused(Exception):
    """Bad input: the message says what to do; nothing was changed."""


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    channel = commands.add_parser(
        "channel",
        help="set up the team's channels on the server: settings in the team database, "
        "secrets in this server's keyring or credentials file",
    )
    actions = channel.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a channel: KIND NAME [--set FIELD=VALUE ...]")
    add.add_argument("kind", help="the channel kind (pushgui channel kinds lists them)")
    add.add_argument("name")
    edit = actions.add_parser("edit", help="change a channel's name, settings or secrets")
    edit.add_argument("channel", help="the channel's name or id")
    edit.add_argument("--name", dest="new_name", metavar="NAME", help="rename it")
    for parser in (add, edit):
        parser.add_argument(
            "--set",
            dest="settings",
            metavar="FIELD=VALUE",
            action="append",
            default=[],
            help="a setting that is not secret (repeat for more)",
        )
        parser.add_argument(
            "--secrets-from",
            metavar="FILE",
            help="read the secrets as FIELD=VALUE lines from FILE ('-': standard input); "
            "without it they are asked for at a hidden prompt, or read from standard "
            "input when it is not a terminal",
        )
    test = actions.add_parser("test", help="send a real test message through a channel")
    test.add_argument("channel", help="the channel's name or id")
    test.add_argument("--to", default="", metavar="ADDRESS", help="recipient (email channels)")
    listing = actions.add_parser("list", help="the team's channels, without their secrets")
    remove = actions.add_parser("remove", help="delete a channel and its secrets")
    remove.add_argument("channel", help="the channel's name or id")
    actions.add_parser("kinds", help="the channel kinds, with their settings and secrets")
    for parser in (add, edit, test, remove, listing):
        parser.add_argument("--database", metavar="URL", help="the team database (see serve)")
        server_cli.add_credentials_option(parser)


def run(args: argparse.Namespace, locations: Locations) -> int:
    """Run one channel action; StoreError is left to the caller's guard."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    if args.action == "kinds":
        return _kinds(sys.stdout)
    address = server_cli._address(args)
    if address is None:
        return EXIT_USAGE
    from pushgui.core.channels.book import ChannelBook
    from pushgui.core.server.credentials import credentials_path, server_secrets
    from pushgui.core.store.server import open_server_database
    from pushgui.core.system.secrets import SecretStoreError

    try:
        secrets = server_secrets(credentials_path(args.credentials))
    except SecretStoreError as exc:
        print(f"pushgui channel: {exc}", file=sys.stderr)
        return EXIT_USAGE
    db = open_server_database(address, locations.data)
    try:
        book = ChannelBook(db, secrets)
        action = {"add": _add, "edit": _edit, "test": _test, "list": _list, "remove": _remove}
        return action[args.action](book, args)
    except Refused as exc:
        print(f"pushgui channel {args.action}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SecretStoreError as exc:
        print(f"pushgui channel {args.action}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        db.close()


# -- the actions ---------------------------------------------------------------------------


def _add(book: ChannelBook, args: argparse.Namespace) -> int:
    from pushgui.core.channels.config import config_from_settings, kind_of
    from pushgui.core.errors import SpecError

    try:
        description = kind_of(args.kind)
    except SpecError:
        raise Refused(f"unknown kind {args.kind!r}; pushgui channel kinds lists them") from None
    cls = description.config
    if any(c.name == args.name.strip() for c in book.channels()):
        raise Refused(f"a channel named {args.name!r} exists already; edit it instead")
    values = {**_settings(cls, args.settings), **_secrets(cls, args.secrets_from, editing=False)}
    config = _config(lambda: config_from_settings(cls.KIND, values))
    channel_id = _save(book, args.name, config)
    print(f"Added channel {channel_id} {args.name!r} ({cls.KIND}).")
    return 0


def _edit(book: ChannelBook, args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from pushgui.core.channels.config import config_from_settings

    record = _find(book, args.channel)
    current = book.config(record.id)
    cls = type(current)
    changes = {**_settings(cls, args.settings), **_secrets(cls, args.secrets_from, editing=True)}
    name = args.new_name if args.new_name is not None else record.name
    if not changes and name == record.name:
        raise Refused("nothing to change: give --name, --set or secrets")
    values = {**asdict(current), **changes}
    config = _config(lambda: config_from_settings(cls.KIND, values))
    _save(book, name, config, record.id)
    print(f"Saved channel {record.id} {name!r}.")
    return 0


def _test(book: ChannelBook, args: argparse.Namespace) -> int:
    from pushgui.core.channels.book import send_test
    from pushgui.core.channels.config import split_settings
    from pushgui.core.system.redact import Scrubber, redact

    record = _find(book, args.channel)
    config = book.config(record.id)
    outcome = send_test(config, args.to, data_dir=book.db.path.parent)
    if outcome.ok:
        print(f"Sent a test message through {record.name!r}.")
        return 0
    # The sender scrubs its secrets already; this line is printed, so it is scrubbed again.
    scrub = Scrubber(split_settings(config)[1].values())
    print(
        f"The test message through {record.name!r} was not delivered: "
        f"{redact(scrub(outcome.error))}",
        file=sys.stderr,
    )
    return EXIT_FAILED


def _list(book: ChannelBook, _args: argparse.Namespace) -> int:
    from pushgui.core.server.team_channels import team_channels

    channels = team_channels(book.db)
    if not channels:
        print("No channels yet: add one with pushgui channel add KIND NAME.")
        return 0
    for channel in channels:
        settings = ", ".join(f"{k}={_shown(v)}" for k, v in sorted(channel.settings.items()))
        secrets = ", ".join(channel.secrets_set) or "none"
        print(f"{channel.id:>4}  {_shown(channel.name)}  ({channel.kind})")
        print(f"      settings: {settings or '-'}")
        print(f"      secrets kept on the server: {secrets}")
    return 0


def _remove(book: ChannelBook, args: argparse.Namespace) -> int:
    record = _find(book, args.channel)
    book.delete(record.id)
    print(f"Removed channel {record.id} {record.name!r} and its secrets.")
    return 0


def _kinds(out: TextIO) -> int:
    from pushgui.core.channels.config import CONFIG_TYPES

    for kind, cls in sorted(CONFIG_TYPES.items()):
        names = [f.name for f in fields(cls)]
        public = [n for n in names if n not in cls.SECRETS]
        print(f"{kind}", file=out)
        print(f"    settings (--set): {', '.join(public) or '-'}", file=out)
        print(f"    secrets (prompt or --secrets-from): {', '.join(cls.SECRETS) or '-'}", file=out)
    return 0


# -- input -----------------------------------------------------------------------------------


def _find(book: ChannelBook, which: str) -> ChannelRecord:
    found = _lookup(book, which)
    if found is None:
        raise Refused(f"no channel is named {which!r} (pushgui channel list shows them)")
    return found


def _lookup(book: ChannelBook, which: str) -> ChannelRecord | None:
    """The channel named ``which`` (or with that id); None when there is none."""
    channels = book.channels()
    by_name = [c for c in channels if c.name == which.strip()]
    if len(by_name) == 1:
        return by_name[0]
    if len(by_name) > 1:
        raise Refused(f"several channels are named {which!r}; give its id instead")
    if which.strip().isdigit():
        for channel in channels:
            if channel.id == int(which):
                return channel
    return None


def _settings(cls: type[ChannelConfig], given: list[str]) -> dict[str, Any]:
    """The ``--set FIELD=VALUE`` settings; a secret given this way is refused, not used."""
    known = {f.name: f for f in fields(cls)}
    defaults = cls()
    values: dict[str, Any] = {}
    for item in given:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise Refused(f"write each setting as FIELD=VALUE, not {item.partition('=')[0]!r}")
        if name in cls.SECRETS:
            # The value is not echoed back: it is a secret, and now in the shell's history.
            raise Refused(
                f"{name} is a secret: never give it on the command line, where ps and the "
                "shell history show it. Type it when asked, or use --secrets-from. Change "
                "that secret at its service if it was a real one."
            )
        if name not in known:
            raise Refused(
                f"{cls.KIND} channels have no setting {name!r}; they have "
                + ", ".join(n for n in known if n not in cls.SECRETS)
            )
        default = getattr(defaults, name)
        values[name] = _typed(name, value, default)
    return values


def _typed(name: str, value: str, default: Any) -> Any:
    if isinstance(default, bool):
        word = value.strip().lower()
        if word in {"yes", "true", "1", "on"}:
            return True
        if word in {"no", "false", "0", "off"}:
            return False
        raise Refused(f"{name} takes yes or no, not {value!r}")
    return value.replace("\\n", "\n")  # header lines and templates: one per \n


def _secrets(cls: type[ChannelConfig], source: str | None, editing: bool) -> dict[str, str]:
    """The secrets of ``cls``: from ``source`` (a file, '-' for stdin), a hidden prompt, or
    stdin when it is not a terminal. Editing, a secret left out keeps its stored value."""
    if not cls.SECRETS:
        return {}
    if source is None and sys.stdin is not None and sys.stdin.isatty():
        found: dict[str, str] = {}
        keep = "Enter keeps the stored one" if editing else "Enter leaves it empty"
        for name in cls.SECRETS:
            value = getpass.getpass(f"{name} (hidden; {keep}): ")
            if value:
                found[name] = value
        return found
    if source is None or source == "-":
        text = sys.stdin.read() if sys.stdin is not None else ""
        where = "standard input"
    else:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise Refused(f"cannot read the secrets from {source}: {exc}") from None
        where = source
    return _parse_secrets(cls, text, where)


def _parse_secrets(cls: type[ChannelConfig], text: str, where: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, value = line.partition("=")
        name = name.strip()
        if not sep or name not in cls.SECRETS:
            # Never quote the line: it may be a secret typed without its name.
            raise Refused(
                f"line {number} of {where} is not FIELD=VALUE with one of the secrets of "
                f"{cls.KIND} channels ({', '.join(cls.SECRETS)})"
            )
        if value.strip():
            found[name] = value.strip().replace("\\n", "\n")
    return found


def _config(build: Any) -> ChannelConfig:
    from pushgui.core.errors import SpecError

    try:
        config: ChannelConfig = build()
    except SpecError as exc:
        raise Refused(_problems(exc)) from None
    return config


def _save(
    book: ChannelBook, name: str, config: ChannelConfig, channel_id: int | None = None
) -> int:
    from pushgui.core.errors import SpecError

    try:
        return book.save(name, config, channel_id)
    except SpecError as exc:
        raise Refused("nothing was saved: " + _problems(exc)) from None


def _problems(exc: Any) -> str:
    # Field errors name the field and what is wrong, never the value typed.
    return "; ".join(str(error) for error in exc.errors)


def _shown(value: object) -> str:
    text = str(value)
    if text.isprintable():
        return text
    from pushgui.core.messages.textcheck import printable

    return printable(text)
