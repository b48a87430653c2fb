"""The command line: ``peoplelinks [--db PATH] COMMAND ...``.

Every command calls the same :class:`~peoplelinks.service.PeopleLinks` verbs as
the TUI. Errors are one line on stderr starting ``error:``; the exit code is 2
for bad input and 1 for anything else that failed. With no command, the TUI
opens.

Commands live in modules by concern (contacts, logbook, safety), each adding
its own to the parser; :mod:`.common` holds what they share.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from peoplelinks import __version__
from peoplelinks.cli import contacts, logbook, plans, safety, strategy, transfer
from peoplelinks.cli.common import Handler
from peoplelinks.domain.text import printable
from peoplelinks.errors import InputError, PeopleLinksError
from peoplelinks.paths import resolve_db_path


class _Formatter(argparse.HelpFormatter):
    """Keeps every command name on the line of its help ("edit-followup  change ...").

    argparse measures the command names without the extra indent it prints them
    with, so long names would push their help onto the next line."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction) and action.choices:
            longest = max(len(name) for name in action.choices)
            self._action_max_length = max(
                self._action_max_length,
                longest + self._current_indent + 2 * self._indent_increment)


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one ``error:`` line and exits 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        from peoplelinks.domain.text import clean_text  # noqa: PLC0415

        # argparse quotes what was typed: keep it to one line with no escape codes.
        sys.stderr.write(f"error: {clean_text(message)} (see '{self.prog} --help')\n")
        raise SystemExit(2)


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def cmd_tui(args: argparse.Namespace) -> int:
    if not _has_terminal():
        # A TUI without a terminal would spin, write escape codes and hold the lock.
        raise InputError("the terminal app needs a terminal (stdin and stdout are not one); "
                         "use a command such as 'peoplelinks due' or 'peoplelinks list' "
                         "(see 'peoplelinks --help')")
    path = resolve_db_path(args.db)
    from peoplelinks.tui.app import run  # noqa: PLC0415 - Textual only for the TUI

    return run(path)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = _Parser(prog="peoplelinks",
                     description="A keyboard-driven personal CRM for job-search networking. "
                                 "With no command, opens the terminal app.")
    parser.add_argument("--version", action="version", version=f"peoplelinks {__version__}")
    parser.add_argument("--db", metavar="PATH",
                        help="database file (default: $PEOPLELINKS_DB or the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, handler: Handler, text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text)
        p.set_defaults(func=handler)
        return p

    for module in (contacts, logbook, plans, strategy, transfer, safety):
        module.add_commands(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets a '?' rather than a traceback.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "func", cmd_tui)
    if handler is not cmd_tui:
        # A command runs for a second: the cyclic collector would scan every record
        # and index read again and again while they are made (a tenth of `today`),
        # for garbage a command hardly makes. The app keeps it.
        gc.disable()
    try:
        return handler(args)
    except PeopleLinksError as exc:
        sys.stderr.write(f"error: {printable(str(exc))}\n")
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (``peoplelinks list | head``): not an error worth a word.
        import os  # noqa: PLC0415

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return 130
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        sys.stderr.write(printable(f"error: {exc.strerror or exc}{where}") + "\n")
        return 1
