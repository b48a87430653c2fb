"""Make the cache of a database file in a process of its own.

The app started on a large file with no cache of it (its first start after a
command-line write) has the cache made this way before it opens the file: reading
and validating the whole file for the cache takes ~280 MB at 30,000 contacts, which
a process of its own gives back when it ends, where the app would go on holding it
(opened from the cache, the app's peak stays ~285 MB; reading the file itself, ~400).

``python -m peoplelinks.store.makecache PATH FROM_BYTES`` makes it (a file smaller
than ``FROM_BYTES`` gets none, as a command that reads it would not make one).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from peoplelinks.store import database, migrations
from peoplelinks.store.cache import open_cache

TIMEOUT = 600.0  # seconds: a file this slow to read is read by the app itself


def cache_is_current(path: Path) -> bool:
    """True when a cache made from the file as it is now lies beside ``path``."""
    cache = open_cache(path, migrations.SCHEMA_VERSION, lambda: {})
    if cache is None:
        return False
    cache.close()
    return True


def needs_cache(path: Path) -> bool:
    """True when ``path`` is large enough to be read from a cache and has none that
    is current."""
    try:
        size = os.stat(path).st_size
    except OSError:
        return False
    return size >= database.CACHE_FROM_BYTES and not cache_is_current(path)


def make_cache(path: Path, cancelled: Callable[[], bool] = lambda: False) -> bool:
    """Make the cache of ``path`` in a child process; True when it is current after.
    Stops the child (nothing is lost: a cache is only a shortcut) when ``cancelled()``
    turns true, or after :data:`TIMEOUT` seconds."""
    here = str(Path(__file__).resolve().parents[2])  # where the package is found
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [here, *filter(None, [os.environ.get("PYTHONPATH")])])}
    try:
        child = subprocess.Popen(  # noqa: S603 - our own module, our own interpreter
            [sys.executable, "-m", "peoplelinks.store.makecache", str(path),
             str(database.CACHE_FROM_BYTES)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env)
    except OSError:
        return False
    began = time.monotonic()
    while child.poll() is None:
        if cancelled() or time.monotonic() - began > TIMEOUT:
            child.terminate()
            child.wait()
            return False
        time.sleep(0.02)
    return child.returncode == 0 and cache_is_current(path)


def main(argv: list[str]) -> int:
    """Read the file at ``argv[0]`` whole (read only, no lock) and write its cache."""
    path, database.CACHE_FROM_BYTES = Path(argv[0]), int(argv[1])
    try:
        database.Database.open(path, read_only=True, cached=True).close()
    except Exception:  # noqa: BLE001 - the app reads the file itself and says what is wrong
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
