"""The single-writer lock: one peoplelinks process writes a database at a time.

The lock is a separate ``<file>.lock`` (the data file itself is replaced on
every compaction, so it cannot carry a lock). The OS releases it when the
process dies, so a crash never leaves a stale lock behind.

A lock file can be deleted while it is held (by a careless clean-up, a sync
tool): the next peoplelinks would then create a new one and take it too. So a
writer checks, before every write, that the lock file on disk is still the one
it locked (:meth:`WriterLock.verify`); if not, it takes the lock again only if
nobody else holds it, and otherwise stops writing.

On POSIX this is ``flock`` on a descriptor we keep, because the check needs
that descriptor; elsewhere :mod:`filelock` (on Windows an open file cannot be
deleted, so the check has nothing to find).
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Any

from peoplelinks.errors import DatabaseLocked, LockLost
from peoplelinks.store.files import FILE_MODE, ensure_folder

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_POLL = 0.05


class WriterLock:
    """Holds the writer lock of one database file."""

    def __init__(self, db_path: Path, timeout: float = 1.0) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self.db_path = db_path
        self.timeout = timeout
        self._fd: int | None = None
        self._portable: Any = None  # a filelock.FileLock where flock is missing

    def _busy(self) -> DatabaseLocked:
        return DatabaseLocked(
            f"{self.db_path} is open in another peoplelinks; close it there and try again")

    def acquire(self) -> None:
        """Take the lock, or raise :class:`DatabaseLocked` after ``timeout`` seconds."""
        ensure_folder(self.path.parent)
        if fcntl is None:  # pragma: no cover - Windows
            self._acquire_portable()
            return
        deadline = time.monotonic() + self.timeout
        while True:
            fd = self._try_lock()
            if fd is not None:
                self._fd = fd
                return
            if time.monotonic() >= deadline:
                raise self._busy()
            time.sleep(_POLL)

    def _try_lock(self) -> int | None:
        """A descriptor holding the lock on the file now at :attr:`path`, or None."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        if not self._is_at_path(fd):  # deleted or replaced between open and flock
            os.close(fd)
            return None
        return fd

    def _is_at_path(self, fd: int) -> bool:
        try:
            on_disk = os.stat(self.path, follow_symlinks=False)
        except OSError:
            return False
        mine = os.fstat(fd)
        return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)

    def verify(self) -> None:
        """Before a write: make sure this process still holds the database's lock.

        If the lock file was deleted or replaced, take the lock again when nobody
        else holds it (then the data file's own check tells whether anyone wrote
        meanwhile); otherwise raise :class:`LockLost`.
        """
        if self._fd is None or self._is_at_path(self._fd):
            return
        fd = self._try_lock()
        if fd is None:
            raise LockLost(
                f"the lock file {self.path} was removed while peoplelinks had {self.db_path} "
                "open, and another peoplelinks is writing it now; nothing was written "
                "(quit and open it again)")
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = fd

    def release(self) -> None:
        """Give the lock back (safe to call twice)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None
        if self._portable is not None:  # pragma: no cover - Windows
            self._portable.release()
            self._portable = None

    @property
    def held(self) -> bool:
        """True while this process holds the lock."""
        if self._portable is not None:  # pragma: no cover - Windows
            return bool(self._portable.is_locked)
        return self._fd is not None

    def _acquire_portable(self) -> None:  # pragma: no cover - Windows
        from filelock import FileLock, Timeout  # noqa: PLC0415

        lock = FileLock(self.path, mode=FILE_MODE, is_singleton=False)
        try:
            lock.acquire(timeout=self.timeout)
        except Timeout:
            raise self._busy() from None
        self._portable = lock
