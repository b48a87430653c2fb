"""Schema versions of the database file and the ordered steps between them.

``MIGRATIONS[n]`` turns a version-``n`` file into version ``n + 1``. Steps work
on the raw TinyDB tables (plain dicts), never on models, so an old step keeps
working when the models move on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from peoplelinks.errors import DatabaseCorrupt, NewerSchema

SCHEMA_VERSION = 5

Tables = dict[str, dict[str, Any]]


def _v0_to_v1(tables: Tables) -> Tables:
    """Version 0: a TinyDB file with no ``_meta`` (written by hand or another tool)."""
    tables.setdefault("_meta", {}).setdefault("1", {})["schema"] = 1
    return tables


def _v1_to_v2(tables: Tables) -> Tables:
    """Version 2: the theme moves from ``settings`` (data, undoable) to ``preferences``
    (how the app looks); the ``changes`` history starts empty."""
    settings = tables.get("settings", {}).get("1")
    if isinstance(settings, dict) and "theme" in settings:
        theme = settings.pop("theme")
        if theme:
            tables.setdefault("preferences", {}).setdefault("1", {})["theme"] = theme
    return tables


def _v2_to_v3(tables: Tables) -> Tables:
    """Version 3: contacts may carry ``next_contact_on`` (a snoozed keep-in-touch
    reminder). Nothing to change: the field is optional; the version says an older
    peoplelinks must not read (and reject) such contacts."""
    return tables


_LEVELS = {"ic", "manager", "director", "executive"}
_PLAN_RENAMES = {"offer": "help_them", "info_wanted": "learn", "referrals_wanted": "ask_for"}


def _v3_to_v4(tables: Tables) -> Tables:
    """Version 4: the job-search strategy. The objective's level is one of the
    contact levels (a word it does not know becomes "unknown" and the text is kept
    in the pitch); meeting plans get the fields the plan form has (place, agenda as
    a list, help_them, learn, ask_for) and a plan always has a date; "done" plans
    are "held". Contacts and talks only gain optional fields."""
    objective = tables.get("objective", {}).get("1")
    if isinstance(objective, dict):
        level = objective.get("level", "")
        word = " ".join(str(level).lower().split()).replace(" ", "-")
        if word not in _LEVELS:
            objective["level"] = "unknown"
            if word and word != "unknown":  # never drop what the user wrote
                pitch = str(objective.get("pitch", ""))
                objective["pitch"] = f"{pitch} (level: {level})".strip()
        else:
            objective["level"] = word
    for plan in tables.get("plans", {}).values():
        if not isinstance(plan, dict):
            continue
        for old, new in _PLAN_RENAMES.items():
            if old in plan:
                plan[new] = plan.pop(old)
        if isinstance(plan.get("agenda"), str):
            plan["agenda"] = [line for line in plan["agenda"].splitlines() if line.strip()]
        if plan.get("status") == "done":
            plan["status"] = "held"
        if not plan.get("date"):
            plan["date"] = str(plan.get("created", ""))[:10] or "2000-01-01"
    return tables


def _v4_to_v5(tables: Tables) -> Tables:
    """Version 5: contacts may carry ``imported`` (what each import last wrote) and
    ``merged_into`` (the contact a duplicate was merged into).
    Nothing to change: the field is optional; the version says an older peoplelinks
    must not read such a file (it would drop the field on the next write)."""
    return tables


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {
    0: _v0_to_v1, 1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}


def version_of(tables: Tables) -> int:
    """The schema version a file says it has (0 when it says nothing)."""
    meta = tables.get("_meta", {}).get("1", {})
    version = meta.get("schema", 0) if isinstance(meta, dict) else 0
    return version if isinstance(version, int) and not isinstance(version, bool) else 0


def check_supported(tables: Tables, path: object) -> int:
    """Return the file's version; refuse one written by a newer peoplelinks, and a
    version that is not a whole number (rather than guess and rewrite it)."""
    meta = tables.get("_meta", {}).get("1", {})
    raw = meta.get("schema", 0) if isinstance(meta, dict) else 0
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        raise DatabaseCorrupt(
            f"{path}: _meta.schema is {raw!r}, not a schema version (a whole number); "
            "the file was left untouched")
    version = raw
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            f"{path} was written by a newer peoplelinks (schema {version}; this one reads "
            f"up to {SCHEMA_VERSION}); upgrade peoplelinks to open it"
        )
    return version


def migrate(tables: Tables) -> tuple[Tables, int]:
    """Bring ``tables`` to :data:`SCHEMA_VERSION`; return them and the version they had."""
    start = version_of(tables)
    version = start
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        tables["_meta"]["1"]["schema"] = version
    return tables, start
