"""Where the database lives: ``--db``, then ``PEOPLELINKS_DB``, then the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "PEOPLELINKS_DB"
FILE_NAME = "peoplelinks.json"


def default_db_path() -> Path:
    """The platform's user data folder (XDG on Linux) plus ``peoplelinks.json``."""
    from platformdirs import user_data_path  # noqa: PLC0415 - only when no path was given

    return user_data_path("peoplelinks", appauthor=False) / FILE_NAME


def resolve_db_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The database path from the option, the environment, or the default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return default_db_path()
