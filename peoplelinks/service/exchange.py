"""The whole network to a JSON file and back (``export json`` / ``import json``).

Into an empty database an export is restored exactly: ids, dates, links, the
objective, goals and settings. Into one that already holds people it is merged:
its contacts go through the import's matching (the same person is updated, not
added twice), and its talks, follow-ups and meeting plans are added with their
people's ids as they are here, each one that is already here (the same day,
kind, people and notes; the same action and due date; the same meeting) left
out. Either way it is one write after a backup, and one undo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from peoplelinks.domain.models import Contact, FollowUp, Interaction, MeetingPlan, Record
from peoplelinks.domain.text import plural
from peoplelinks.errors import InputError
from peoplelinks.gcpause import gc_paused
from peoplelinks.interop.candidates import Candidate, Parsed
from peoplelinks.interop.jsonexport import (
    Export,
    database_id,
    export_bytes,
    read_export,
    validate_tables,
)
from peoplelinks.service.transfer import ImportReport, TransferVerbs
from peoplelinks.store import migrations
from peoplelinks.store.files import atomic_write, write_files

SOURCE = "json"
# How each table's records are called, one of them.
WORDS = {"contacts": "contact", "interactions": "talk", "followups": "follow-up",
         "plans": "meeting plan"}


def counted(counts: dict[str, int], suffix: str = "") -> str:
    """"30 contacts, 22 talks, 1 meeting plan" (tables with none left out when a
    ``suffix`` such as " added" follows)."""
    return ", ".join(plural(n, WORDS.get(table, table)) + suffix
                     for table, n in counts.items() if n or not suffix)


EXPORT_FORMATS = ("json", "vcard", "csv", "ics", "md")
MAX_DAYS_AHEAD = 3650  # a calendar export's horizon at most (ten years)
_SUFFIX = {"json": ".json", "vcard": ".vcf", "csv": ".csv", "ics": ".ics", "md": ".md"}


def export_name(fmt: str, day: date, *, vdir: bool = False) -> str:
    """A file name for an export made on ``day``: dated, except what is written again
    and again to stay in step (a vdir a sync reads, a calendar subscribed to)."""
    if fmt == "vcard" and vdir:
        return "peoplelinks-vdir"
    if fmt == "ics":
        return "peoplelinks.ics"
    return f"peoplelinks-{day.isoformat()}{_SUFFIX[fmt]}"


def _check_target(path: Path, *, folder: bool) -> None:
    """An error naming ``path`` when an export cannot be written there."""
    if folder:
        if path.exists() and not path.is_dir():
            raise InputError(f"file: {path} is a file; a vdir is a folder", field="file")
        return
    if path.is_dir():
        raise InputError(f"file: {path} is a folder; name a file in it", field="file")
    if not path.parent.is_dir():
        raise InputError(f"file: the folder {path.parent} does not exist", field="file")
# Contact fields an export carries that the import's matching does not set itself.
_NOT_COPIED = {"id", "introduced_by", "imported", "updated"}


@dataclass
class ExchangeReport:
    """What ``import json`` did: the contacts' import report, and the rest."""

    restored: bool  # an exact restore into an empty database
    contacts: ImportReport
    added: dict[str, int] = field(default_factory=dict)  # table -> records added
    already: dict[str, int] = field(default_factory=dict)  # table -> already here
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        """True when it adds or updates anything (else there is nothing to take back)."""
        return self.contacts.changes or any(self.added.values())

    @property
    def summary(self) -> str:
        """One line for people."""
        if self.restored:
            return ("restored " + counted(self.added)
                    + (f"; {len(self.skipped)} skipped" if self.skipped else ""))
        rest = counted(self.added, " added")
        return f"contacts: {self.contacts.summary}" + (f"; {rest}" if rest else "")


def _dedupe_key(item: Record) -> tuple[Any, ...]:
    """What makes a talk, follow-up or plan "the same one" when merging."""
    if isinstance(item, Interaction):
        return ("i", item.date, item.kind, tuple(sorted(item.contact_ids)), item.notes.strip())
    if isinstance(item, FollowUp):
        return ("f", item.contact_id, item.action.casefold(), item.due)
    assert isinstance(item, MeetingPlan)
    return ("p", item.contact_id, item.date, item.purpose.casefold())


