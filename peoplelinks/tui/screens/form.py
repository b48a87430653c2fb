"""What the data-entry modals share: errors shown under the field they name,
and escape asking before typed text is thrown away."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static, TextArea

from peoplelinks.domain.dates import Direction, parse_date
from peoplelinks.domain.models import Contact
from peoplelinks.errors import FileChanged, InputError, PeopleLinksError
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.widgets.contact_autocomplete import ContactAutoComplete

T = TypeVar("T")


def date_preview(text: str, today: date, field: str,
                 parse: Callable[[str], date] | None = None) -> tuple[Content, bool]:
    """What a typed date means, for the line under the field: (text, is it an error).

    Read with ``parse`` if given, else looking the way the field does
    (:meth:`Direction.of`: ``date`` back, ``due`` ahead), as the save will."""
    if not text.strip():
        return Content(""), False
    try:
        day = (parse(text) if parse else
               parse_date(text, today, field=field, direction=Direction.of(field)))
    except InputError as exc:
        return Content(str(exc)), True
    return Content(f"→ {day:%A %d %B %Y}"), False


def show_preview(label: Static, text: str, today: date, field: str,
                 parse: Callable[[str], date] | None = None) -> None:
    """Update a preview label with :func:`date_preview`."""
    content, error = date_preview(text, today, field, parse)
    label.update(content)
    label.set_class(error, "-error")


class FormScreen(ModalScreen[T]):
    """A modal form about a contact (or none); ``ctrl+s`` runs ``action_save``.

    Subclasses compose empty fields and give :meth:`fill` (what the form opens
    with), :meth:`first_field` (where the cursor starts) and :meth:`_raw` (what is
    typed). They hold, for each field ``x``, an ``#x`` widget with an
    ``#x-error`` Static under it, plus one ``#form-error`` Static for errors that
    belong to no field.

    The app keeps one instance of each form and reopens it (:meth:`reopen`):
    building a form's widgets costs Textual 100-250 ms, and tearing them down
    after a save another 40-90 ms during which the app answers nothing."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]
    DISCARD_QUESTION = "Discard what you typed?"

    def __init__(self, service: PeopleLinks, contact: Contact | None = None) -> None:
        super().__init__()
        self.service = service
        self.contact = contact
        self._initial: dict[str, Any] = {}

    def _raw(self) -> dict[str, Any]:
        raise NotImplementedError

    def fill(self) -> None:
        """Put what the form opens with (about :attr:`contact`) in the fields."""
        raise NotImplementedError

    def first_field(self) -> str:
        """The selector of the field the cursor starts in."""
        return "Input"

    def on_mount(self) -> None:
        self._open()

    def reopen(self, contact: Contact | None, **state: Any) -> None:
        """Open again about ``contact``; ``state`` sets other attributes first."""
        self.contact = contact
        for name, value in state.items():
            setattr(self, name, value)
        self._open()

    def _open(self) -> None:
        self.clear_errors()
        for dropdown in self.query(ContactAutoComplete):
            dropdown.action_hide()
        # Filling is not typing: no Changed handler (thank-you default, dropdown) runs.
        with self.prevent(Input.Changed, Select.Changed):
            self.fill()
        for scroll in self.query(VerticalScroll):
            scroll.scroll_home(animate=False)
        self.remember_initial()
        first = self.query_one(self.first_field())
        # Scroll to it once laid out: on a first mount every region is still empty.
        self.set_focus(first, scroll_visible=False)
        self.call_after_refresh(first.scroll_visible, animate=False)

    def on_key(self, event: events.Key) -> None:
        """A printable key that reached the form itself was typed while the form was
        being built, before any field had the cursor: it belongs to the field that
        has the cursor now (a field's own keys never get here)."""
        field = self.focused
        if event.is_printable and isinstance(field, (Input, TextArea)):
            event.stop()
            key = events.Key(event.key, event.character)
            key._set_forwarded()  # not new input, should it bubble back up to the app
            field.post_message(key)

    def set_text(self, field: str, value: str) -> None:
        """Put ``value`` in the Input ``#field``, the cursor after it."""
        widget = self.query_one(f"#{field}", Input)
        widget.value = value
        widget.cursor_position = len(value)

    def remember_initial(self) -> None:
        """Call once the fields are filled: later differences make the form dirty."""
        self._initial = self._raw()

    @property
    def dirty(self) -> bool:
        """True when something differs from what the form opened with."""
        return self._raw() != self._initial

    def clear_errors(self) -> None:
        """Hide every error message."""
        # Only those shown: an update asks for a layout pass of the form (on every save).
        for error in self.query(".field-error").results(Static):
            if error.display or error.content:
                error.update("")
                error.display = False
        general = self.query_one("#form-error", Static)
        if general.content:
            general.update("")

    def show_error(self, exc: InputError, field: str | None = None) -> None:
        """Show ``exc`` under ``field`` (default: the field it names) and focus it."""
        field = field or (exc.field or "").split(".")[0]
        holder = self.query(f"#{field}-error") if field else None
        targets = self.query(f"#{field}") if field else None
        if holder and targets:
            label = holder.first(Static)
            label.update(Content(str(exc)))
            label.display = True
            targets.first().focus()
        else:
            self.query_one("#form-error", Static).update(Content(str(exc)))

    def save_and_close(self, save: Callable[[], T], fields: dict[str, str] | None = None) -> None:
        """Run ``save``; close the form with what it returns, or keep it open with the
        error shown (under the field it names; ``fields`` maps an error's field to
        a field id of this form)."""
        try:
            saved = save()
        except InputError as exc:
            named = (exc.field or "").split(".")[0]
            self.show_error(exc, (fields or {}).get(named))
            return
        except FileChanged as exc:  # someone else wrote: read their version, keep the text
            reloaded = self.app.reload_database(exc.what)  # type: ignore[attr-defined]
            again = "; press ctrl+s to save what you typed" if reloaded else ""
            self.query_one("#form-error", Static).update(
                Content(f"Not saved: the file changed on disk and was reloaded{again}"))
            return
        except PeopleLinksError as exc:  # the store refused: a full disk, a lock
            self.query_one("#form-error", Static).update(Content(f"Not saved: {exc}"))
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        """Close; ask first when something was typed."""
        if not self.dirty:
            self.dismiss(None)
            return

        def decided(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(Confirm(self.DISCARD_QUESTION, yes="Discard", no="Keep editing"),
                             decided)
