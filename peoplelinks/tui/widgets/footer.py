"""The key bar at the bottom of the main screen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's Footer, rebuilt only when the keys it would show change.

    Textual rebuilds the footer (a dozen widgets, ~20 ms) whenever the focus
    moves or a modal closes, even when the same keys come back; skipping
    those rebuilds keeps a save in the quick log or a move between panes within
    the frame budget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[object, ...] | None = None

    def _keys(self) -> tuple[object, ...]:
        """What the footer would show now: each shown binding and its state."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple((key, binding.description, binding.action, enabled, tooltip)
                     for key, (_node, binding, enabled, tooltip)
                     in self.screen.active_bindings.items()
                     if binding.show or key == palette)

    def compose(self) -> Iterable[Widget]:  # type: ignore[override]
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if (self._shown is not None and self.is_attached and screen is self.screen
                and self._keys() == self._shown):
            return
        super().bindings_changed(screen)
