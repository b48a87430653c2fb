"""Leave a database as a crashed writer would: changes in the journal, nothing folded."""

from __future__ import annotations

from pathlib import Path

from peoplelinks.service import PeopleLinks


def crash_after_adding(path: Path, *names: str) -> Path:
    """Add ``names`` and stop as a SIGKILL would (no close, no fold); return the journal."""
    app = PeopleLinks.open(path)
    for name in names:
        app.add_contact({"name": name})
    app.db.storage._close_journal()
    app.db._lock.release()
    return app.db.storage.journal_path


def drop_journal_line(journal: Path, index: int) -> None:
    """Delete one line of the journal (a write lost)."""
    lines = journal.read_bytes().splitlines(keepends=True)
    del lines[index]
    journal.write_bytes(b"".join(lines))
