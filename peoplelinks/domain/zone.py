"""What the machine's local time zone is made of, to tell whether it changed.

A contact never logged is due a number of days after the day it was added *where
the user is*: a cache of keep-in-touch dates worked out in one zone is checked
date by date when read in another. This names the zone cheaply: the ``TZ``
setting, the zone file it names (or ``/etc/localtime``) and the names and
offsets the C library took from them.
"""

from __future__ import annotations

import os
import time
from typing import Any

ZONES = "/usr/share/zoneinfo"


def local_zone() -> list[Any]:
    """A JSON-ready value that changes when the local time zone does."""
    tz = os.environ.get("TZ")
    name = (tz or "").lstrip(":")
    path = "/etc/localtime" if not name else name if name.startswith("/") else \
        os.path.join(ZONES, name)
    try:
        st = os.stat(path)
        file: list[Any] | None = [os.path.realpath(path), st.st_size, st.st_mtime_ns]
    except (OSError, ValueError):
        file = None
    return [tz, list(time.tzname), time.timezone, time.altzone, time.daylight, file]
