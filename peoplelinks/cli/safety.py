"""Commands that keep the data safe: the demo, doctor and its quarantine, undo and redo,
backups and restore, where the files are."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from peoplelinks.cli.common import (
    Command,
    _json,
    _open,
    _out,
)
from peoplelinks.errors import CannotOpen, InputError


def cmd_demo(args: argparse.Namespace) -> int:
    from peoplelinks.demo import load_demo  # noqa: PLC0415

    with _open(args, write=True) as app:
        count = load_demo(app, force=args.force)
        _out(f"loaded the demo network: {count} contacts into {app.db.path}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    if args.salvage:
        # Applies the journal up to its damage, sets the rest aside (said on stderr).
        with _open(args, write=True, salvage=True):
            pass
    with _open(args, write=False, cached=False) as app:
        problems = app.doctor()
        db = app.db
        unreadable = len(db.all_problems())
        _out(f"checked {db.path}: {len(db.contacts)} contacts, {len(db.interactions)} "
             f"interactions, {len(db.followups)} follow-ups")
        for p in problems:
            _out(f"problem: {p.where}: {p.message}")
        if unreadable:
            _out(f"{unreadable} record(s) could not be read: they are left untouched in the "
                 "file and not shown anywhere (their contact, follow-ups or log are missing "
                 "from lists) until fixed by hand or moved aside")
        _out(f"{len(problems)} problem(s) found" if problems else "no problems found")
    offer_quarantine(args, unreadable)
    return 1 if problems else 0


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)  # pragma: no cover


def _change_json(info: Any) -> dict[str, Any]:
    return {"id": info.id, "at": info.at.isoformat().replace("+00:00", "Z"),
            "summary": info.summary, "records": info.size}


# ---- undo and redo -----------------------------------------------------------------


def cmd_undo(args: argparse.Namespace) -> int:
    if args.list:
        with _open(args, write=False) as app:
            undo, redo = app.changes()
            if args.json:
                _json({"undo": [_change_json(c) for c in undo],
                       "redo": [_change_json(c) for c in redo]})
                return 0
            if not undo and not redo:
                _out("nothing to undo or redo")
            for title, items in (("can be undone (newest first)", undo),
                                 ("can be redone", redo)):
                if items:
                    _out(title)
                for c in items:
                    # "change 12", never "#12": that is how contacts are written
                    _out(f"  {f'change {c.id}':<12} {c.at.astimezone():%Y-%m-%d %H:%M}  "
                         f"{c.summary}")
        return 0
    with _open(args, write=True) as app:
        info = app.undo()
        _out(f"undid: {info.summary} (change {info.id} of "
             f"{info.at.astimezone():%Y-%m-%d %H:%M}); 'peoplelinks redo' does it again")
    return 0


def cmd_redo(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        info = app.redo()
        _out(f"redid: {info.summary} (change {info.id})")
    return 0


# ---- backups -----------------------------------------------------------------------


def cmd_backup(args: argparse.Namespace) -> int:
    from peoplelinks.store import backup  # noqa: PLC0415

    # A reader: a backup can be made while the terminal app has the database open.
    with _open(args, write=False) as app:
        data = app.db.snapshot()
        if args.path is None:
            target = backup.event_path(app.db.path, backup.MANUAL)
        else:
            target = Path(args.path).expanduser()
            if target.is_dir():
                target = target / backup.event_path(app.db.path, backup.MANUAL).name
            elif target.exists() or target.is_symlink():
                raise InputError(f"backup: {str(target)!r} exists; give a new file name",
                                 field="path")
        backup.write_backup(target, data)
        _out(f"backed up {app.count()} contacts to {target}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from peoplelinks.paths import resolve_db_path  # noqa: PLC0415
    from peoplelinks.store import backup  # noqa: PLC0415
    from peoplelinks.store.files import real_file  # noqa: PLC0415

    path = real_file(resolve_db_path(args.db))
    found = [backup.describe(p) for p in reversed(backup.list_backups(path))]
    if args.json:
        _json([{"path": str(b.path), "modified": b.modified.isoformat(timespec="seconds"),
                "bytes": b.size, "contacts": b.contacts} for b in found])
        return 0
    if not found:
        _out(f"no backups yet in {backup.backup_folder(path)}")
        return 0
    _out(f"backups of {path} (newest first; restore one with "
         "'peoplelinks restore NAME')")
    for b in found:
        count = "unreadable" if b.contacts is None else f"{b.contacts:,} contacts"
        _out(f"  {b.modified:%Y-%m-%d %H:%M}  {_size(b.size):>10}  {count:>16}  {b.path.name}")
    return 0


def _backup_named(db_path: Path, name: str | None) -> Path:
    from peoplelinks.store import backup  # noqa: PLC0415

    if name is None:
        newest = backup.newest_backup(db_path)
        if newest is None:
            raise InputError(f"restore: there is no backup in {backup.backup_folder(db_path)}")
        return newest
    given = Path(name).expanduser()
    for candidate in (given, backup.backup_folder(db_path) / name):
        if candidate.is_file():
            return candidate
    raise InputError(f"restore: no backup {name!r} (see 'peoplelinks backups')", field="backup")


def cmd_restore(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        source = _backup_named(app.db.path, args.backup)
        if source.resolve() == app.db.path.resolve():
            raise InputError("restore: that is the database itself", field="backup")
        changed, saved = app.restore(source)
        _out(f"restored {source} ({changed} record(s) changed, {app.count()} contacts now)")
        if saved is not None:
            _out(f"  what it replaced is backed up in {saved}")
        if changed:
            _out("  'peoplelinks undo' takes the restore back")
    return 0


# ---- where ---------------------------------------------------------------------------


def _file_row(label: str, path: Path) -> dict[str, Any]:
    try:
        size: int | None = path.stat().st_size
    except OSError:
        size = None
    return {"what": label, "path": str(path), "bytes": size}


def where_rows(given: Path) -> list[dict[str, Any]]:
    """Every file peoplelinks uses for the database at ``given``, with its size."""
    from peoplelinks.store import backup  # noqa: PLC0415
    from peoplelinks.store.cache import cache_path  # noqa: PLC0415
    from peoplelinks.store.files import real_file  # noqa: PLC0415

    try:
        path = real_file(given)
    except CannotOpen:
        if not given.is_symlink():
            raise
        # A link to nothing: where would the files be? Beside where the link points.
        path = Path(os.path.realpath(given))
    rows: list[dict[str, Any]] = []
    if given.expanduser().absolute() != path:
        rows.append({"what": "link", "path": str(given), "bytes": None, "to": str(path)})
    rows.append(_file_row("database", path))
    rows.append(_file_row("journal", path.with_name(path.name + ".journal")))
    rows.append(_file_row("lock", path.with_name(path.name + ".lock")))
    rows.append(_file_row("cache", cache_path(path)))
    for aside in sorted(path.parent.glob(f"{path.name}.journal.set-aside-*")):
        rows.append(_file_row("set-aside journal", aside))
    folder = backup.backup_folder(path)
    found = backup.list_backups(path)
    rows.append({"what": "backups", "path": str(folder), "count": len(found),
                 "bytes": sum(p.stat().st_size for p in found) if found else None})
    rows.append({"what": "settings", "path": str(path), "bytes": None,
                 "note": "settings, the objective and the undo history live in the database"})
    return rows


def cmd_where(args: argparse.Namespace) -> int:
    from peoplelinks.paths import resolve_db_path  # noqa: PLC0415

    rows = where_rows(resolve_db_path(args.db))
    if args.json:
        _json(rows)
        return 0
    for row in rows:
        if row["what"] == "link":
            _out(f"{'link':18} {row['path']} -> {row['to']}")
            continue
        if row.get("note"):
            _out(f"{row['what']:18} in the database file ({row['note']})")
            continue
        size = "not created yet" if row["bytes"] is None else _size(row["bytes"])
        if row["what"] == "backups":
            size = f"{row['count']} file(s), {size}" if row["count"] else "none yet"
        elif row["what"] == "journal" and row["bytes"] is None:
            size = "none: every change is in the database file"
        elif row["what"] == "lock" and row["bytes"] is None:
            size = "none: never opened for writing"
        elif row["what"] == "cache":
            size = ("none: made for files of 1 MB or more" if row["bytes"] is None else
                    f"{size}, derived from the database; safe to delete")
        _out(f"{row['what']:18} {row['path']}  ({size})")
    _out("nothing is ever sent over the network; files are created readable by you only")
    return 0


# ---- doctor's quarantine -----------------------------------------------------------


def offer_quarantine(args: argparse.Namespace, unreadable: int) -> None:
    """After doctor found ``unreadable`` records: move them aside when asked to
    (``--quarantine``, or yes at the prompt in a terminal)."""
    if not unreadable:
        return
    if not args.quarantine:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            _out(f"{unreadable} unreadable record(s) can be moved to the quarantine table "
                 "with 'peoplelinks doctor --quarantine' (undoable)")
            return
        sys.stdout.write(f"Move {unreadable} unreadable record(s) to the quarantine table? "
                         "'peoplelinks undo' brings them back. [y/N] ")
        sys.stdout.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            return
    # Reading needs no lock (doctor works beside the open app); moving records does.
    with _open(args, write=True) as app:
        moved = app.quarantine()
    _out(f"moved {moved} record(s) to the quarantine table ('peoplelinks undo' brings "
         "them back)")


def add_commands(command: Command) -> None:
    """Add this module's commands with the CLI's ``command(name, handler, help)``."""
    p = command("demo", cmd_demo, "load a realistic demo network")
    p.add_argument("--force", action="store_true",
                   help="move existing contacts to the trash first")
    p = command("doctor", cmd_doctor, "validate every record and report problems")
    p.add_argument("--quarantine", action="store_true",
                   help="move records that cannot be read to the quarantine table (undoable)")
    p.add_argument("--salvage", action="store_true",
                   help="a damaged journal: keep every change before the damage, set the rest "
                        "aside in a file")
    p.set_defaults(explains_problems=True)
    p = command("undo", cmd_undo, "undo the last change (any change: add, edit, log, done…)")
    p.add_argument("--list", action="store_true", help="list what can be undone and redone")
    p.add_argument("--json", action="store_true", help="with --list: as JSON")
    command("redo", cmd_redo, "redo the last undone change")
    p = command("backup", cmd_backup, "back up the database now (works while the app is open)")
    p.add_argument("path", metavar="PATH", nargs="?",
                   help="a new file or a folder (default: the backups folder)")
    p = command("backups", cmd_backups, "list the backups with their date, size and contacts")
    p.add_argument("--json", action="store_true")
    p = command("restore", cmd_restore,
                "replace the data with a backup (backs up what it replaces; undoable)")
    p.add_argument("backup", metavar="BACKUP", nargs="?",
                   help="a backup's name (see 'peoplelinks backups') or path; default: newest")
    p = command("where", cmd_where, "every file peoplelinks uses, with its size")
    p.add_argument("--json", action="store_true")
