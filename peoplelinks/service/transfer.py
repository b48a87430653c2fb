"""Bringing people in from files: match each one with the network, add or update,
all in one write (one undo), with a report of what happened to each row.

Matching (the same rules for every format):

- a contact this source imported before (its ``imported`` record), found by the
  file's id for the person (a vCard UID), then by profile URL, then by email,
  then by exact name and company;
- else a contact of exactly the same name (ignoring case) that shares an email,
  a phone or the profile URL: the same person, updated (merged automatically);
- anything less (the same name at the same company, or a shared address under
  another name) is added as a new contact and reported as a possible duplicate,
  never merged behind the user's back.

Updating respects the user: a field the file owns (name, company, title, level,
emails, phones, profile URL, tags, how you met, notes) is changed only when the
contact still holds what the last import wrote (or nothing), unless
``overwrite``; lists only gain items. Circle, status and everything the user
records (talks, follow-ups, introductions) are never touched by an update.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from peoplelinks.domain.addresses import address_keys
from peoplelinks.domain.companies import company_key
from peoplelinks.domain.enums import Circle, Level
from peoplelinks.domain.fields import now
from peoplelinks.domain.models import Contact
from peoplelinks.errors import InputError
from peoplelinks.gcpause import gc_paused
from peoplelinks.interop.candidates import Candidate, Parsed
from peoplelinks.service.base import validated
from peoplelinks.service.safety import SafetyVerbs

# What an import owns, in the order reported.
OWNED = ("name", "company", "title", "level", "emails", "phones", "profile_url", "tags",
         "how_met", "notes")
_LISTS = frozenset({"emails", "phones", "tags"})
UID = "uid"  # in a contact's ``imported`` record: the file's id for them
# Above this many contacts written, the sorted list, search index and tickler are
# dropped and rebuilt when next needed rather than updated one contact at a time.
REINDEX_ONE_BY_ONE = 500
PROGRESS_EVERY = 500  # people gone through between two progress calls


@dataclass
class Suggestion:
    """A person added who may be someone already here."""

    where: str
    added: Contact
    existing: Contact
    why: str


@dataclass
class ImportReport:
    """What an import did (or, with ``dry_run``, would do)."""

    source: str
    dry_run: bool
    added: list[Contact] = field(default_factory=list)
    updated: list[tuple[Contact, list[str]]] = field(default_factory=list)  # fields changed
    unchanged: list[Contact] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    kept: list[tuple[Contact, str]] = field(default_factory=list)  # fields edited by hand
    suggested: list[Suggestion] = field(default_factory=list)
    backup: Path | None = None

    @property
    def changes(self) -> bool:
        """True when it adds or updates anyone (else there is nothing to take back)."""
        return bool(self.added or self.updated)

    @property
    def summary(self) -> str:
        """One line: "120 added, 3 updated, 40 unchanged, 2 skipped"."""
        return (f"{len(self.added):,} added, {len(self.updated):,} updated, "
                f"{len(self.unchanged):,} unchanged, {len(self.skipped):,} skipped")


def _text(value: Any) -> str:
    """A field's value as the text kept in ``imported`` (lists one item a line)."""
    if type(value) is list:
        return "\n".join(value)
    return str(value)  # text, or a level (a str enum: its value)


class _Matcher:
    """Who is who: the network's contacts by address, name and import record, and the
    people this import adds as it goes (a file may list someone twice)."""

    def __init__(self, contacts: list[Contact], source: str,
                 known: dict[str, int] | None = None) -> None:
        self.source = source
        self.by_address: dict[str, list[int]] = {}
        self.by_uid: dict[str, int] = dict(known or {})
        self.by_name: dict[str, list[int]] = {}
        self.people: dict[int, Contact] = {}
        for contact in contacts:
            self.put(contact)

    def put(self, contact: Contact) -> None:
        self.people[contact.id] = contact
        for key in address_keys(contact):
            ids = self.by_address.setdefault(key, [])
            if contact.id not in ids:
                ids.append(contact.id)
        uid = contact.imported.get(self.source, {}).get(UID)
        if uid:
            self.by_uid[uid] = contact.id
        ids = self.by_name.setdefault(contact.name.casefold(), [])
        if contact.id not in ids:
            ids.append(contact.id)

    def match(self, new: Contact, uid: str) -> tuple[Contact | None, Contact | None, str]:
        """(the contact to update, a possible duplicate to suggest, why)."""
        if uid and uid in self.by_uid:
            return self.people[self.by_uid[uid]], None, ""
        shared = [self.people[i] for key in address_keys(new)
                  for i in self.by_address.get(key, ())]
        for contact in shared:  # imported from this source before, at the same address
            if self.source in contact.imported:
                return contact, None, ""
        name = new.name.casefold()
        for contact in shared:
            if contact.name.casefold() == name:
                return contact, None, ""
        if shared:
            other = shared[0]
            return None, other, f"shares an address with #{other.id} {other.label}"
        key = company_key(new.company)
        same_name = [self.people[cid] for cid in self.by_name.get(name, ())]
        for other in same_name:  # this source's own person, by name and company
            if self.source in other.imported and company_key(other.company) == key:
                return other, None, ""
        for other in same_name:
            if key and company_key(other.company) == key:
                return None, other, f"same name and company as #{other.id} {other.label}"
        return None, None, ""


