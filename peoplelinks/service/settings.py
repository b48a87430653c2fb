"""The objective, the keep-in-touch settings and the theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from peoplelinks.domain.companies import company_key
from peoplelinks.domain.fields import now
from peoplelinks.domain.models import (
    Objective,
    Settings,
    WeeklyGoals,
)
from peoplelinks.domain.text import clean_text
from peoplelinks.domain.validation import describe
from peoplelinks.errors import InputError
from peoplelinks.service.base import validated
from peoplelinks.service.followups import FollowupVerbs


class SettingsVerbs(FollowupVerbs):
    """The objective and the settings."""

    def set_objective(self, changes: dict[str, Any] | None = None, *,
                      add_targets: Sequence[str] = (),
                      remove_targets: Sequence[str] = ()) -> Objective:
        """Change the job search objective: ``changes`` replaces fields (a list
        replaces the list); ``add_targets`` / ``remove_targets`` edit one target
        company at a time (matched however the name is written)."""
        old = self.db.objective
        data = old.model_dump()
        data.update(changes or {})
        targets = list(data.get("target_companies") or [])
        for name in remove_targets:
            key = company_key(name)
            kept = [t for t in targets if company_key(t) != key]
            if len(kept) == len(targets):
                listed = ", ".join(targets) or "none yet"
                raise InputError(f"target_company: {name!r} is not a target company "
                                 f"(targets: {listed})", field="target_company")
            targets = kept
        keys = {company_key(t) for t in targets}
        for name in add_targets:
            if company_key(name) not in keys:
                targets.append(name)
                keys.add(company_key(name))
        data["target_companies"] = targets
        data["updated"] = old.updated
        objective = validated(Objective, data)
        if objective == old:
            return old
        objective = objective.model_copy(update={"updated": now()})
        self.db.commit([objective], summary="Changed the job search objective")
        return objective

    def set_goals(self, changes: dict[str, Any]) -> WeeklyGoals:
        """Change weekly goals by name (``meetings``, ``events``, ``followups``,
        ``new_contacts``); 0 turns a goal off."""
        names = list(WeeklyGoals.model_fields)
        for name in changes:
            if name not in names:
                raise InputError(f"goals: {name!r} is not a goal (goals: {', '.join(names)})",
                                 field="goals")
        old = self.db.objective.weekly_goals
        goals = validated(WeeklyGoals, {**old.model_dump(), **changes})
        if goals != old:
            objective = self.db.objective.model_copy(update={"weekly_goals": goals,
                                                             "updated": now()})
            self.db.commit([objective], summary="Changed the weekly goals: " + ", ".join(
                f"{name} {getattr(goals, name)}" for name in names))
        return goals

    def set_keep_in_touch(self, circle: str, days: int) -> Settings:
        """Set the default keep-in-touch interval of a circle (0: not tracked)."""
        intervals = {str(k): v for k, v in self.db.settings.keep_in_touch_days.items()}
        intervals[str(circle).strip().lower()] = days
        try:
            settings = self.db.settings.changed(keep_in_touch_days=intervals)
        except ValidationError as exc:
            raise describe(exc, {"keep_in_touch_days": intervals}) from None
        self.db.commit([settings], summary=f"Keep in touch with {circle} contacts: "
                       + (f"every {days} days" if days else "not tracked"))
        with self.db.derive_lock:
            self._next.clear()  # every contact of that circle may move
            self._tickler = None
        return settings

    @property
    def theme(self) -> str:
        """The TUI theme the user chose last ("" for the default)."""
        theme = self.db.preferences.get("theme", "")
        return theme if isinstance(theme, str) else ""

    def set_theme(self, theme: str) -> None:
        """Remember the TUI theme (a preference: durable, not in the undo history)."""
        name = clean_text(theme)[:100]
        if self.db.read_only or name == self.theme:
            return
        self.db.set_preference("theme", name)
