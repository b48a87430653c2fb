"""What the commands share: the session on the database, output, and reading options."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from peoplelinks.domain.text import printable
from peoplelinks.errors import InputError
from peoplelinks.paths import resolve_db_path

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


class _Session:
    """The database for one command: opened on entry, closed on exit, and what the
    user must hear about (unreadable records, a journal set aside, a fold that
    failed) said on stderr as ``warning:`` lines, which never change the exit code."""

    def __init__(self, args: argparse.Namespace, write: bool, salvage: bool = False,
                 cached: bool = True) -> None:
        self.args = args
        self.write = write
        self.salvage = salvage
        self.cached = cached
        self.app: Any = None
        self._said = 0

    def __enter__(self) -> Any:
        from peoplelinks.service import PeopleLinks  # noqa: PLC0415 - keep --help fast

        # A command that only reads may read the cache beside the file (made from it).
        self.app = PeopleLinks.open(resolve_db_path(self.args.db), read_only=not self.write,
                                    salvage=self.salvage, cached=self.cached and not self.write)
        self._warn()
        return self.app

    def __exit__(self, *exc: object) -> None:
        # Records are validated when a command reads them: say which it could not.
        problems = self.app.db.problems
        if problems and not getattr(self.args, "explains_problems", False):
            where = ", ".join(f"{p.table} #{p.doc_id}" for p in problems[:5])
            more = f" and {len(problems) - 5} more" if len(problems) > 5 else ""
            _warning(f"{len(problems)} record(s) could not be read ({where}{more}) and are "
                     "left untouched; run 'peoplelinks doctor'")
        self.app.close()
        self._warn()

    def _warn(self) -> None:
        warnings = self.app.db.warnings
        for message in warnings[self._said:]:
            _warning(message)
        self._said = len(warnings)


def _warning(message: str) -> None:
    sys.stderr.write(f"warning: {printable(message)}\n")


def _open(args: argparse.Namespace, *, write: bool, salvage: bool = False,
          cached: bool = True) -> _Session:
    """The session of a command; ``cached=False``: read the file itself even when only
    reading (doctor checks what is on disk)."""
    return _Session(args, write, salvage, cached)


def _when(text: str | None, field: str, direction: Any = None) -> date | None:
    """``text`` as a date, or None; ``direction`` (a :class:`~peoplelinks.domain.dates.
    Direction`) defaults to the field's: ``date`` (when it happened) looks back, ``due``
    ahead."""
    if text is None:
        return None
    from peoplelinks.domain.dates import Direction, parse_date  # noqa: PLC0415

    return parse_date(text, field=field, direction=direction or Direction.of(field))


def _past() -> Any:
    from peoplelinks.domain.dates import Direction  # noqa: PLC0415

    return Direction.PAST


def _out(text: str = "") -> None:
    # Records are cleaned when stored; paths and file names are not: never print a code.
    sys.stdout.write(printable(text) + "\n")


def _json(data: Any) -> None:
    import orjson  # noqa: PLC0415

    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")


def _day(value: date | None) -> str:
    return f"{value.isoformat()} ({value:%a})" if value else "-"


def _cut(text: str, width: int) -> str:
    """``text`` in exactly ``width`` terminal cells: cut with "…", or padded with spaces.

    Cells, not characters: CJK takes two, combining marks and joined emoji parts none."""
    if text.isascii() and text.isprintable() and len(text) <= width:
        return text.ljust(width)  # one cell a character: most names, 25,000 lines of due
    from rich.cells import cell_len, set_cell_size  # noqa: PLC0415 - ~1 ms over rich itself

    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def _contact_fields(args: argparse.Namespace, app: Any) -> dict[str, Any]:
    """The contact fields given on the command line (only those given)."""
    data: dict[str, Any] = {}
    for key in ("name", "company", "title", "level", "circle", "status", "employment",
                "how_met", "notes", "profile_url", "warning"):
        value = getattr(args, key, None)
        if value is not None:
            data[key] = value
    for key, attr in (("emails", "email"), ("phones", "phone"), ("tags", "tag")):
        value = getattr(args, attr, None)
        if value is not None:
            data[key] = value
    for key in ("objective_shared", "recommendation_asked", "recommendation_given"):
        text = getattr(args, key, None)
        if text is not None:
            data[f"{key}_on"] = (None if text.strip().lower() in ("", "none", "-")
                                 else _when(text, f"{key}_on", _past()))
    if args.keep_in_touch is not None:
        data["keep_in_touch_days"] = (None if args.keep_in_touch.strip().lower() == "default"
                                      else _int(args.keep_in_touch, "keep_in_touch_days"))
    if args.introduced_by is not None:
        who = args.introduced_by.strip()
        data["introduced_by"] = (None if who.lower() in ("", "none", "-")
                                 else app.resolve(who, field="introduced_by").id)
    return data


def _int(text: str, field: str, unit: str = " of days") -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError(f"{field}: {text!r} is not a whole number{unit}", field=field) from None


def _fid(followup_id: int) -> str:
    """A follow-up id as printed: ``F6`` (contacts are ``#6``)."""
    return f"F{followup_id}"


def _lid(interaction_id: int) -> str:
    """A logged interaction's id as printed: ``L12``."""
    return f"L{interaction_id}"


def _pid(plan_id: int) -> str:
    """A meeting plan's id as printed: ``P4``."""
    return f"P{plan_id}"


def _typed_id(text: str, letter: str, what: str, see: str) -> int:
    """An id typed as printed (``L12``, ``l12``) or bare (``12``). ``#12`` is how
    contacts are written, so it is refused with a hint rather than taken."""
    typed = text.strip()
    digits = typed[1:] if typed[:1] in (letter, letter.lower()) else typed
    if not digits.isascii() or not digits.isdigit():
        number = typed[1:] if typed[1:].isdigit() else "6"
        hint = (f" (#{number} is a contact; {what}s are {letter}{number})"
                if typed.startswith("#") else "")
        raise InputError(f"{what}: {text!r} is not a {what} id{hint}; see '{see}'", field=what)
    return int(digits)


def _log_id(text: str) -> int:
    """A logged interaction's id (``L12``)."""
    return _typed_id(text, "L", "log", "peoplelinks show WHO")


def _followup_id(text: str) -> int:
    """A follow-up's id (``F6``)."""
    return _typed_id(text, "F", "follow-up", "peoplelinks due")


def _plan_id(text: str) -> int:
    """A meeting plan's id (``P4``)."""
    return _typed_id(text, "P", "plan", "peoplelinks plans")


def _contact_json(app: Any, contact: Any) -> dict[str, Any]:
    from peoplelinks.interop.jsonio import contact_json  # noqa: PLC0415

    return contact_json(
        contact, generation=app.generation(contact.id),
        last_contact=app.last_contact(contact.id), next_contact=app.next_contact(contact),
        introduced=[c.id for c in app.introduced(contact.id)],
    )
