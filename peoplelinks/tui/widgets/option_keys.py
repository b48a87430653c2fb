"""An OptionList that moves as every list of the app does."""

from __future__ import annotations

from textual._widget_navigation import (
    find_first_enabled,
    find_last_enabled,
    find_next_enabled_no_wrap,
)
from textual.widgets import OptionList

from peoplelinks.tui.commands import move_bindings


class KeyedOptionList(OptionList):
    """``j``/``k`` as well as the arrows, ``home``/``end``, ``pgup``/``pgdn``; and, as in
    the contact list and the graph, the last line stays the last (no wrap to the top)."""

    BINDINGS = move_bindings()

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if self.highlighted is None:
            found = (find_first_enabled if direction > 0 else find_last_enabled)(self.options)
        else:
            found = find_next_enabled_no_wrap(self.options, self.highlighted,
                                              1 if direction > 0 else -1)
        if found is not None:
            self.highlighted = found
