"""Backups next to the database, in ``backups/``.

- daily: ``<name>-YYYY-MM-DD.json``, made when the database is first opened for
  writing that day; the newest :data:`KEEP` are kept;
- before something big (a migration, a restore, loading the demo, an import)
  and on request: ``<name>-YYYY-MM-DDTHHMMSS-<reason>.json``; the newest
  :data:`KEEP_EVENTS` of each reason are kept, and those made on request
  (``manual``) are never removed.

Every backup is a plain peoplelinks database (one TinyDB JSON file), created
mode 0600, written atomically.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import orjson

from peoplelinks.store.files import FILE_MODE, NOFOLLOW, atomic_write, ensure_folder

KEEP = 7
KEEP_EVENTS = 10
MANUAL = "manual"
_EVENT = re.compile(r"-\d{4}-\d{2}-\d{2}T\d{6}-(?P<reason>[a-z0-9-]+)$")


def backup_folder(db_path: Path) -> Path:
    """Where the backups of ``db_path`` live."""
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """The backups of ``db_path``, oldest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{db_path.stem}-*.json") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def newest_backup(db_path: Path) -> Path | None:
    """The most recent backup, or None."""
    backups = list_backups(db_path)
    return backups[-1] if backups else None


def daily_backup(db_path: Path, today: date | None = None, keep: int = KEEP,
                 suffix: str = "") -> Path | None:
    """Copy the database to today's backup unless it exists; keep the newest ``keep``.

    Returns the new backup's path, or None when there was nothing to do.
    A copy (not a hard link) so that a tool editing the file in place cannot
    change a backup.
    """
    if not db_path.exists():
        return None
    today = today or date.today()
    folder = backup_folder(db_path)
    target = folder / f"{db_path.stem}-{today.isoformat()}{suffix}.json"
    if target.exists():
        return None
    ensure_folder(folder)
    tmp = folder / f".{target.name}.tmp"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()  # a copy that failed before
    try:
        # Private from the first byte (a copy made and then chmod-ed is readable by
        # others until then, and for good if the copy fails halfway).
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, FILE_MODE)
        with open(fd, "wb") as out, open(db_path, "rb") as source:
            shutil.copyfileobj(source, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _prune_daily(db_path, keep)
    return target


def event_path(db_path: Path, reason: str, when: datetime | None = None) -> Path:
    """A new backup's path for ``reason`` ("before-restore", "manual"...)."""
    stamp = (when or datetime.now()).strftime("%Y-%m-%dT%H%M%S")
    target = backup_folder(db_path) / f"{db_path.stem}-{stamp}-{reason}.json"
    n = 1
    while target.exists():  # two in the same second
        n += 1
        target = target.with_name(f"{db_path.stem}-{stamp}-{reason}-{n}.json")
    return target


def write_backup(target: Path, data: bytes) -> Path:
    """Write ``data`` (a whole database) to ``target`` atomically, mode 0600."""
    ensure_folder(target.parent)
    atomic_write(target, data)
    return target


def event_backup(db_path: Path, reason: str, data: bytes | None = None) -> Path | None:
    """Back up before ``reason`` (the file as it is, or ``data``); prune old ones."""
    if data is None:
        if not db_path.exists():
            return None
        data = db_path.read_bytes()
    target = write_backup(event_path(db_path, reason), data)
    if reason != MANUAL:
        _prune_events(db_path, reason)
    return target


def _prune_daily(db_path: Path, keep: int) -> None:
    dated = [p for p in list_backups(db_path) if len(p.stem) == len(db_path.stem) + 11]
    dated.sort(key=lambda p: p.name)
    for old in dated[:-keep] if keep else dated:
        with contextlib.suppress(OSError):
            old.unlink()


def _prune_events(db_path: Path, reason: str) -> None:
    same = []
    for p in list_backups(db_path):
        m = _EVENT.search(p.stem[len(db_path.stem):])
        if m and re.sub(r"-\d+$", "", m["reason"]) == reason:
            same.append(p)
    for old in same[:-KEEP_EVENTS]:
        with contextlib.suppress(OSError):
            old.unlink()


@dataclass(frozen=True)
class BackupInfo:
    """What ``peoplelinks backups`` shows of one backup."""

    path: Path
    modified: datetime
    size: int
    contacts: int | None  # None: the file cannot be read as a database


def describe(path: Path) -> BackupInfo:
    """Date, size and number of contacts (not in the trash) of a backup."""
    st = path.stat()
    try:
        data = orjson.loads(path.read_bytes())
        contacts = sum(1 for doc in data.get("contacts", {}).values()
                       if isinstance(doc, dict) and not doc.get("deleted_at"))
    except (OSError, orjson.JSONDecodeError, AttributeError):
        contacts = None
    return BackupInfo(path, datetime.fromtimestamp(st.st_mtime), st.st_size, contacts)


def restore(db_path: Path, backup: Path) -> None:
    """Replace the database file with ``backup`` (atomically). Low level: the
    service's restore goes through the history so that it can be undone."""
    atomic_write(db_path, backup.read_bytes())
