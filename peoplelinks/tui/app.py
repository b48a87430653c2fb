"""The Textual application: the main screen on a service, or a welcome when empty.

Launched on a path, the app shows its first frame at once and opens the
database in a thread (reading and validating 80,000 records takes about a
second); the main screen replaces the loading screen when it is ready.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.driver import Driver
from textual.screen import ModalScreen, Screen
from textual.widgets import TextArea
from textual.worker import get_current_worker

from peoplelinks.domain.models import Contact
from peoplelinks.domain.text import clean_text, printable
from peoplelinks.errors import PeopleLinksError
from peoplelinks.gcpause import defer_full_collections, keep_for_good
from peoplelinks.service import PeopleLinks
from peoplelinks.store.database import Problem
from peoplelinks.store.lazytable import UI_BATCH
from peoplelinks.store.makecache import make_cache, needs_cache
from peoplelinks.tui.cells import install as install_grapheme_cuts
from peoplelinks.tui.disk_watch import DiskWatch
from peoplelinks.tui.key_gate import KeyGate
from peoplelinks.tui.palette import CommandsProvider, ContactsProvider
from peoplelinks.tui.screens.form import FormScreen
from peoplelinks.tui.screens.loading import LoadingScreen
from peoplelinks.tui.screens.main import MainScreen
from peoplelinks.tui.screens.objective import ObjectiveScreen
from peoplelinks.tui.screens.theme_picker import ThemePicker
from peoplelinks.tui.screens.today import TodayScreen
from peoplelinks.tui.screens.welcome import WelcomeScreen
from peoplelinks.tui.widgets.contact_card import card_content
from peoplelinks.tui.widgets.footer import KeysFooter

F = TypeVar("F", bound="FormScreen[Any]")


class PeopleLinksApp(App[None]):
    """peoplelinks in the terminal: give it an open service, or a path to open."""

    TITLE = "peoplelinks"
    CSS_PATH = "app.tcss"
    # Textual's own commands come from CommandsProvider, after the app's (see palette).
    COMMANDS = {CommandsProvider, ContactsProvider}

    def __init__(self, service: PeopleLinks | None = None, *, path: Path | None = None,
                 today_first: bool = False) -> None:
        super().__init__()
        # Open on today's list when something is due (the app run from the command
        # line does; tests and screenshots start on the main screen unless they ask).
        self.today_first = today_first
        install_grapheme_cuts()  # crops keep joined emoji whole (see tui.cells)
        if service is None and path is None:
            raise ValueError("PeopleLinksApp needs a service or a path")
        self.service: PeopleLinks = service  # type: ignore[assignment]
        self.path = path
        self.error: str | None = None
        self._gc_thresholds = gc.get_threshold()  # put back when the app ends
        self._forms: dict[type[FormScreen[Any]], FormScreen[Any]] = {}
        self._key_gate = KeyGate(self, self._handle_input)
        self.disk = DiskWatch(self)

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        if sys.platform != "win32":
            from textual.drivers.linux_driver import LinuxDriver

            from peoplelinks.tui.terminal_input import PasteSafeDriver

            if driver is LinuxDriver:  # a bracketed paste arrives whole (see terminal_input)
                return PasteSafeDriver
        return driver

    async def on_event(self, event: events.Event) -> None:
        # Keys and pastes from the terminal go through one at a time (see key_gate).
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            for screen in self.screen_stack:  # the user is busy: keep the UI's share
                if isinstance(screen, MainScreen):
                    screen.hold_preparing()
            await self._key_gate.arrive(event)
        else:
            await super().on_event(event)

    async def _handle_input(self, event: events.Key | events.Paste) -> None:
        """What Textual does with a key or a paste; a paste cleaned first, as typed text is
        cleaned when stored: no escape sequences or control characters, and line breaks
        only where the field has lines (every text field gets it: it happens here)."""
        if isinstance(event, events.Paste):
            event.text = clean_text(event.text, multiline=isinstance(self.focused, TextArea),
                                    strip=False)
            if not event.text:
                return  # nothing left to paste (it would still replace a selection)
        await super().on_event(event)

    def on_mount(self) -> None:
        self._gc_thresholds = defer_full_collections()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.screen_change_signal.subscribe(self, self._give_footer)
        if self.service is not None:
            self._show(self.service)
            return
        assert self.path is not None
        self.push_screen(LoadingScreen(self.path))
        # Start reading once the loading screen is on the terminal.
        self.call_after_refresh(self.run_worker, self._open, thread=True, exclusive=True,
                                name="open-database")

    def on_unmount(self) -> None:
        gc.set_threshold(*self._gc_thresholds)

    def _open(self) -> None:
        assert self.path is not None
        worker = get_current_worker()
        try:
            if needs_cache(self.path):
                # Read whole in a process of its own (see peoplelinks.store.makecache):
                # the app then opens from the cache and never holds what reading took.
                self.call_from_thread(self._reading_whole)
                make_cache(self.path, cancelled=lambda: worker.is_cancelled)
            service = PeopleLinks.open(self.path, cached=True)
            # What the first screen needs is worked out here, beside the loading screen,
            # rather than in the UI thread: the card's indexes; and for today's list
            # (it may come first) what is due. The main screen draws the list off the
            # stored names and works out what is due beside the UI; every record is
            # validated once the screen is drawn (_show).
            service.db.build_indexes()
            # The first card's records too (the main screen opens on the list by name):
            # read from the cache here, the UI thread then finds them validated.
            first = service.browse_ids()[:1]
            contact = service.db.contacts.get(first[0]) if first else None
            if contact is not None:  # (not valid: the card says so, as the UI finds it)
                card_content(service, contact)
            if self.today_first:
                service.db.validate_now("contacts", "followups", "plans")
                service.due()
        except PeopleLinksError as exc:
            self.call_from_thread(self._failed, str(exc))
            return
        if worker.is_cancelled:
            service.close()
            return
        self.call_from_thread(self._show, service)

    def _reading_whole(self) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.reading_whole()

    def _failed(self, message: str) -> None:
        self.error = message
        self.exit(return_code=1)

    def _show(self, service: PeopleLinks) -> None:
        self.service = service
        saved = service.theme
        if saved and saved in self.available_themes and saved != self.theme:
            self.theme = saved
        if self.path is None:  # a small file, opened before the first frame: all at once
            service.db.all_problems()
        main = MainScreen(service)
        if isinstance(self.screen, LoadingScreen):
            self.switch_screen(main)
        else:
            self.push_screen(main)
        if not service.count():
            self.push_screen(WelcomeScreen(service))
        elif self.today_first and service.due().count:
            self.push_screen(TodayScreen(service), main._today_chosen)
        self.disk.tell_warnings()
        if service.db.validated():
            self._tell_problems(service.db.problems)
        else:  # the rest beside the UI once the list is drawn, then what could not be read
            self.call_after_refresh(self.run_worker, lambda: self._validate_rest(service),
                                    thread=True, name="validate-rest")
        self.disk.start()

    def _validate_rest(self, service: PeopleLinks) -> None:
        # (Opened from its cache, the file itself is never read: saves take what they
        # replace from the cache; see peoplelinks.store.overlay.)
        # In small batches: each holds the interpreter, and keys wait for it.
        problems = list(service.db.all_problems(batch=UI_BATCH))
        keep_for_good()  # every record: out of the collector's scans
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._validated, problems)

    def _validated(self, problems: list[Problem]) -> None:
        """Every record is validated: a contact that is not valid leaves the list drawn
        off the stored names; say what could not be read."""
        if any(p.table == "contacts" for p in problems):
            for screen in self.screen_stack:
                if isinstance(screen, MainScreen):
                    screen.refresh_list()
        self._tell_problems(problems)

    def _tell_problems(self, problems: Sequence[object]) -> None:
        if problems:
            self.notify(f"{len(problems)} record(s) could not be read and are left untouched "
                        "(not shown) — run 'peoplelinks doctor'", severity="warning",
                        timeout=20, markup=False)

    def on_app_focus(self) -> None:
        """The terminal has the focus again: the files may have changed meanwhile."""
        self.disk.check()

    def store_error(self, exc: PeopleLinksError) -> None:
        """Tell the user a write was refused (after a change on disk: reload)."""
        self.disk.store_error(exc)

    def reload_database(self, why: str) -> bool:
        """Read the database again now (it changed on disk); True when it could be."""
        return self.disk.reload(why)

    def data_changed(self) -> None:
        """The data changed underneath the screens (a reload): redraw the main screen."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.show_data_changed(screen.contact_list.highlighted,
                                         screen.contact_list.cursor)
            elif isinstance(screen, ObjectiveScreen):
                screen.redraw()

    def _remember_theme(self, theme: object) -> None:
        if self.service is None:
            return
        try:
            self.service.set_theme(self.theme)
        except PeopleLinksError as exc:
            self.store_error(exc)

    def action_pick_theme(self) -> None:
        """Pick a theme from a list (it is remembered)."""
        def picked(name: str | None) -> None:
            if name and name != self.theme:
                self.theme = name
                self.notify(f"Theme: {self.theme}", timeout=2, markup=False)

        self.push_screen(ThemePicker(list(self.available_themes), self.theme), picked)

    def _give_footer(self, screen: Screen[Any]) -> None:
        """A modal (a form, a question, help, the palette) shows its own keys at the
        bottom, not the main screen's."""
        if isinstance(screen, ModalScreen) and not screen.query(KeysFooter):
            screen.mount(KeysFooter())

    def form(self, kind: type[F], contact: Contact | None, **state: Any) -> F:
        """The form ``kind`` about ``contact``, filled afresh and ready to push.

        One instance of each form is kept installed and reopened (see
        :class:`FormScreen`): a form opens and closes several times faster."""
        screen = self._forms.get(kind)
        if screen is None:
            screen = kind(self.service, contact, **state)
            self.install_screen(screen, name=f"form-{kind.__name__}")
            self._forms[kind] = screen
        else:
            screen.reopen(contact, **state)
        return screen  # type: ignore[return-value]

    def jump_to(self, contact_id: int) -> None:
        """Show ``contact_id`` on the main screen."""
        came_from_welcome = isinstance(self.screen, WelcomeScreen)
        while isinstance(self.screen, WelcomeScreen):
            self.pop_screen()
        if isinstance(self.screen, MainScreen):
            if came_from_welcome:  # the main screen was drawn on an empty database
                self.screen.refresh_all(keep=contact_id)
            self.screen.jump_to(contact_id)


# Below this size the database opens before the first frame (a few tens of ms);
# above it the app shows a loading screen and opens it in a thread.
OPEN_IN_THREAD_BYTES = 2_000_000


def run(path: Path) -> int:
    """Run the app on the database at ``path`` until the user quits; return the exit code."""
    try:
        large = path.stat().st_size > OPEN_IN_THREAD_BYTES
    except OSError:
        large = False
    # PEOPLELINKS_START=main opens on the main screen even when something is due.
    today_first = os.environ.get("PEOPLELINKS_START", "today").strip().lower() != "main"
    app = (PeopleLinksApp(path=path, today_first=today_first) if large else
           PeopleLinksApp(PeopleLinks.open(path, cached=True), today_first=today_first))
    try:
        app.run()
    finally:
        if app.service is not None:
            seen = len(app.service.db.warnings)
            app.service.close()
            # A fold that failed on the way out: the changes are safe in the journal.
            for message in app.service.db.warnings[seen:]:
                sys.stderr.write(f"warning: {printable(message)}\n")
    if app.error:
        sys.stderr.write(f"error: {printable(app.error)}\n")
        return 1
    return 0
