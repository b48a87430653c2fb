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
    """The database path from the option, the environment, or the default.

    An empty ``--db`` or ``PEOPLELINKS_DB`` is a mistake (an unset variable in a
    script), not a request for the default database: it is refused."""
    from peoplelinks.errors import InputError  # noqa: PLC0415

    if option is not None:
        if not str(option).strip():
            raise InputError("--db: the path is empty; give a file name", field="db")
        return Path(option).expanduser()
    env = os.environ.get(ENV_VAR)
    if env is not None:
        if not env.strip():
            raise InputError(f"{ENV_VAR} is set but empty; unset it or give a file name",
                             field="db")
        return Path(env.strip()).expanduser()
    return default_db_path()
