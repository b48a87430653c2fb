"""Keeping data safe: undo and redo, batches, backups and restore, reloading after a
change on disk, quarantine, and the doctor's checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from peoplelinks.domain import graph
from peoplelinks.service.strategy import StrategyVerbs
from peoplelinks.store.history import ChangeInfo


@dataclass
class Problem:
    """Something ``doctor`` found."""

    where: str
    message: str


class SafetyVerbs(StrategyVerbs):
    """Undo, redo, batches, backups, restore, reload, quarantine and doctor."""

    def undo(self) -> ChangeInfo:
        """Undo the last change (whatever made it: the TUI, the CLI, an import)."""
        info, docs = self.db.undo()
        self._refresh_derived(docs)
        return info

    def redo(self) -> ChangeInfo:
        """Redo the last undone change."""
        info, docs = self.db.redo()
        self._refresh_derived(docs)
        return info

    def changes(self) -> tuple[list[ChangeInfo], list[ChangeInfo]]:
        """What :meth:`undo` and :meth:`redo` would take back, the next one first."""
        return self.db.changes()

    def changed_on_disk(self) -> str | None:
        """What another program changed in the database files since we read them."""
        return self.db.changed_on_disk()

    def reload(self) -> bool:
        """Read the database again (it changed on disk) and forget what was derived;
        False when the file was gone and was written again from memory instead."""
        read = self.db.reload()
        self._forget_derived()
        return read

    @contextmanager
    def batch(self, summary: str) -> Iterator[None]:
        """Run several verbs as one change (one write, one undo): a bulk operation."""
        try:
            with self.db.batch(summary):
                yield
        except BaseException:
            self._forget_derived()  # memory went back; what was derived from it goes too
            raise

    def backup(self, reason: str) -> Path | None:
        """Back up the database as it is now, before ``reason`` (e.g. "before-demo")."""
        return self.db.backup(reason)

    def restore(self, source: Path) -> tuple[int, Path | None]:
        """Make the data what the backup ``source`` holds, as one undoable change, after
        backing up what it replaces; return (documents changed, that backup)."""
        saved = self.db.backup("before-restore")
        changed = self.db.replace_all(source, summary=f"Restored {source.name}")
        self._forget_derived()
        return changed, saved

    def quarantine(self) -> int:
        """Move the records that cannot be read to the quarantine table (undoable)."""
        return self.db.quarantine()

    def doctor(self) -> list[Problem]:
        """Check every record and the links between them."""
        found = [Problem(f"{p.table} #{p.doc_id}", p.message) for p in self.db.all_problems()]
        contacts = self.db.contacts
        for contact in contacts.values():
            if contact.introduced_by and contact.introduced_by not in contacts:
                found.append(Problem(f"contacts #{contact.id}",
                                     f"introduced_by: no contact has id {contact.introduced_by}"))
        for cycle in graph.find_cycles(self.db.parents):
            names = " → ".join(contacts[i].name for i in [*cycle, cycle[0]])
            found.append(Problem(f"contacts #{cycle[0]}", f"introduction cycle: {names}"))
        for item in self.db.interactions.values():
            for cid in [*item.contact_ids, *item.referrals]:
                if cid not in contacts:
                    found.append(Problem(f"interactions #{item.id}", f"no contact has id {cid}"))
        for fu in self.db.followups.values():
            if fu.contact_id not in contacts:
                found.append(Problem(f"followups #{fu.id}", f"no contact has id {fu.contact_id}"))
            if fu.interaction_id and fu.interaction_id not in self.db.interactions:
                found.append(Problem(f"followups #{fu.id}",
                                     f"no interaction has id {fu.interaction_id}"))
        return found
