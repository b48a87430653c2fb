"""Import people from a file (``I``, the palette, and the welcome screen's "Import
your LinkedIn connections"): LinkedIn's Connections.csv, vCards (a file or a
folder), Google Contacts' CSV, or a peoplelinks export.

Type or complete the file's path (``tab`` completes, as in a shell), choose what
it is, and press ``enter``: the screen shows what the import would do (added,
updated, unchanged, skipped with the line and why, and people who may already be
here) without writing anything. ``ctrl+s`` then imports it, as one change that
``ctrl+z`` takes back; a progress bar follows a large file. The file is read and
matched in a thread, so the screen keeps answering.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Select, Static
from textual.worker import get_current_worker
from textual_autocomplete import PathAutoComplete

from peoplelinks.domain.text import plural
from peoplelinks.errors import PeopleLinksError
from peoplelinks.interop.readers import read_people
from peoplelinks.service import ImportReport, PeopleLinks

KINDS = [("LinkedIn connections (Connections.csv)", "linkedin"),
         ("vCards (a .vcf file, or a folder of them)", "vcard"),
         ("Google Contacts (CSV)", "google"),
         ("A peoplelinks export (JSON)", "json")]
HINT = "enter preview · ctrl+s import · tab completes · esc close"
SHOWN = 6  # lines of skipped people and suggestions shown in the preview


@dataclass(frozen=True)
class Imported:
    """What was imported (the screen's result)."""

    summary: str
    first_id: int | None  # a contact to show after it


def describe(report: ImportReport) -> Content:
    """The preview (or the outcome) of an import, for people."""
    would = "would be " if report.dry_run else ""
    parts: list[Content | str | tuple[str, str]] = [
        (f"{plural(len(report.added), 'contact')} {would}added", "bold"),
        f", {len(report.updated):,} {would}updated, {len(report.unchanged):,} unchanged, "
        f"{len(report.skipped):,} skipped"]
    for where, why in report.skipped[:SHOWN]:
        parts += ["\n  ", (f"{where}: ", "dim"), why]
    if len(report.skipped) > SHOWN:
        parts.append(f"\n  … and {len(report.skipped) - SHOWN:,} more skipped")
    for found in report.suggested[:SHOWN]:
        parts += ["\n  ", (f"{found.where}: ", "dim"), f"{found.added.name}: {found.why}"]
    for contact, fields in report.kept[:SHOWN]:
        parts += ["\n  ", f"{contact.name}: your {fields} kept (edited since)"]
    return Content.assemble(*parts)


class ImportScreen(ModalScreen[Imported | None]):
    """Choose a file, see what importing it would do, import it."""

    BINDINGS = [
        Binding("ctrl+s", "import_now", "Import", priority=True),
        Binding("escape", "close", "Close", priority=True),
    ]

    def __init__(self, service: PeopleLinks, kind: str = "linkedin") -> None:
        super().__init__()
        self.service = service
        self.kind = kind
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box") as box:
            box.border_title = "Import people from a file"
            box.border_subtitle = HINT
            with Horizontal(classes="field-row"):
                yield Label("File", classes="field-label")
                yield Input(id="path", compact=True,
                            placeholder="~/Downloads/Connections.csv")
            with Horizontal(classes="field-row"):
                yield Label("It is", classes="field-label")
                yield Select(KINDS, id="kind", value=self.kind, allow_blank=False,
                             compact=True)
            yield ProgressBar(id="progress", show_eta=False)
            yield Static("", id="import-note", markup=False)
            # enter previews (tab completes): one enter, not one to pick and one to go.
            yield PathAutoComplete("#path", path=Path.home(), prevent_default_enter=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#path", Input).focus()

    # ---- reading the file ---------------------------------------------------

    def _path(self) -> Path | None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._say(Content("Type the path of the file to import."))
            return None
        return Path(text).expanduser()

    def _say(self, text: Content) -> None:
        self.query_one("#import-note", Static).update(text)

    @on(Input.Submitted, "#path")
    def _preview(self) -> None:
        self._start(dry_run=True)

    def action_import_now(self) -> None:
        self._start(dry_run=False)

    def action_close(self) -> None:
        if not self._busy:  # a write under way finishes first
            self.dismiss(None)

    def _start(self, *, dry_run: bool) -> None:
        path = self._path()
        if path is None or self._busy:
            return
        self._busy = True
        kind = str(self.query_one("#kind", Select).value)
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._say(Content(f"Reading {path.name}…"))
        self.run_worker(lambda: self._work(path, kind, dry_run), thread=True,
                        exclusive=True, name="import")

    def _work(self, path: Path, kind: str, dry_run: bool) -> None:
        """In a thread: read, match and (unless a dry run) write."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._progress, done, total)

        try:
            result: Any
            if kind == "json":
                result = self.service.import_json(path, dry_run=dry_run)
            else:
                result = self.service.import_parsed(read_people(kind, path), dry_run=dry_run,
                                                    progress=progress)
        except PeopleLinksError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._finished, result, dry_run)

    def _progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)

    def _failed(self, message: str) -> None:
        self._busy = False
        self.query_one(ProgressBar).display = False
        self._say(Content.styled(message, "$text-error"))

    def _finished(self, result: Any, dry_run: bool) -> None:
        self._busy = False
        self.query_one(ProgressBar).display = False
        report: ImportReport = result if isinstance(result, ImportReport) else result.contacts
        if dry_run:
            extra = "" if isinstance(result, ImportReport) else f" ({result.summary})"
            self._say(Content.assemble(describe(report), extra,
                                       ("\nctrl+s imports it; one ctrl+z takes it back.",
                                        "dim")))
            return
        summary = result.summary if not isinstance(result, ImportReport) else report.summary
        first = report.added[0].id if report.added else None
        self.dismiss(Imported(summary=summary, first_id=first))
