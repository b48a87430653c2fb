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

from peoplelinks.tui.commands import (
    COMMANDS,
    FORM_KEYS,
    MOVES_WHERE,
    NAVIGATION,
    Command,
    move_bindings,
)

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


def help_content(width: int | None = None, commands: tuple[Command, ...] = COMMANDS,
                 pane: str = "") -> Content:
    """Every key, grouped: the keys of ``pane`` (where the user is) first, then every
    command, moving around, forms (wrapped to ``width``)."""
    parts: list[str | tuple[str, str]] = []
    here = [command for command in commands if pane and command.pane == pane]
    if here:
        parts += [(f"Here, in the {pane} pane", "bold $text-primary"), "\n"]
        for command in here:
            parts += _entry(command.keys_all, command.help, "", width)
        parts.append("\n")
    parts += [("Commands", "bold $text-primary"), "\n"]
    for command in commands:
        note = f"({command.pane} pane)" if command.pane else ""
        parts += _entry(command.keys_all, command.help, note, width)
    for title, keys in (("Moving around", NAVIGATION), ("In a form", FORM_KEYS)):
        parts += ["\n", (title, "bold $text-primary"), "\n"]
        if title == "Moving around":
            parts += _entry("", f"The same keys {MOVES_WHERE}:", "", width)
        for key, text in keys:
            parts += _entry(key, text, "", width)
    return Content.assemble(*parts)


class HelpText(Static):
    """The keys, rewrapped to the width the text gets."""

    def __init__(self, pane: str = "", **kwargs: object) -> None:
        super().__init__(help_content(pane=pane), **kwargs)  # type: ignore[arg-type]
        self.pane = pane

    def on_resize(self, event: events.Resize) -> None:
        self.update(help_content(event.size.width, pane=self.pane))


class HelpBox(VerticalScroll):
    """The scrolling box of keys: moves like every list (``j``/``k`` too)."""

    BINDINGS = move_bindings(scroll=True)


class HelpScreen(ModalScreen[None]):
    """All the keys (those of ``pane``, where the user is, first); escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", key_display="esc",
                        id="help.close")]

    def __init__(self, pane: str = "") -> None:
        super().__init__()
        self.pane = pane

    def compose(self) -> ComposeResult:
        with HelpBox(id="help-box") as box:
            box.border_title = "peoplelinks keys"
            box.border_subtitle = "esc close"
            yield HelpText(self.pane, id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
