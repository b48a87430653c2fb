"""Rotating daily backups next to the database: ``backups/<name>-YYYY-MM-DD.json``."""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import date
from pathlib import Path

from peoplelinks.store.files import FILE_MODE, atomic_write, ensure_folder

KEEP = 7


def backup_folder(db_path: Path) -> Path:
    """Where the backups of ``db_path`` live."""
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """The backups of ``db_path``, oldest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.json"))


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
    shutil.copyfile(db_path, tmp)
    os.chmod(tmp, FILE_MODE)
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    _prune(db_path, keep)
    return target


def _prune(db_path: Path, keep: int) -> None:
    dated = [p for p in list_backups(db_path) if len(p.stem) == len(db_path.stem) + 11]
    for old in dated[:-keep] if keep else dated:
        with contextlib.suppress(OSError):
            old.unlink()


def restore(db_path: Path, backup: Path) -> None:
    """Replace the database with ``backup`` (atomically)."""
    atomic_write(db_path, backup.read_bytes())
