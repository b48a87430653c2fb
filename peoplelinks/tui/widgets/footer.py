"""The key bar at the bottom of every screen: the keys that work where the user is.

The main screen has one, and the app gives one to each of its modal screens
(forms, questions, help, the theme picker), so that while a modal is open the
bar shows its keys (``^s Save``, ``esc Cancel``), never the main screen's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from peoplelinks.tui.commands import BY_ID, COMMANDS

# Below this many columns the keys are shown without their padding.
COMPACT_BELOW = 120
# Keys that are not commands (a form's ^s Save, esc Cancel) rank with a pane's own.
OTHER_RANK = 8
KEEP = 9  # never dropped (? Help, q Quit)

Shown = tuple[str, Binding, bool, str]  # key, binding, enabled, tooltip


ORDER = {command.id: index for index, command in enumerate(COMMANDS)}


def rank(binding: Binding) -> int:
    """How long the footer keeps ``binding`` when keys do not fit (see Command.rank)."""
    command = BY_ID.get(binding.id or "")
    return command.rank if command is not None else OTHER_RANK


def place(binding: Binding) -> tuple[int, int]:
    """Where ``binding`` goes in the bar: a modal's own keys, then a pane's, then the
    commands that work everywhere, in the order of the command list."""
    command = BY_ID.get(binding.id or "")
    if command is None:
        return (0, 0)
    return (1 if command.pane else 2, ORDER[command.id])


class KeysFooter(Footer):
    """Textual's Footer, showing as many keys as fit (``?`` and ``q`` always: when a
    pane's own keys are shown, the least useful of the others give way), and rebuilt
    only when the keys it would show change.

    Textual rebuilds the footer (a dozen widgets, ~20 ms) whenever the focus
    moves or a modal closes, even when the same keys come back; skipping
    those rebuilds keeps a save in the quick log or a move between panes within
    the frame budget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[object, ...] | None = None

    def _width_of(self, key_display: str, description: str) -> int:
        """Cells a key takes in the bar (FooterKey's padding and margin included)."""
        if self.compact:
            return cell_len(key_display) + 1 + cell_len(description) + 1
        return cell_len(key_display) + 2 + cell_len(description) + 1

    def _fitting(self) -> tuple[list[Shown], Shown | None]:
        """The keys to show, in order, and the palette's key (shown on the right)."""
        palette_key = self.app.COMMAND_PALETTE_BINDING
        palette: Shown | None = None
        keys: list[Shown] = []
        for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if key == palette_key:
                palette = (key, binding, enabled, tooltip)
            elif binding.show:
                keys.append((key, binding, enabled, tooltip))
        # One key per action (Textual's footer groups them the same way).
        first: dict[str, Shown] = {}
        for shown in keys:
            first.setdefault(shown[1].action, shown)
        keys = list(first.values())
        keys.sort(key=lambda shown: place(shown[1]))
        room = (self.size.width or self.app.size.width) - 2
        if palette is not None and self.show_command_palette:
            room -= self._width_of(self.app.get_key_display(palette[1]), "palette") + 2
        widths = [self._width_of(self.app.get_key_display(b), b.description)
                  for _k, b, _e, _t in keys]
        while sum(widths) > room:
            droppable = [i for i, (_k, b, _e, _t) in enumerate(keys) if rank(b) < KEEP]
            if not droppable:
                break
            # The lowest rank goes first; among equals, the rightmost.
            drop = min(reversed(droppable), key=lambda i: rank(keys[i][1]))
            del keys[drop], widths[drop]
        return keys, palette

    def _keys(self) -> tuple[object, ...]:
        """What the footer would show now: each key and its state."""
        keys, palette = self._fitting()
        return (self.compact, *((key, binding.description, binding.action, enabled, tooltip)
                                for key, binding, enabled, tooltip
                                in [*keys, *([palette] if palette else [])]))

    def compose(self) -> Iterable[Widget]:
        if not self._bindings_ready:
            self._shown = None
            return
        self._shown = self._keys()
        keys, palette = self._fitting()
        for key, binding, enabled, tooltip in keys:
            shown = FooterKey(key, self.app.get_key_display(binding), binding.description,
                              binding.action, disabled=not enabled, tooltip=tooltip)
            # Set, not bound to the footer's (a change of it makes the keys again: see
            # _keys), so that a screen can fill the footer from its own on_mount.
            shown.set_reactive(FooterKey.compact, self.compact)
            shown.set_class(self.compact, "-compact", update=False)  # (as its watcher would)
            yield shown
        if palette is not None and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            key, binding, enabled, tooltip = palette
            yield FooterKey(key, self.app.get_key_display(binding), binding.description,
                            binding.action, classes="-command-palette", disabled=not enabled,
                            tooltip=binding.tooltip or binding.description)

    async def fill(self) -> None:
        """Show the keys now, the screen's focus being set: for a screen's
        ``on_mount``, so that they come with its first frame. Textual fills a footer
        only once a frame is drawn; the dozen keys then mounted and styled (20 ms,
        and 50-90 ms beside the app's loading threads) held up the first key pressed
        as the main screen showed."""
        self._bindings_ready = True
        self.compact = self.app.size.width < COMPACT_BELOW  # (not made again on resize)
        await self.recompose()

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
        self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if (self._shown is not None and self.is_attached and screen is self.screen
                and self._keys() == self._shown):
            return
        super().bindings_changed(screen)
