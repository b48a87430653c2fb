"""The errors peoplelinks reports to people.

Every error carries a message meant to be shown as it is: one line that names
the field and the value, or the file and what to do. Front ends print
``error: <message>``; the CLI exits 2 for :class:`InputError` and its
subclasses (the user can fix the input) and 1 for the rest.
"""

from __future__ import annotations

from collections.abc import Sequence


class PeopleLinksError(Exception):
    """Base of every error meant for the user."""

    exit_code = 1


class InputError(PeopleLinksError):
    """Bad input: a field's value is invalid, a name is unknown or ambiguous."""

    exit_code = 2

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(InputError):
    """No record matches what was asked for."""


class Ambiguous(InputError):
    """A name matches several contacts; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[tuple[int, str]],
                 *, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.candidates = candidates


class DuplicateContact(InputError):
    """A contact with the same name, email or profile address exists; ``existing``
    lists them (contacts). Adding anyway is a deliberate choice."""

    def __init__(self, message: str, existing: Sequence[object]) -> None:
        super().__init__(message, field="name")
        self.existing = existing


class StoreError(PeopleLinksError):
    """The database cannot be opened or written."""


class DatabaseLocked(StoreError):
    """Another peoplelinks process has the database open for writing."""


class DatabaseCorrupt(StoreError):
    """The database file cannot be read; it has been left untouched."""


class NewerSchema(StoreError):
    """The file was written by a newer peoplelinks."""


class WriteFailed(StoreError):
    """A write could not be made durable; nothing was changed."""


class ReadOnly(StoreError):
    """The database was opened read-only."""


class CannotOpen(StoreError):
    """The database path cannot be used: a folder, a dangling link, no permission."""


class FileChanged(StoreError):
    """The database file changed on disk since it was read; nothing was written.

    ``what`` says what changed, alone ("X was changed by another program")."""

    def __init__(self, message: str, what: str = "") -> None:
        super().__init__(message)
        self.what = what or message


class LockLost(StoreError):
    """The writer lock file was removed or replaced; writing stopped to overwrite nothing."""


class NothingToUndo(InputError):
    """There is no change to undo (or redo)."""


class UndoConflict(StoreError):
    """A change cannot be undone because its records have changed since."""
