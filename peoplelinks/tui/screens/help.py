"""The help screen, generated from the same command list as the bindings."""

from __future__ import annotations

import textwrap

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from peoplelinks.tui.commands import COMMANDS, FORM_KEYS, NAVIGATION, Command

KEY_COLUMN = 12  # two spaces, then the key padded to ten


def _entry(key: str, text: str, note: str, width: int | None) -> list[str | tuple[str, str]]:
    """One key and what it does, wrapped to ``width`` under the text, not the key."""
    room = max(20, width - KEY_COLUMN) if width else None
    lines = textwrap.wrap(text, room, break_on_hyphens=False) if room else [text]
    indent = "\n" + " " * KEY_COLUMN
    parts: list[str | tuple[str, str]] = [(f"  {key:<10}", "bold $text-accent"), lines[0]]
    for line in lines[1:]:
        parts += [indent, line]
    if note:
        fits = room is None or len(lines[-1]) + 2 + len(note) <= room
        parts += ["  " if fits else indent, (note, "dim")]
    return [*parts, "\n"]


def help_content(width: int | None = None,
                 commands: tuple[Command, ...] = COMMANDS) -> Content:
    """Every key, grouped: commands, moving around, forms (wrapped to ``width``)."""
    parts: list[str | tuple[str, str]] = [("Commands", "bold $text-primary"), "\n"]
    for command in commands:
        note = f"({command.pane} pane)" if command.pane else ""
        parts += _entry(command.keys_shown, command.help, note, width)
    for title, keys in (("Moving around", NAVIGATION), ("In a form", FORM_KEYS)):
        parts += ["\n", (title, "bold $text-primary"), "\n"]
        for key, text in keys:
            parts += _entry(key, text, "", width)
    return Content.assemble(*parts)


class HelpText(Static):
    """The keys, rewrapped to the width the text gets."""

    def on_resize(self, event: events.Resize) -> None:
        self.update(help_content(event.size.width))


class HelpScreen(ModalScreen[None]):
    """All the keys; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", show=False)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "peoplelinks keys"
            box.border_subtitle = "esc close"
            yield HelpText(help_content(), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
