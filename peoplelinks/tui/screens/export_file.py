"""Export the network to a file (``X`` and the palette): everything as JSON (to
restore or move), the contacts as vCards (one file, or a vdir that khard and
vdirsyncer read), as CSV for a spreadsheet, the follow-ups and plans as a
calendar, or the network on one Markdown page.

The path starts as a name in the home folder that suits what is chosen (and
follows the choice until edited); ``tab`` completes. ``enter`` or ``ctrl+s``
writes; an existing file is replaced only after a second press. The export runs
in a thread, so the screen keeps answering at 30,000 contacts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Select

from peoplelinks.domain.text import plural
from peoplelinks.service import PeopleLinks
from peoplelinks.service.exchange import export_name
from peoplelinks.tui.screens.file_dialog import FileScreen

# choice -> (format, options of export_to)
CHOICES: dict[str, tuple[str, dict[str, Any]]] = {
    "json": ("json", {}),
    "vcard": ("vcard", {}),
    "vdir": ("vcard", {"vdir": True}),
    "csv": ("csv", {}),
    "csv-bom": ("csv", {"bom": True}),
    "ics": ("ics", {}),
    "ics-todo": ("ics", {"todo": True}),
    "md": ("md", {}),
}
KINDS = [("Everything, to restore or move (JSON)", "json"),
         ("Contacts as vCards, in one file (.vcf)", "vcard"),
         ("Contacts as vCards, a file each (a vdir: khard, vdirsyncer)", "vdir"),
         ("Contacts for a spreadsheet (CSV)", "csv"),
         ("Contacts for Excel (CSV with a byte-order mark)", "csv-bom"),
         ("Follow-ups, plans, keep-in-touch days for a calendar (.ics)", "ics"),
         ("The same as to-dos (.ics, VTODO)", "ics-todo"),
         ("The network on one page (Markdown)", "md")]

# What each choice writes, said under the fields.
ABOUT = {
    "json": "Everything: contacts, talks, follow-ups, plans, the objective, goals and "
            "settings. Imported into an empty database, it restores it exactly.",
    "vcard": "The contacts (not those in the trash) as vCard 3.0, for a phone, Apple "
             "Contacts or Google Contacts.",
    "vdir": "A folder with one .vcf per contact, named after a UID that never changes: "
            "export again to update it. khard reads it; vdirsyncer syncs it with a "
            "CardDAV server.",
    "csv": "The contacts with their last and next contact, safe in a spreadsheet (a "
           "cell that looks like a formula is shown as text).",
    "csv-bom": "The same, starting with a byte-order mark so that Excel reads accents "
               "right.",
    "ics": "Open follow-ups, planned meetings and keep-in-touch days (90 days ahead) as "
           "all-day events with a reminder; a newer file updates them in the calendar.",
    "ics-todo": "The same as to-dos (Google Calendar ignores to-dos).",
    "md": "The network on one page: per circle and target company, who, when you last "
          "spoke, what is open.",
}


@dataclass(frozen=True)
class Exported:
    """What was written (the screen's result)."""

    summary: str


def _shown(path: Path) -> str:
    """``path`` with the home folder as ``~``."""
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


class ExportScreen(FileScreen[Exported | None]):
    """Choose what to export and where; write it."""

    BINDINGS = [Binding("ctrl+s", "export_now", "Export", priority=True)]
    BOX_TITLE = "Export to a file"
    HINT = "enter or ctrl+s export · tab completes · esc close"
    KIND_LABEL = "Write"
    BUSY = "Writing the file."
    KINDS = KINDS

    def __init__(self, service: PeopleLinks, kind: str = "json") -> None:
        super().__init__(kind)
        self.service = service
        self._suggested = ""  # the path proposed for the choice, until edited
        self._confirmed: Path | None = None  # an existing file the user chose to replace

    def on_mount(self) -> None:
        super().on_mount()
        self._suggest()
        self._about()

    def _about(self) -> None:
        self.say(Content.styled(ABOUT[self.chosen_kind()], "dim"))

    def _suggest(self) -> None:
        """Propose a name for the choice, unless the user typed their own."""
        field = self.path_input
        if field.value and field.value != self._suggested:
            return
        fmt, options = CHOICES[self.chosen_kind()]
        name = export_name(fmt, self.service.today, vdir=bool(options.get("vdir")))
        self._suggested = _shown(Path.home() / name)
        field.value = self._suggested
        field.cursor_position = len(field.value)

    @staticmethod
    def _warning(path: Path, options: dict[str, Any]) -> Content | None:
        """What to say before writing over something, or None."""
        if not options.get("vdir"):
            if path.is_file():
                return Content.assemble(
                    (f"{_shown(path)} exists.", "$text-warning"),
                    " Press enter or ctrl+s again to replace it, or change the name.")
            return None
        if path.is_dir() and (held := sum(1 for _ in path.iterdir())):
            return Content.assemble(
                (f"{_shown(path)} holds {plural(held, 'file')}.", "$text-warning"),
                " Cards peoplelinks wrote there are updated and other files left alone, so "
                "someone also in another card there is listed twice. Press enter or ctrl+s "
                "again to write into it, or change the name.")
        return None

    @on(Select.Changed, "#kind")
    def _kind_changed(self) -> None:
        self._suggest()
        self._confirmed = None
        self._about()

    @on(Input.Submitted, "#path")
    def _submitted(self) -> None:
        self.action_export_now()

    def action_export_now(self) -> None:
        path = self.typed_path("Type the path of the file to write.")
        if path is None:
            return
        fmt, options = CHOICES[self.chosen_kind()]
        if self._confirmed != path and (warning := self._warning(path, options)):
            self._confirmed = path  # the next press goes ahead
            self.say(warning)
            return
        self.start(lambda: self.service.export_to(fmt, path, **options),
                   f"Writing {path.name}…", lambda summary: self.dismiss(Exported(summary)))
