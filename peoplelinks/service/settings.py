"""The objective, the keep-in-touch settings and the theme.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from peoplelinks.domain.fields import now
from peoplelinks.domain.models import (
    Objective,
    Settings,
)
from peoplelinks.domain.text import clean_text
from peoplelinks.domain.validation import describe
from peoplelinks.service.base import validated
from peoplelinks.service.followups import FollowupVerbs


class SettingsVerbs(FollowupVerbs):
    """The objective and the settings."""

    def set_objective(self, changes: dict[str, Any]) -> Objective:
        """Change the job search objective."""
        data = self.db.objective.model_dump()
        data.update(changes)
        data["updated"] = now()
        objective = validated(Objective, data)
        self.db.commit([objective], summary="Changed the job search objective")
        return objective

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
