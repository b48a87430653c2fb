"""Commands that bring people in from files and take them out: import (LinkedIn,
vCard, Google, any CSV, JSON), export (JSON, vCard, CSV, iCalendar, Markdown), dupes
and merge."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from peoplelinks.cli.common import Command, _json, _open, _out
from peoplelinks.errors import InputError

# Lines of each kind listed before "... and N more" (everything is in --json).
SHOWN = 20
FORMATS = ("linkedin", "vcard", "google", "csv", "json")


def _read(fmt: str, path: Path, args: argparse.Namespace) -> Any:
    if fmt == "csv":
        from peoplelinks.interop.csv_import import parse_map, read_generic  # noqa: PLC0415

        parsed, mapping = read_generic(path, parse_map(args.map or []))
        if not args.json:
            _out("columns: " + ", ".join(f"{column} → {field}"
                                         for column, field in mapping.items()))
        return parsed
    from peoplelinks.interop.readers import read_people  # noqa: PLC0415

    return read_people(fmt, path)


def _report_json(report: Any) -> dict[str, Any]:
    def person(contact: Any) -> dict[str, Any]:
        return {"id": contact.id if contact.id > 0 else None, "name": contact.name}

    return {
        "source": report.source, "dry_run": report.dry_run,
        "added": [person(c) for c in report.added],
        "updated": [{**person(c), "fields": fields} for c, fields in report.updated],
        "unchanged": len(report.unchanged),
        "skipped": [{"where": where, "why": why} for where, why in report.skipped],
        "kept": [{**person(c), "fields": fields.split(", ")} for c, fields in report.kept],
        "suggested": [{"where": s.where, **person(s.added), "existing": s.existing.id,
                       "why": s.why} for s in report.suggested],
        "backup": str(report.backup) if report.backup else None,
    }


def _listed(title: str, lines: list[str]) -> None:
    if not lines:
        return
    _out(f"{title}:")
    for line in lines[:SHOWN]:
        _out(f"  {line}")
    if len(lines) > SHOWN:
        _out(f"  ... and {len(lines) - SHOWN:,} more (--json lists them all)")


def _import_json(args: argparse.Namespace) -> int:
    with _open(args, write=not args.dry_run) as app:
        report = app.import_json(Path(args.file), dry_run=args.dry_run,
                                 overwrite=args.overwrite)
        if args.json:
            _json({"restored": report.restored, "added": report.added,
                   "already": report.already, "contacts": _report_json(report.contacts),
                   "skipped": [{"where": w, "why": y} for w, y in report.skipped]})
            return 0
        _out(f"json: {report.summary}" + (" (dry run: nothing written)" if args.dry_run
                                           else ""))
        _listed("skipped", [f"{where}: {why}" for where, why in
                            [*report.skipped, *report.contacts.skipped]])
        if report.contacts.backup:
            _out(f"backup: {report.contacts.backup} (peoplelinks undo takes the import back)")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if args.format == "json":
        return _import_json(args)
    if args.map and args.format != "csv":
        raise InputError("map: --map is for import csv (other formats know their columns)",
                         field="map")
    parsed = _read(args.format, Path(args.file), args)
    with _open(args, write=not args.dry_run) as app:
        report = app.import_parsed(parsed, circle=args.circle, dry_run=args.dry_run,
                                   overwrite=args.overwrite)
        if args.json:
            _json(_report_json(report))
            return 0
        _out(f"{args.format}: {report.summary}"
             + (" (dry run: nothing written)" if report.dry_run else ""))
        _listed("skipped", [f"{where}: {why}" for where, why in report.skipped])
        _listed("kept as you edited them (--overwrite replaces them)",
                [f"#{c.id} {c.name}: {fields}" for c, fields in report.kept])
        _listed("added, maybe someone already here (peoplelinks merge KEEP OTHER)",
                [f"{s.where}: {s.added.name} {s.why}" for s in report.suggested])
        if report.backup:
            _out(f"backup: {report.backup} (peoplelinks undo takes the import back)")
    return 0


# An export option -> the format it is for.
_OPTION_OF = {"vdir": "vcard", "bom": "csv", "todo": "ics", "days": "ics"}


def cmd_export(args: argparse.Namespace) -> int:
    for option, fmt in _OPTION_OF.items():
        if getattr(args, option) not in (None, False) and args.format != fmt:
            raise InputError(f"{option}: --{option} is for export {fmt}, not "
                             f"{args.format}", field=option)
    with _open(args, write=False) as app:
        _out(app.export_to(args.format, Path(args.file), vdir=args.vdir, bom=args.bom,
                           todo=args.todo, days=90 if args.days is None else args.days))
    return 0


def cmd_dupes(args: argparse.Namespace) -> int:
    with _open(args, write=False) as app:
        if args.limit is not None and args.limit < 1:
            raise InputError(f"limit: {args.limit} is not a number of pairs; give 1 or more",
                             field="limit")
        found = app.duplicates(limit=args.limit)
        if args.json:
            _json([{"first": d.first.id, "second": d.second.id, "first_name": d.first.name,
                    "second_name": d.second.name, "why": d.why, "certainty": d.certainty}
                   for d in found])
            return 0
        if not found:
            _out("no likely duplicates")
            return 0
        for d in found:
            _out(f"#{d.first.id} {d.first.label}  ~  #{d.second.id} {d.second.label}: {d.why}")
        _out("merge one into the other: peoplelinks merge KEEP OTHER (undoable)")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        keep = app.resolve(args.keep, field="keep")
        other = app.resolve(args.other, field="other")
        merged = app.merge(keep.id, other.id)
        if args.json:
            from peoplelinks.cli.common import _contact_json  # noqa: PLC0415

            _json(_contact_json(app, merged))
            return 0
        _out(f"merged #{other.id} {other.label} into #{merged.id} {merged.label}; "
             f"#{other.id} now means #{merged.id} (peoplelinks undo takes it back)")
    return 0


def add_commands(command: Command) -> None:
    """Add the import, export, dupes and merge commands to the parser."""
    p = command("dupes", cmd_dupes, "likely duplicates: the same email, phone or profile "
                                    "address, or names alike at one company; most certain "
                                    "first")
    p.add_argument("--limit", type=int, default=None, metavar="N")
    p.add_argument("--json", action="store_true")
    p = command("merge", cmd_merge, "merge OTHER into KEEP: every talk, follow-up, plan, "
                                    "email, phone, tag and introduction of both; OTHER's id "
                                    "then means KEEP (undoable)")
    p.add_argument("keep", metavar="KEEP")
    p.add_argument("other", metavar="OTHER")
    p.add_argument("--json", action="store_true")
    p = command("export", cmd_export, "write everything to a file: json (contacts, talks, "
                                      "follow-ups, plans, objective, goals, settings) or "
                                      "vcard (contacts, to one .vcf file or a --vdir folder) "
                                      "csv (contacts, for spreadsheets), ics (follow-ups, "
                                      "meetings and keep-in-touch dates, for a calendar) or "
                                      "md (the network on one Markdown page)")
    p.add_argument("format", choices=("json", "vcard", "csv", "ics", "md"), help="what to write")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--vdir", action="store_true",
                   help="vcard: a folder with one .vcf per contact (for khard, vdirsyncer)")
    p.add_argument("--todo", action="store_true",
                   help="ics: to-dos (VTODO) rather than all-day events")
    p.add_argument("--days", type=int, default=None, metavar="N",
                   help="ics: keep-in-touch dates up to N days ahead (default 90)")
    p.add_argument("--bom", action="store_true",
                   help="csv: start with a byte-order mark (Excel then reads accents right)")
    p = command("import", cmd_import, "bring people in from a file: linkedin "
                                      "(Connections.csv), vcard (a .vcf file or a folder of "
                                      "them), google (Google Contacts CSV), csv (any, with "
                                      "--map) or json (an export: restored into "
                                      "an empty database, merged into one with people); "
                                      "the same file twice adds nothing")
    p.add_argument("format", choices=FORMATS, help="what the file is")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--circle", choices=["personal", "network", "work"], default=None,
                   help="the circle of the people added (default: network)")
    p.add_argument("--dry-run", action="store_true",
                   help="say what would be added, updated and skipped; write nothing")
    p.add_argument("--overwrite", action="store_true",
                   help="replace fields you edited by hand since the last import")
    p.add_argument("--map", action="append", metavar="COLUMN=FIELD",
                   help="csv: put a column into a field (name, first_name, last_name, "
                        "company, title, emails, phones, profile_url, tags, how_met, notes); "
                        "other columns go where their header says")
    p.add_argument("--json", action="store_true")
