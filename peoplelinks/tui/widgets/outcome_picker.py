"""How a meeting went, chosen with one key (DOMAIN.md: "how it went").

A one-line field of the quick log and of the log editor: with the focus on it,
``g`` good, ``n`` neutral, ``p`` poor, ``-`` (or backspace) not said; ``←``/``→``
and ``space`` step through the same choices.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Checkbox, Label

from peoplelinks.domain.enums import Outcome

# (key, value, label), in the order ←/→ step through them.
CHOICES: list[tuple[str, Outcome | None, str]] = [
    ("-", None, "not said"), ("g", Outcome.GOOD, "good"), ("n", Outcome.NEUTRAL, "neutral"),
    ("p", Outcome.POOR, "poor")]
_KEYS = {key: value for key, value, _label in CHOICES} | {"backspace": None, "minus": None}


def shared_and_outcome() -> ComposeResult:
    """The fields both log forms end with: the objective told, a recommendation asked,
    and how it went."""
    with Horizontal(classes="more-checks"):
        yield Checkbox("I told them my objective", id="shared", compact=True)
        yield Checkbox("I asked for a recommendation", id="asked-rec", compact=True)
    with Horizontal(classes="field-row"):
        yield Label("How it went", classes="field-label")
        yield OutcomePicker(id="outcome")


class OutcomePicker(Widget, can_focus=True):
    """Good, neutral, poor or not said; one key picks."""

    DEFAULT_CSS = """
    OutcomePicker { height: 1; width: auto; }
    OutcomePicker:focus { background: $block-cursor-background 30%; }
    """

    value: reactive[Outcome | None] = reactive(None)

    class Changed(Message):
        """The outcome chosen changed."""

        def __init__(self, picker: OutcomePicker, value: Outcome | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> OutcomePicker:
            """The picker that changed."""
            return self.picker

    def render(self) -> Content:
        return self._line(self.value)

    @staticmethod
    def _line(chosen: Outcome | None) -> Content:
        parts: list[Content | str | tuple[str, str]] = []
        for key, value, label in CHOICES:
            parts.append((f"{key} ", "dim"))
            parts.append((f"● {label}", "bold reverse") if value == chosen else label)
            parts.append("  ")
        return Content.assemble(*parts[:-1])

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # As wide as the line with the longest choice chosen (so it never moves).
        return max(self._line(value).cell_length for _key, value, _label in CHOICES)

    def watch_value(self, value: Outcome | None) -> None:
        self.post_message(self.Changed(self, value))

    def on_key(self, event: events.Key) -> None:
        if event.key in _KEYS:
            self.value = _KEYS[event.key]
        elif event.key in ("right", "space", "left"):
            values = [value for _key, value, _label in CHOICES]
            step = -1 if event.key == "left" else 1
            self.value = values[(values.index(self.value) + step) % len(values)]
        else:
            return  # tab, ctrl+s, escape...: the form's
        event.stop()
        event.prevent_default()