def _update(old: Contact, new: Contact, source: str, uid: str,
            overwrite: bool) -> tuple[Contact, list[str], list[str]]:
    """``old`` with what ``new`` brings (see the module): (contact, fields changed,
    fields kept because edited by hand)."""
    last = old.imported.get(source, {})
    record = dict(last)
    changes: dict[str, Any] = {}
    kept: list[str] = []
    for name in OWNED:
        value = getattr(new, name)
        if not value or value == Level.UNKNOWN:
            continue  # the file says nothing here
        current = getattr(old, name)
        record[name] = _text(value)
        if name in _LISTS:
            extra = [v for v in value if v.casefold() not in {c.casefold() for c in current}]
            if extra:
                changes[name] = [*current, *extra]
            continue
        if value == current:
            continue
        untouched = not current or current == Level.UNKNOWN or _text(current) == last.get(name)
        if overwrite or untouched:
            changes[name] = value
        else:
            kept.append(name)
    if uid:
        record[UID] = uid
    if changes or record != last:
        imported = {**old.imported, source: record}
        updated = old.model_copy(update={**changes, "imported": imported,
                                         **({"updated": now()} if changes else {})})
        return updated, list(changes), kept
    return old, [], kept


class TransferVerbs(SafetyVerbs):
    """Imports (and, later, exports and merges)."""

    def import_parsed(self, parsed: Parsed, *, circle: Circle | str | None = None,
                      dry_run: bool = False, overwrite: bool = False,
                      known: dict[str, int] | None = None,
                      progress: Callable[[int, int], None] | None = None) -> ImportReport:
        """Add or update the people ``parsed`` from a file (see the module), in one
        write after a backup; ``dry_run`` reports what would happen and writes
        nothing. The write is one change: one undo takes it all back. ``known``:
        the file's ids of people already known to be contacts here (uid -> id);
        ``progress(done, total)`` is called as the people are gone through."""
        with gc_paused():
            return self._import(parsed, circle, dry_run, overwrite, known, progress)

    def _import(self, parsed: Parsed, circle: Circle | str | None, dry_run: bool,
                overwrite: bool, known: dict[str, int] | None,
                progress: Callable[[int, int], None] | None) -> ImportReport:
        report = ImportReport(source=parsed.source, dry_run=dry_run,
                              skipped=list(parsed.skipped))
        matcher = _Matcher(list(self.db.contacts.values()), parsed.source, known)
        changed: dict[int, Contact] = {}
        added: set[int] = set()
        updated: dict[int, list[str]] = {}  # contact id -> fields changed
        unchanged: dict[int, Contact] = {}
        placeholder = 0  # a dry run gives no real ids: it must not use them up
        total = len(parsed.candidates)
        stamp = now()  # one import, one moment: everyone it adds was created then
        for n, candidate in enumerate(parsed.candidates):
            if progress is not None and n % PROGRESS_EVERY == 0:
                progress(n, total)
            new = self._candidate(candidate, circle, report, stamp)
            if new is None:
                continue
            old, maybe, why = matcher.match(new, candidate.uid)
            holder = self.kept(old) if old is not None and old.merged_into else None
            if holder is not None and not holder.in_trash:
                # Merged into someone: here already, as them. Updating them from this
                # row would fight the row of the one kept, import after import.
                if holder.id not in updated and holder.id not in added:
                    unchanged[holder.id] = holder
                continue
            if old is not None and old.in_trash:
                report.skipped.append((candidate.where, f"#{old.id} {old.label} is in the "
                                       "trash (restore them to update them)"))
                continue
            if old is not None:
                result, fields, kept = _update(old, new, parsed.source, candidate.uid,
                                               overwrite)
                if kept:
                    report.kept.append((result, ", ".join(kept)))
                if result is not old:
                    changed[result.id] = result
                    matcher.put(result)
                if result.id in added:
                    continue  # added by this import: counted once, as added
                if fields:
                    unchanged.pop(result.id, None)
                    done = updated.setdefault(result.id, [])
                    done.extend(f for f in fields if f not in done)
                elif result.id not in updated:
                    unchanged[result.id] = result
                continue
            record = {name: _text(value) for name in OWNED
                      if (value := getattr(new, name)) and value != Level.UNKNOWN}
            if candidate.uid:
                record[UID] = candidate.uid
            placeholder -= 1
            cid = placeholder if dry_run else self.db.new_id(Contact)
            person = new.model_copy(update={"id": cid, "imported": {parsed.source: record}})
            added.add(cid)
            changed[cid] = person
            matcher.put(person)
            if maybe is not None:
                report.suggested.append(Suggestion(candidate.where, person, maybe, why))
        report.added = [c for cid, c in changed.items() if cid in added]
        report.updated = [(changed[cid], fields) for cid, fields in updated.items()]
        report.unchanged = list(unchanged.values())
        if dry_run or not changed:
            return report
        return self._write_import(report, changed)

    def _candidate(self, candidate: Candidate, circle: Circle | str | None,
                   report: ImportReport, stamp: datetime) -> Contact | None:
        """The candidate as a valid contact, or None (reported as skipped)."""
        data = {"created": stamp, "updated": stamp, **candidate.fields}
        if circle is not None:
            data["circle"] = circle
        try:
            return validated(Contact, {**data, "id": 0})
        except InputError as exc:
            report.skipped.append((candidate.where, str(exc)))
            return None

    def _write_import(self, report: ImportReport, changed: dict[int, Contact]
                      ) -> ImportReport:
        """Write everything as one change, after a backup."""
        final = list(changed.values())
        report.backup = self.db.backup(f"before-import-{report.source}")
        self.db.commit(final, summary=f"Imported from {report.source}: {report.summary}")
        if len(final) > REINDEX_ONE_BY_ONE:
            self._forget_derived()  # rebuilt when next needed: cheaper than one by one
        else:
            for contact in final:
                self._reindex(contact)
        return report
