"""The whole network as one JSON file (``export json``), and reading it back.

The file holds every record as the app stores it (the shapes of
:mod:`peoplelinks.interop.jsonio`), with the schema version::

    {"format": "peoplelinks-export", "schema": 5, "exported_at": "...Z",
     "contacts": [...], "interactions": [...], "followups": [...], "plans": [...],
     "objective": {...}, "settings": {...}}

The weekly goals are part of the objective. Reading validates every record with
the models; a record that does not validate is reported with its table and
position and left out, the others are read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from peoplelinks.domain.fields import now
from peoplelinks.domain.models import (
    Contact,
    FollowUp,
    Interaction,
    MeetingPlan,
    Objective,
    Record,
    Settings,
)
from peoplelinks.domain.validation import describe
from peoplelinks.errors import InputError
from peoplelinks.interop.candidates import looks_like, read_text

FORMAT = "peoplelinks-export"
WHAT = "a peoplelinks JSON export"
TABLES: dict[str, type[Record]] = {"contacts": Contact, "interactions": Interaction,
                                   "followups": FollowUp, "plans": MeetingPlan}


@dataclass
class Export:
    """Everything in an export file, validated."""

    schema: int
    contacts: list[Contact] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)
    plans: list[MeetingPlan] = field(default_factory=list)
    objective: Objective | None = None
    settings: Settings | None = None
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)


def database_id(contacts: list[Contact]) -> str:
    """Which database an export came from, the same in every export of it: drawn from
    its first contact (the lowest id, and when it was added). Merging a newer
    export of the same database matches people by it; another database's ids
    never are."""
    if not contacts:
        return ""
    first = min(contacts, key=lambda c: c.id)
    return hashlib.sha256(f"{first.id}:{first.created.isoformat()}".encode()).hexdigest()[:12]


def export_bytes(*, schema: int, contacts: list[Contact], interactions: list[Interaction],
                 followups: list[FollowUp], plans: list[MeetingPlan], objective: Objective,
                 settings: Settings) -> bytes:
    """The export file's content (records in id order, indented for people to read)."""
    def dump(items: list[Any]) -> list[Any]:
        return [item.model_dump(mode="json") for item in sorted(items, key=lambda r: r.id)]

    data = {"format": FORMAT, "schema": schema, "database": database_id(contacts),
            "exported_at": now().isoformat().replace("+00:00", "Z"),
            "contacts": dump(contacts), "interactions": dump(interactions),
            "followups": dump(followups), "plans": dump(plans),
            "objective": objective.model_dump(mode="json"),
            "settings": settings.model_dump(mode="json")}
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"


def parse_export(text: str, name: str, newest_schema: int) -> dict[str, dict[str, Any]]:
    """The export's records as database tables (``{table: {id: document}}``, with
    ``_meta`` holding its schema), for the store to bring up to date; raise
    InputError when the file is not an export, or comes from a newer peoplelinks."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise InputError(f"file: {name} is not {WHAT}: not valid JSON ({exc}); it looks "
                         f"like {looks_like(text)}", field="file") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"file: {name} is not {WHAT} (no \"format\": \"{FORMAT}\")",
                         field="file")
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise InputError(f"file: {name}: schema {schema!r} is not a schema version",
                         field="file")
    if schema > newest_schema:
        raise InputError(f"file: {name} was exported by a newer peoplelinks (schema "
                         f"{schema}; this one reads up to {newest_schema}); upgrade "
                         "peoplelinks to import it", field="file")
    origin = data.get("database")
    tables: dict[str, dict[str, Any]] = {"_meta": {"1": {
        "schema": schema, "database": origin if isinstance(origin, str) else ""}}}
    for table in TABLES:
        rows = data.get(table, [])
        if not isinstance(rows, list):
            raise InputError(f"file: {name}: {table!r} is not a list", field="file")
        docs: dict[str, Any] = {}
        for n, row in enumerate(rows, start=1):
            key = str(row.get("id")) if isinstance(row, dict) else ""
            docs[key if key.isdigit() and key not in docs else f"bad-{n}"] = row
        tables[table] = docs
    for single in ("objective", "settings"):
        if isinstance(data.get(single), dict):
            tables[single] = {"1": data[single]}
    return tables


def validate_tables(tables: dict[str, dict[str, Any]]) -> Export:
    """The records of ``tables`` (brought up to the current schema) as models; each
    document that does not validate is reported with its table and id."""
    out = Export(schema=tables.get("_meta", {}).get("1", {}).get("schema", 0))
    for table, model in TABLES.items():
        target: list[Any] = getattr(out, table)
        for key, row in tables.get(table, {}).items():
            try:
                target.append(model.model_validate(row))
            except ValidationError as exc:
                out.skipped.append((f"{table} #{key}", str(describe(exc))))
    singles: tuple[tuple[str, type[BaseModel]], ...] = (("objective", Objective),
                                                         ("settings", Settings))
    for single, kind in singles:
        raw = tables.get(single, {}).get("1")
        if raw is None:
            continue
        try:
            setattr(out, single, kind.model_validate(raw))
        except ValidationError as exc:
            out.skipped.append((single, str(describe(exc))))
    return out


def read_export(path: Path, newest_schema: int) -> dict[str, dict[str, Any]]:
    """Read the export file at ``path`` as tables (see :func:`parse_export`)."""
    return parse_export(read_text(path, WHAT), str(path), newest_schema)
