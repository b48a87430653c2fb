"""Import people from a file (``I``, the palette, and the welcome screen's "Import
your LinkedIn connections"): LinkedIn's Connections.csv, vCards (a file or a
folder), Google Contacts' CSV, any CSV (columns matched by their headers, or as
the "Columns" field says), or a peoplelinks export.

Type or complete the file's path (``tab`` completes, as in a shell), choose what
it is, and press ``enter``: the screen shows what the import would do (added,
updated, unchanged, skipped with the line and why, and people who may already be
here; for any CSV, which column goes to which field) without writing anything.
``ctrl+s`` then imports it, as one change that ``ctrl+z`` takes back; a progress
bar follows a large file. The file is read and matched in a thread, so the screen
keeps answering.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, Select
from textual.worker import get_current_worker

from peoplelinks.domain.text import plural, printable
from peoplelinks.interop.readers import read_people
from peoplelinks.service import ImportReport, PeopleLinks
from peoplelinks.tui.screens.file_dialog import FileScreen

KINDS = [("LinkedIn connections (Connections.csv)", "linkedin"),
         ("vCards (a .vcf file, or a folder of them)", "vcard"),
         ("Google Contacts (CSV)", "google"),
         ("Any CSV (columns matched by their headers)", "csv"),
         ("A peoplelinks export (JSON)", "json")]
SHOWN = 6  # lines of skipped people and suggestions shown in the preview


@dataclass(frozen=True)
class Imported:
    """What was imported (the screen's result)."""

    summary: str
    first_id: int | None  # a contact to show after it
    changes: bool = True  # False: nothing was added or updated (nothing to take back)

    @property
    def message(self) -> str:
        """What to tell the user once it is done."""
        if not self.changes:
            return f"Nothing new to import: {self.summary}"
        return f"Imported: {self.summary} (ctrl+z takes it back)"


def describe(report: ImportReport) -> Content:
    """The preview (or the outcome) of an import, for people."""
    would = "would be " if report.dry_run else ""
    parts: list[Content | str | tuple[str, str]] = [
        (f"{plural(len(report.added), 'contact')} {would}added", "bold"),
        f", {len(report.updated):,} {would}updated, {len(report.unchanged):,} unchanged, "
        f"{len(report.skipped):,} skipped"]
    # Where and why name files and quote their lines: never let a code through.
    for where, why in report.skipped[:SHOWN]:
        parts += ["\n  ", (f"{printable(where)}: ", "dim"), printable(why)]
    if len(report.skipped) > SHOWN:
        parts.append(f"\n  … and {len(report.skipped) - SHOWN:,} more skipped")
    for found in report.suggested[:SHOWN]:
        parts += ["\n  ", (f"{printable(found.where)}: ", "dim"),
                  f"{found.added.name}: {found.why}"]
    for contact, fields in report.kept[:SHOWN]:
        parts += ["\n  ", f"{contact.name}: your {fields} kept (edited since)"]
    return Content.assemble(*parts)


class ImportScreen(FileScreen[Imported | None]):
    """Choose a file, see what importing it would do, import it."""

    BINDINGS = [Binding("ctrl+s", "import_now", "Import", priority=True)]
    BOX_TITLE = "Import people from a file"
    HINT = "enter preview · ctrl+s import · tab completes · esc close"
    PLACEHOLDER = "~/Downloads/Connections.csv"
    BUSY = "Reading or importing the file."
    KINDS = KINDS

    def __init__(self, service: PeopleLinks, kind: str = "linkedin") -> None:
        super().__init__(kind)
        self.service = service

    def compose_more(self) -> ComposeResult:
        with Horizontal(classes="field-row", id="columns-row"):
            yield Label("Columns", classes="field-label")
            yield Input(id="columns", compact=True,
                        placeholder="optional: Org=company, E-mail=emails")

    def on_mount(self) -> None:
        super().on_mount()
        self._show_columns()

    def _show_columns(self) -> None:
        self.query_one("#columns-row").display = self.chosen_kind() == "csv"

    @on(Select.Changed, "#kind")
    def _kind_changed(self) -> None:
        self._show_columns()
        self.say(Content(""))  # what was said was about the other kind

    @on(Input.Submitted)
    def _preview(self) -> None:
        self._go(dry_run=True)

    def action_import_now(self) -> None:
        self._go(dry_run=False)

    def _go(self, *, dry_run: bool) -> None:
        path = self.typed_path("Type the path of the file to import.")
        if path is None:
            return
        kind = self.chosen_kind()
        columns = self.query_one("#columns", Input).value
        doing = f"Reading {path.name}…" if dry_run else f"Importing {path.name}…"
        self.start(lambda: self._work(path, kind, columns, dry_run), doing,
                   lambda done: self._finished(done[0], done[1], dry_run))

    def _work(self, path: Path, kind: str, columns: str, dry_run: bool) -> tuple[Any, str]:
        """In a thread: read, match and (unless a dry run) write; return the report and,
        for any CSV, which column went to which field."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.progress, done, total)

        if kind == "json":
            return self.service.import_json(path, dry_run=dry_run), ""
        mapping = ""
        if kind == "csv":
            from peoplelinks.interop.csv_import import parse_map, read_generic  # noqa: PLC0415

            given = parse_map([p for p in columns.split(",") if p.strip()])
            parsed, columns_to = read_generic(path, given)
            mapping = ", ".join(f"{c} → {f}" for c, f in columns_to.items())
        else:
            parsed = read_people(kind, path)
        return self.service.import_parsed(parsed, dry_run=dry_run, progress=progress), mapping

    def _finished(self, result: Any, mapping: str, dry_run: bool) -> None:
        report: ImportReport = result if isinstance(result, ImportReport) else result.contacts
        if dry_run:
            extra = "" if isinstance(result, ImportReport) else f" ({result.summary})"
            columns = f"\ncolumns: {printable(mapping)}" if mapping else ""
            then = ("\nctrl+s imports it; one ctrl+z takes it back." if result.changes else
                    "\nNothing to import: everyone in it is here already, as it says.")
            self.say(Content.assemble(describe(report), extra, columns, (then, "dim")))
            return
        summary = result.summary if not isinstance(result, ImportReport) else report.summary
        first = report.added[0].id if report.added else None
        self.dismiss(Imported(summary=summary, first_id=first, changes=result.changes))
