"""What the views of the whole network read of each contact, and nothing more.

Warm paths, coverage, the dashboard and today's list walk every contact but
read only who they are, their status, circle, level and employment, whether
they are in the trash, who introduced them, when they were added and when they
were told the objective or asked for (or gave) a recommendation. :class:`Person` names that much (a
:class:`~peoplelinks.domain.models.Contact` is one); :class:`ContactFacts` holds
just that, made from what a cache of the file kept of its valid contacts, so a
command answers without validating 30,000 records.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any, Protocol

from peoplelinks.domain.enums import Circle, Employment, Level, Status

# Member by value (a call to the enum costs more).
_STATUS = {member.value: member for member in Status}
_CIRCLE = {member.value: member for member in Circle}
_LEVEL = {member.value: member for member in Level}
_EMPLOYMENT = {member.value: member for member in Employment}


class Person(Protocol):
    """The part of a contact the whole-network views read."""

    # Read-only properties: a Contact (a model with these fields) is a Person.
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def status(self) -> Status: ...
    @property
    def circle(self) -> Circle: ...
    @property
    def level(self) -> Level: ...
    @property
    def employment(self) -> Employment: ...
    @property
    def deleted_at(self) -> datetime | None: ...
    @property
    def introduced_by(self) -> int | None: ...
    @property
    def created(self) -> datetime: ...
    @property
    def objective_shared_on(self) -> date | None: ...
    @property
    def recommendation_asked_on(self) -> date | None: ...
    @property
    def recommendation_given_on(self) -> date | None: ...


class ContactFacts:
    """A :class:`Person` as a cache kept it (see :func:`facts_row`)."""

    __slots__ = ("id", "name", "status", "circle", "level", "employment", "deleted_at",
                 "introduced_by", "_created", "objective_shared_on",
                 "recommendation_asked_on", "recommendation_given_on")

    def __init__(self, row: list[Any]) -> None:
        (self.id, self.name, status, circle, level, employment, deleted_at,
         self.introduced_by, created, shared, asked, given) = row
        self.status = _STATUS[status]
        self.circle = _CIRCLE[circle]
        self.level = _LEVEL[level]
        self.employment = _EMPLOYMENT[employment]
        self.deleted_at = None if deleted_at is None else datetime.fromisoformat(deleted_at)
        self._created: datetime | str = created  # read when asked (leads only)
        self.objective_shared_on = _day(shared)
        self.recommendation_asked_on = _day(asked)
        self.recommendation_given_on = _day(given)

    @property
    def created(self) -> datetime:
        """When the contact was added."""
        if isinstance(self._created, str):
            self._created = datetime.fromisoformat(self._created)
        return self._created

    @property
    def in_trash(self) -> bool:
        """True when the contact was deleted (it can be restored)."""
        return self.deleted_at is not None

    def __repr__(self) -> str:
        return f"ContactFacts(#{self.id} {self.name!r}, {self.status})"


def facts_row(person: Person) -> list[Any]:
    """What :class:`ContactFacts` is made from, as JSON-ready values."""
    return [person.id, person.name, person.status.value, person.circle.value,
            person.level.value, person.employment.value, _text(person.deleted_at),
            person.introduced_by, person.created.isoformat(),
            _text(person.objective_shared_on), _text(person.recommendation_asked_on),
            _text(person.recommendation_given_on)]


def _text(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


class FactsTable(Mapping[int, ContactFacts]):
    """Contact id -> :class:`ContactFacts`, each made when first read (a view that
    reads a few thousand of 30,000 contacts makes those only)."""

    def __init__(self, rows: list[list[Any]]) -> None:
        self._rows = {row[0]: row for row in rows}
        self._made: dict[int, ContactFacts] = {}

    def __getitem__(self, contact_id: int) -> ContactFacts:
        made = self._made.get(contact_id)
        if made is None:
            made = self._made[contact_id] = ContactFacts(self._rows[contact_id])
        return made

    def get(self, contact_id: int, default: Any = None) -> Any:  # noqa: D102
        if contact_id in self._rows:
            return self[contact_id]
        return default

    def __contains__(self, contact_id: object) -> bool:
        return contact_id in self._rows

    def __iter__(self) -> Iterator[int]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)
