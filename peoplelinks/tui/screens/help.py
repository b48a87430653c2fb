"""The help screen, generated from the same command list as the bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from peoplelinks.tui.commands import COMMANDS, FORM_KEYS, NAVIGATION, Command


def help_content(commands: tuple[Command, ...] = COMMANDS) -> Content:
    """Every key, grouped: commands, moving around, forms."""
    parts: list[str | tuple[str, str]] = [("Commands", "bold $text-primary"), "\n"]
    for command in commands:
        where = f"  ({command.pane} pane)" if command.pane else ""
        parts += [(f"  {command.keys_shown:<8}", "bold $text-accent"), command.help,
                  (where, "dim"), "\n"]
    for title, keys in (("Moving around", NAVIGATION), ("In a form", FORM_KEYS)):
        parts += ["\n", (title, "bold $text-primary"), "\n"]
        for key, text in keys:
            parts += [(f"  {key:<8}", "bold $text-accent"), text, "\n"]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """All the keys; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", show=False)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "peoplelinks keys"
            box.border_subtitle = "esc close"
            yield Static(help_content(), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
