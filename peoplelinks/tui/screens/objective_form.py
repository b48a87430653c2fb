"""The objective form: role, level, industries, target companies, locations, pitch
and the four weekly goals (a modal that returns the saved objective, or None).

Lists take one entry a line (a company may be "Fabrikam, Inc."). ``ctrl+s``
saves the objective and the goals as one undoable change; a goal that is not a
whole number is shown under its field and nothing is saved. ``escape`` cancels,
asking first when something was typed.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea

from peoplelinks.domain.enums import Level
from peoplelinks.domain.models import Objective
from peoplelinks.errors import InputError
from peoplelinks.tui.screens.form import FormScreen

SUMMARY = "Changed the objective and goals"
LISTS = (("industries", "Industries"), ("target_companies", "Target companies"),
         ("locations", "Locations"))
GOALS = (("meetings", "Meetings", "face-to-face meetings a week"),
         ("events", "Events", "professional events a week"),
         ("followups", "Follow-ups", "follow-ups done a week"),
         ("new_contacts", "New contacts", "new contacts a week"))


def goal_id(name: str) -> str:
    """The id of a goal's field (``#followups`` is the main screen's pane)."""
    return f"goal-{name}"


def entries(text: str) -> list[str]:
    """The non-blank lines of ``text``, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def whole_number(name: str, text: str) -> int:
    """``text`` as a goal (a whole number, 0 turns the goal off)."""
    value = text.strip()
    if not value.isdigit():
        raise InputError(f"{name}: {value!r} is not a whole number (0 turns the goal off)",
                         field=goal_id(name))
    return int(value)


class ObjectiveForm(FormScreen[Objective | None]):
    """Change the job-search objective and the weekly goals."""

    def first_field(self) -> str:
        return "#role"

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box") as box:
            box.border_title = "Objective & weekly goals"
            box.border_subtitle = "ctrl+s save · esc cancel"
            with VerticalScroll(id="form-fields"):
                yield from self._row("role", "Role", Input(
                    placeholder="e.g. Senior Product Manager", id="role", compact=True))
                yield from self._row("level", "Level", Select(
                    [(str(level), level) for level in Level], allow_blank=False, id="level",
                    compact=True))
                for field, label in LISTS:
                    yield from self._row(field, label, TextArea(
                        id=field, soft_wrap=True, show_line_numbers=False, compact=True,
                        placeholder="one a line"))
                yield from self._row("pitch", "Pitch", Input(
                    placeholder="who you are and what you look for, in a sentence",
                    id="pitch", compact=True))
                for name, label, hint in GOALS:
                    yield from self._row(goal_id(name), label, Input(
                        placeholder=hint, id=goal_id(name), compact=True))
            yield Static("", id="form-error", markup=False)

    @staticmethod
    def _row(field: str, label: str, widget: Input | Select[Level] | TextArea) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            yield widget
        yield Static("", id=f"{field}-error", classes="field-error", markup=False)

    def fill(self) -> None:
        """The objective and goals as they are."""
        objective = self.service.db.objective
        self.set_text("role", objective.role)
        self.query_one("#level", Select).value = objective.level
        for field, _label in LISTS:
            self.query_one(f"#{field}", TextArea).load_text("\n".join(getattr(objective,
                                                                              field)))
        self.set_text("pitch", objective.pitch)
        for name, _label, _hint in GOALS:
            self.set_text(goal_id(name), str(getattr(objective.weekly_goals, name)))

    def _raw(self) -> dict[str, Any]:
        raw: dict[str, Any] = {f: self.query_one(f"#{f}", Input).value
                               for f in ("role", "pitch", *(goal_id(g) for g, _l, _h in GOALS))}
        raw["level"] = self.query_one("#level", Select).value
        for field, _label in LISTS:
            raw[field] = self.query_one(f"#{field}", TextArea).text
        return raw

    def action_save(self) -> None:
        self.clear_errors()
        raw = self._raw()

        def save() -> Objective:
            goals = {name: whole_number(name, raw[goal_id(name)]) for name, _l, _h in GOALS}
            changes: dict[str, Any] = {"role": raw["role"], "level": raw["level"],
                                       "pitch": raw["pitch"]}
            changes.update({field: entries(raw[field]) for field, _label in LISTS})
            with self.service.batch(SUMMARY):  # one write, one undo
                self.service.set_objective(changes)
                self.service.set_goals(goals)
            return self.service.db.objective

        fields = {name: goal_id(name) for name, _label, _hint in GOALS}
        fields.update({"target_company": "target_companies", "goals": goal_id("meetings")})
        self.save_and_close(save, fields)

    def show_error(self, exc: InputError, field: str | None = None) -> None:
        super().show_error(exc, field)
        shown = [label for label in self.query(".field-error").results(Static) if label.display]
        if shown:  # the line under the field, not only the field, in view
            self.call_after_refresh(shown[0].scroll_visible, animate=False)

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()
