"""The brief to read before meeting someone (issue 10): the service's Markdown page,
shown in a scrolling box.

The brief escapes Markdown's special characters in the user's words, and
Textual's Markdown widget builds its text as Content, never as markup, so a
name like ``[b]Bob[/b] *x* <y>`` shows as typed. ``j``/``k``, the page keys and
home/end scroll; ``esc`` closes it (with None).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from peoplelinks.errors import PeopleLinksError
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.commands import move_bindings

HINT = "j/k scroll · esc close"


class BriefBox(VerticalScroll):
    """The scrolling page: moves like every list (``j``/``k``, pages, ends)."""

    BINDINGS = move_bindings(scroll=True)


class BriefScreen(ModalScreen[None]):
    """The brief for a meeting with ``contact_id`` (``plan_id``: that plan, else the
    next one planned with them)."""

    DEFAULT_CSS = """
    BriefScreen { align: center middle; }
    #brief-box {
        width: 100; max-width: 100%; height: 90%; border: round $primary;
        background: $surface; padding: 0 1;
    }
    #brief-box > Markdown { margin: 0; padding: 0; background: transparent; }
    #brief-error { color: $text-error; }
    """

    BINDINGS = [Binding("escape", "close", "Close", id="brief.close")]

    def __init__(self, service: PeopleLinks, contact_id: int,
                 plan_id: int | None = None) -> None:
        super().__init__()
        self.service = service
        self.contact_id = contact_id
        self.plan_id = plan_id
        self.error = ""
        self.markdown = ""
        contact = service.db.contacts.get(contact_id)
        self.contact_name = contact.name if contact is not None else f"#{contact_id}"
        try:
            self.markdown = service.brief(contact_id, plan_id)
        except PeopleLinksError as exc:
            self.error = str(exc)

    def compose(self) -> ComposeResult:
        with BriefBox(id="brief-box") as box:
            box.border_title = Content(f"Brief: {self.contact_name}")
            box.border_subtitle = HINT
            if self.error:
                yield Static(Content(self.error), id="brief-error")
            else:
                yield Markdown(self.markdown, id="brief")

    def on_mount(self) -> None:
        self.query_one(BriefBox).focus()

    def action_close(self) -> None:
        self.dismiss(None)
