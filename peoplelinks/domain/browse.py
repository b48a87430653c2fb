"""Filters and sort orders of the contact list (pure: the service feeds it data)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from peoplelinks.domain.enums import Circle, Employment, Status


class SortKey(StrEnum):
    """How the contact list is ordered."""

    NAME = "name"
    LAST_CONTACT = "last contact"
    NEXT_DUE = "next due"
    COMPANY = "company"

    def next(self) -> SortKey:
        """The next sort order, cycling."""
        order = list(SortKey)
        return order[(order.index(self) + 1) % len(order)]


@dataclass(frozen=True)
class Filters:
    """What the contact list is narrowed to; empty fields do not filter."""

    circle: Circle | None = None
    status: Status | None = None
    employment: Employment | None = None
    tag: str = ""
    company: str = ""
    generation: int | None = None

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return self != Filters()

    def describe(self) -> str:
        """The filters in words, for the pane's title (plain text, never markup)."""
        parts = [str(v) for v in (self.circle, self.status, self.employment) if v]
        if self.tag:
            parts.append(f"#{self.tag}")
        if self.company:
            parts.append(f"@{self.company}")
        if self.generation:
            parts.append(f"gen {self.generation}")
        return " ".join(parts)

    def cleared(self) -> Filters:
        """No filters."""
        return Filters()
