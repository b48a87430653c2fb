"""The single-writer lock: one peoplelinks process writes a database at a time.

The lock is a separate ``<file>.lock`` (the data file itself is replaced on
every compaction, so it cannot carry a lock). The OS releases it when the
process dies, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from peoplelinks.errors import DatabaseLocked
from peoplelinks.store.files import FILE_MODE, ensure_folder


class WriterLock:
    """Holds the writer lock of one database file."""

    def __init__(self, db_path: Path, timeout: float = 1.0) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self.db_path = db_path
        self.timeout = timeout
        self._lock: FileLock | None = None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`DatabaseLocked` after ``timeout`` seconds."""
        ensure_folder(self.path.parent)
        lock = FileLock(self.path, mode=FILE_MODE, is_singleton=False)
        try:
            lock.acquire(timeout=self.timeout)
        except Timeout:
            raise DatabaseLocked(
                f"{self.db_path} is open in another peoplelinks; close it there and try again"
            ) from None
        self._lock = lock

    def release(self) -> None:
        """Give the lock back (safe to call twice)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @property
    def held(self) -> bool:
        """True while this process holds the lock."""
        return self._lock is not None and self._lock.is_locked
