"""Durable file operations: atomic replace, fsync of directories, private modes."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from peoplelinks.errors import CannotOpen

FILE_MODE = 0o600
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows
DIR_MODE = 0o700


def real_file(path: Path) -> Path:
    """The file ``path`` names, with every symbolic link resolved, once.

    The lock, the journal, the backups and the atomic rename must all act on
    the real file: replacing a link with a new file would leave the data
    behind it stale, and two paths to one file would take two locks.
    A link to nothing and a folder are errors rather than something to replace.
    """
    path = Path(path).expanduser()
    if path.is_symlink() and not path.exists():
        target = os.readlink(path)
        raise CannotOpen(f"{path} is a link to {target}, which does not exist; "
                         "fix or remove the link (nothing was created)")
    real = Path(os.path.realpath(path))
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        return real
    except OSError as exc:
        raise CannotOpen(f"cannot use {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise CannotOpen(f"{path} is a folder, not a database file; give a file name "
                         f"such as {path / 'peoplelinks.json'}")
    if not stat.S_ISREG(mode):
        raise CannotOpen(f"{path} is not a regular file")
    return real


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - platforms that cannot open a directory
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems cannot fsync a folder (and say so); a failing disk must
        # not be mistaken for that.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) if missing; a folder created here is 0700."""
    if folder.is_dir():
        return
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(parents=True, exist_ok=True)
    for made in missing:
        with contextlib.suppress(OSError):
            os.chmod(made, DIR_MODE)


def atomic_write(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Replace ``path`` with ``data``: old or new content survives a crash, never a mix.

    Writes a temporary file beside it, fsyncs it, renames it over ``path`` and
    fsyncs the folder. On any error the temporary file is removed and ``path``
    is untouched. Not ``sync``: no fsync (for many files written at once, the
    caller syncs once at the end with :func:`sync_files`).
    """
    _replace(os.fspath(path), [data], sync)
    if sync:
        fsync_dir(path.parent)


def atomic_write_parts(path: Path, parts: Iterable[bytes]) -> None:
    """:func:`atomic_write` of ``parts`` written one after another as they come (the
    whole is never in memory at once)."""
    _replace(os.fspath(path), parts, sync=True)
    fsync_dir(path.parent)


def replace_with_parts(path: Path, parts: Iterable[bytes]) -> None:
    """Replace ``path`` with ``parts`` written one after another as they come (never
    all in memory at once), atomically but without fsync: for a file that is only
    ever a shortcut (a cache), whose loss after a crash loses nothing."""
    _replace(os.fspath(path), parts, sync=False)


def _replace(path: str, parts: Iterable[bytes], sync: bool) -> None:
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    # A file of our own, never one a link put there points to (a crash's leftover of
    # this process id is removed first; one planted meanwhile makes the write fail).
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, FILE_MODE)
    try:
        try:
            for data in parts:
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_files(folder: Path, files: Mapping[str, bytes]) -> int:
    """Write each of ``files`` (name -> content) into ``folder`` unless it already
    holds exactly that, each atomically (a crash leaves every file old or new), then
    make them durable with one sync. Return how many were written."""
    present = set(os.listdir(folder))  # one listing, not a stat per file
    base = os.fspath(folder)
    written = 0
    for name, data in files.items():
        target = os.path.join(base, name)
        if name in present and _holds(target, data):
            continue
        _replace(target, [data], sync=False)
        written += 1
    sync_files(folder)
    return written


def _holds(path: str, data: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


def sync_files(folder: Path) -> None:
    """Make every file written into ``folder`` without sync durable: one system-wide
    sync (cheaper than an fsync per file for thousands of them), then the folder."""
    os.sync()
    fsync_dir(folder)
