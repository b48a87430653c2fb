"""Small helpers to read what the TUI shows."""

from __future__ import annotations

from textual.app import App

from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.main import MainScreen
from peoplelinks.tui.widgets.contact_card import ContactCard
from peoplelinks.tui.widgets.contact_list import ContactList


def main_screen(app: App[None]) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), f"on {type(screen).__name__}"
    return screen


def list_names(app: App[None]) -> list[str]:
    screen = main_screen(app)
    contacts = screen.service.db.contacts
    return [contacts[i].name for i in screen.query_one(ContactList).ids]


def highlighted_name(app: App[None]) -> str | None:
    screen = main_screen(app)
    cid = screen.query_one(ContactList).highlighted
    return screen.service.db.contacts[cid].name if cid else None


def card_text(app: App[None]) -> str:
    return main_screen(app).query_one(ContactCard).content.plain


def list_lines(app: App[None]) -> list[str]:
    widget = main_screen(app).query_one(ContactList)
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def save_and_answer(app: App[None], pilot: object, answer: str) -> None:
    """Press ctrl+s in a form, expect a question, answer it (``y`` or ``n``)."""
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, Confirm)
    await pilot.press(answer)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def notices(app: App[None]) -> list[str]:
    """The messages of the notifications shown so far, oldest first."""
    return [str(n.message) for n in app._notifications]
