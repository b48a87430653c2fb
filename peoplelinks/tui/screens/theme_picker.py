"""The theme picker: a list of themes, the current one marked, the default first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from peoplelinks.tui.widgets.option_keys import KeyedOptionList

DEFAULT_THEME = "textual-dark"  # Textual's, and the app's until the user picks another


class ThemeList(KeyedOptionList):
    """The themes; moves like every list (``j``/``k`` too)."""


class ThemePicker(ModalScreen[str | None]):
    """Return the name of the theme picked (``enter``), or None (``escape``)."""

    BINDINGS = [
        Binding("enter", "pick", "Pick", id="theme.pick", priority=True),
        Binding("escape", "cancel", "Cancel", id="theme.cancel"),
    ]

    def __init__(self, themes: list[str], current: str) -> None:
        super().__init__()
        others = sorted(name for name in themes if name != DEFAULT_THEME)
        self.names = ([DEFAULT_THEME] if DEFAULT_THEME in themes else []) + others
        self.current = current

    def compose(self) -> ComposeResult:
        options = []
        for name in self.names:
            mark = "● " if name == self.current else "  "
            notes = [n for n, on in (("default", name == DEFAULT_THEME),
                                     ("current", name == self.current)) if on]
            options.append(Option(Content.assemble(
                (mark, "bold $text-accent"), name,
                (f"  ({', '.join(notes)})" if notes else "", "dim")), id=name))
        picker = ThemeList(*options, id="theme-list")
        picker.border_title = "Theme"
        picker.border_subtitle = "enter pick · esc cancel"
        yield picker

    def on_mount(self) -> None:
        picker = self.query_one(ThemeList)
        if self.current in self.names:
            picker.highlighted = self.names.index(self.current)
        picker.focus()

    def action_pick(self) -> None:
        picker = self.query_one(ThemeList)
        if picker.highlighted is not None:
            self.dismiss(self.names[picker.highlighted])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)  # a click

    def action_cancel(self) -> None:
        self.dismiss(None)