class ExchangeVerbs(TransferVerbs):
    """JSON export and import."""

    def export_json(self, path: Path) -> dict[str, int]:
        """Write everything to ``path`` (atomically); return how many of each."""
        db = self.db
        data = export_bytes(schema=migrations.SCHEMA_VERSION,
                            contacts=list(db.contacts.values()),
                            interactions=list(db.interactions.values()),
                            followups=list(db.followups.values()), plans=list(db.plans.values()),
                            objective=db.objective, settings=db.settings)
        atomic_write(path, data)
        return {"contacts": len(db.contacts), "interactions": len(db.interactions),
                "followups": len(db.followups), "plans": len(db.plans)}

    def export_vcards(self, path: Path, *, vdir: bool = False) -> int:
        """Write the contacts (not those in the trash) as vCards: one ``.vcf`` file, or
        with ``vdir`` a folder with one file per contact named after its stable UID
        (the layout khard and vdirsyncer read). In a vdir, the file of a contact now
        in the trash (or merged into another) is removed, so a sync removes them
        too; files of anyone else are left alone. Return how many were written."""
        from peoplelinks.interop.vcard import (  # noqa: PLC0415
            vcards_bytes,
            vdir_files,
            vdir_names,
        )

        people = sorted((c for c in self.db.contacts.values() if not c.in_trash),
                        key=lambda c: c.id)
        if not vdir:
            atomic_write(path, vcards_bytes(people))
            return len(people)
        _check_target(path, folder=True)
        path.mkdir(parents=True, exist_ok=True)
        with gc_paused():
            files = vdir_files(people)
        gone = [c for c in self.db.contacts.values() if c.in_trash]
        for name in vdir_names(gone):
            if name not in files:  # never a card written just now
                (path / name).unlink(missing_ok=True)
        write_files(path, files)
        return len(people)

    def export_csv(self, path: Path, *, bom: bool = False) -> int:
        """Write the contacts (not those in the trash) as a spreadsheet-safe CSV file;
        return how many."""
        from peoplelinks.interop.csv_io import contacts_csv  # noqa: PLC0415

        people = sorted((c for c in self.db.contacts.values() if not c.in_trash),
                        key=lambda c: c.id)
        atomic_write(path, contacts_csv(people, last_contact=self.db.last_contact,
                                        next_contact=self.next_contact, bom=bom))
        return len(people)

    def export_ics(self, path: Path, *, todo: bool = False, days: int = 90) -> int:
        """Write open follow-ups, planned meetings and keep-in-touch dates (those due
        within ``days``, and any overdue) as an iCalendar file; return how many."""
        from peoplelinks.interop.ics import Entry, calendar_bytes  # noqa: PLC0415

        horizon = self.today + timedelta(days=days)
        contacts = self.db.contacts
        entries: list[Entry] = []
        report = self.due()
        for items in report.followups.values():
            for fu in items:
                who = report.owners[fu.contact_id]
                entries.append(Entry(f"followup-{fu.id}", fu.due, f"{fu.action} — {who}",
                                     f"Follow-up F{fu.id} for {who} (peoplelinks)"))
        for plan in self.planned():
            who = contacts[plan.contact_id].name
            what = f"Meet {who}" + (f": {plan.purpose}" if plan.purpose else "")
            entries.append(Entry(f"plan-{plan.id}", plan.date, what,
                                 f"Meeting plan P{plan.id}; brief: peoplelinks brief "
                                 f"P{plan.id}", plan.place))
        for contact in contacts.values():
            if contact.in_trash:
                continue
            when = self.next_contact(contact)
            if when is not None and when <= horizon:
                entries.append(Entry(f"keep-in-touch-{contact.id}", when,
                                     f"Get in touch with {contact.name}",
                                     "Keep in touch (peoplelinks)"))
        entries.sort(key=lambda e: (e.day, e.uid))
        atomic_write(path, calendar_bytes(entries, todo=todo))
        return len(entries)

    def export_markdown(self, path: Path) -> int:
        """Write the network as one Markdown page; return how many people are on it."""
        from peoplelinks.interop.markdown import network_markdown  # noqa: PLC0415

        open_items: dict[int, list[Any]] = {}
        for items in self.due().followups.values():
            for fu in items:
                open_items.setdefault(fu.contact_id, []).append(fu)
        text = network_markdown(self.db.contacts.values(), today=self.today,
                                targets=self.db.objective.target_companies,
                                last_contact=self.db.last_contact, open_followups=open_items)
        atomic_write(path, text.encode("utf-8"))
        return sum(1 for c in self.db.contacts.values() if not c.in_trash)

    def export_to(self, fmt: str, path: Path, *, vdir: bool = False, bom: bool = False,
                  todo: bool = False, days: int = 90) -> str:
        """Write the export ``fmt`` (one of :data:`EXPORT_FORMATS`) to ``path`` with its
        options (see each ``export_*``); return what was written, for people:
        "exported 120 contacts as CSV to people.csv". A path that cannot be written
        (a folder, a folder that does not exist, no permission) is an error naming it."""
        if fmt not in EXPORT_FORMATS:
            raise InputError(f"format: {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}",
                             field="format")
        if not 0 <= days <= MAX_DAYS_AHEAD:
            raise InputError(f"days: {days} is not between 0 and {MAX_DAYS_AHEAD} (days "
                             "ahead to put in the calendar)", field="days")
        _check_target(path, folder=fmt == "vcard" and vdir)
        try:
            return self._export(fmt, path, vdir=vdir, bom=bom, todo=todo, days=days)
        except OSError as exc:
            raise InputError(f"file: could not write {path}: {exc.strerror or exc}",
                             field="file") from None

    def _export(self, fmt: str, path: Path, *, vdir: bool, bom: bool, todo: bool,
                days: int) -> str:
        if fmt == "json":
            return f"exported {counted(self.export_json(path))} to {path}"
        if fmt == "vcard":
            count = self.export_vcards(path, vdir=vdir)
            return (f"exported {plural(count, 'contact')} as vCards to "
                    + (f"the vdir {path}" if vdir else str(path)))
        if fmt == "csv":
            return f"exported {plural(self.export_csv(path, bom=bom), 'contact')} as CSV to {path}"
        if fmt == "ics":
            count = self.export_ics(path, todo=todo, days=days)
            return f"exported {plural(count, 'to-do' if todo else 'event')} to {path}"
        count = self.export_markdown(path)
        return f"exported {plural(count, 'contact')} as Markdown to {path}"

    def _is_empty(self) -> bool:
        db = self.db
        return not (db.contacts or db.interactions or db.followups or db.plans)

    def import_json(self, path: Path, *, dry_run: bool = False,
                    overwrite: bool = False) -> ExchangeReport:
        """Restore (empty database) or merge (see the module) the export at ``path``."""
        tables = read_export(path, migrations.SCHEMA_VERSION)
        migrations.check_supported(tables, path)
        migrations.migrate(tables)
        origin = str(tables["_meta"]["1"].pop("database", "") or "")
        export = validate_tables(tables)
        if self._is_empty():
            return self._restore(export, tables, path, dry_run)
        return self._merge(export, origin, dry_run, overwrite)

    def _restore(self, export: Export, tables: dict[str, dict[str, Any]], path: Path,
                 dry_run: bool) -> ExchangeReport:
        kept: dict[str, dict[str, Any]] = {"_meta": tables["_meta"]}
        counts: dict[str, int] = {}
        for table in ("contacts", "interactions", "followups", "plans"):
            records: list[Any] = getattr(export, table)
            kept[table] = {str(r.id): r.model_dump(mode="json") for r in records}
            counts[table] = len(records)
        for single in ("objective", "settings"):
            model = getattr(export, single) or getattr(self.db, single)  # none: keep ours
            kept[single] = {"1": model.model_dump(mode="json")}
        report = ExchangeReport(restored=True, contacts=ImportReport(SOURCE, dry_run),
                                added=counts, skipped=list(export.skipped))
        if dry_run:
            return report
        report.contacts.backup = self.db.backup("before-import-json")
        self.db.replace_tables(kept, path, summary=f"Imported {path.name}: {report.summary}")
        self._forget_derived()
        return report

    def _merge(self, export: Export, origin: str, dry_run: bool,
               overwrite: bool) -> ExchangeReport:
        """Contacts through the matching; then the rest, with ids as they are here."""
        # People are recognised by their id in the database the export came from.
        source = f"{SOURCE}-{origin}" if origin else SOURCE
        parsed = Parsed(source=source, candidates=[
            Candidate(f"contact #{c.id}", {k: v for k, v in c.model_dump().items()
                                           if k not in _NOT_COPIED}, uid=str(c.id))
            for c in export.contacts])
        # An export of this very database: its people are these, by id.
        mine = self.db.contacts
        same = ({str(c.id): c.id for c in export.contacts if c.id in mine}
                if origin and origin == database_id(list(mine.values())) else {})
        with self.db.batch("Imported a peoplelinks export"):
            contacts = self.import_parsed(parsed, dry_run=dry_run, overwrite=overwrite,
                                          known=same)
            report = ExchangeReport(restored=False, contacts=contacts,
                                    skipped=list(export.skipped))
            if dry_run:
                return report
            here = {int(c.imported[source]["uid"]): c.id for c in self.db.contacts.values()
                    if c.imported.get(source, {}).get("uid", "").isdigit()}
            here.update({int(uid): cid for uid, cid in same.items()})
            self._merge_introducers(export.contacts, here)
            self._merge_records(export, here, report)
        return report

    def _merge_introducers(self, people: list[Contact], here: dict[int, int]) -> None:
        """Who introduced whom, for the people added that have no introducer here."""
        changes = []
        for person in people:
            mine = self.db.contacts.get(here.get(person.id, 0))
            parent = here.get(person.introduced_by or 0)
            if mine is not None and parent and mine.introduced_by is None \
                    and parent != mine.id:
                changes.append(mine.model_copy(update={"introduced_by": parent}))
        if changes:
            self.db.commit(changes, summary="Introductions from the export")

    def _merge_records(self, export: Export, here: dict[int, int],
                       report: ExchangeReport) -> None:
        existing = {_dedupe_key(r) for table in (self.db.interactions, self.db.followups,
                                                 self.db.plans) for r in table.values()}
        talk_ids: dict[int, int] = {}
        puts: list[Any] = []
        for table, items in (("interactions", export.interactions),
                             ("followups", export.followups), ("plans", export.plans)):
            report.added[table] = report.already[table] = 0
            for item in items:
                moved = self._moved(item, here, talk_ids)
                if moved is None:
                    report.skipped.append((f"{table} #{item.id}",
                                           "its person is not among the contacts imported"))
                    continue
                if _dedupe_key(moved) in existing:
                    report.already[table] += 1
                    continue
                fresh = moved.model_copy(update={"id": self.db.new_id(type(item))})
                if isinstance(item, Interaction):
                    talk_ids[item.id] = fresh.id
                existing.add(_dedupe_key(fresh))
                puts.append(fresh)
                report.added[table] += 1
        if puts:
            self.db.commit(puts, summary="Talks, follow-ups and plans from the export")

    @staticmethod
    def _moved(item: Record, here: dict[int, int], talk_ids: dict[int, int]) -> Any:
        """``item`` with the ids of its people (and talk) as they are here; None when
        its person did not come in."""
        if isinstance(item, Interaction):
            people = [here[c] for c in item.contact_ids if c in here]
            if not people:
                return None
            return item.model_copy(update={"contact_ids": people, "referrals": [
                here[c] for c in item.referrals if c in here], "plan_id": None})
        if isinstance(item, FollowUp | MeetingPlan):
            if item.contact_id not in here:
                return None
            update: dict[str, Any] = {"contact_id": here[item.contact_id]}
            if item.interaction_id is not None:
                update["interaction_id"] = talk_ids.get(item.interaction_id)
            return item.model_copy(update=update)
        return None
