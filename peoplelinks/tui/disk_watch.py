"""Noticing, in the terminal app, that another program changed the database files.

The store refuses to write over a file that changed on disk since it was read
(see :mod:`peoplelinks.store.storage`). The app looks earlier, every few
seconds and whenever the terminal gets the focus back, so that the user sees
the new data before typing anything: with no form open (nothing typed that a
reload could make stale) it reloads at once; with a form open it says so, and
reloads when the form is closed or its save is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import ModalScreen

from peoplelinks.domain.text import printable
from peoplelinks.errors import FileChanged, LockLost, PeopleLinksError

if TYPE_CHECKING:
    from peoplelinks.tui.app import PeopleLinksApp

# How often the files are looked at (two stat calls: cheap).
INTERVAL = 2.0


class DiskWatch:
    """Watches the app's database files and reloads them when they change."""

    def __init__(self, app: PeopleLinksApp) -> None:
        self.app = app
        self._warned = False
        self._told = 0  # how many of the database's warnings the user has seen

    def start(self) -> None:
        """Look every :data:`INTERVAL` seconds, from now on."""
        self.app.set_interval(INTERVAL, self.check, name="disk-watch")

    def check(self) -> None:
        """Reload if the files changed and nothing typed is open; otherwise say so once."""
        service = self.app.service
        if service is None or service.db.read_only:
            return
        what = service.changed_on_disk()
        if what is None:
            self._warned = False
            return
        if isinstance(self.app.screen, ModalScreen):
            if not self._warned:
                self._warned = True
                self.app.notify(printable(f"{what}: it will be reloaded when you close "
                                          "this; saving now is refused"),
                                markup=False, severity="warning", timeout=8)
            return
        self.reload(what)

    def reload(self, why: str) -> bool:
        """Read the database again and redraw; True when it could be read."""
        service = self.app.service
        try:
            read = service.reload()
        except PeopleLinksError as exc:
            self.app.notify(printable(f"{why}, and it cannot be read: {exc}. Nothing "
                                              "will be written; quit and check it with "
                                              "'peoplelinks doctor'"), markup=False,
                            severity="error", timeout=15)
            return False
        self._warned = False
        self.app.data_changed()
        if read:  # (otherwise the warning says it was written again)
            self.app.notify(printable(f"{why}: reloaded"), markup=False, severity="warning",
                            timeout=6)
        self.tell_warnings()
        return True

    def tell_warnings(self) -> None:
        """Show the database's warnings the user has not seen yet (a journal set aside)."""
        warnings = self.app.service.db.warnings
        for message in warnings[self._told:]:
            self.app.notify(printable(message), markup=False, severity="warning", timeout=15)
        self._told = len(warnings)

    def store_error(self, exc: PeopleLinksError) -> None:
        """Tell the user a write was refused; after a change on disk, reload."""
        if isinstance(exc, FileChanged):
            if self.reload(exc.what):
                self.app.notify("Nothing was changed: the file on disk had changed. "
                                "Look, then try again.", severity="warning", timeout=8)
            return
        timeout = 15 if isinstance(exc, LockLost) else 8
        self.app.notify(printable(str(exc)), markup=False, severity="error", timeout=timeout)
