"""Field types of the models, and the cleaning applied to input before validation.

Two halves, on purpose:
- the *types* (``Line``, ``Block``, ``Email``...) carry constraints that pydantic
  checks in Rust, so validating 80,000 stored records stays well under a second;
- the *cleaners* (``line``, ``block``, ``emails``...) turn what a person typed or
  a file held into that form: escape sequences and control characters removed,
  white space folded, aliases mapped, repeats dropped. Models apply them in
  :meth:`Record.from_input`; data read back from our own file is already clean.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AwareDatetime, Field

from peoplelinks.domain.enums import normalise_choice
from peoplelinks.domain.text import clean_text

_CONTROL = r"\x00-\x1f\x7f-\x9f\x{202a}-\x{202e}\x{2066}-\x{2069}"
_CONTROL_BUT_NEWLINE = r"\x00-\x09\x0b-\x1f\x7f-\x9f\x{202a}-\x{202e}\x{2066}-\x{2069}"

Line = Annotated[str, Field(max_length=1000, pattern=rf"^[^{_CONTROL}]*$")]
"""One line of text with no control characters."""
Block = Annotated[str, Field(max_length=20_000, pattern=rf"^[^{_CONTROL_BUT_NEWLINE}]*$")]
"""Multi-line text (notes): newlines allowed, other control characters not."""
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=rf"^[^{_CONTROL}]*$")]
"""A required single line (a name, an action)."""
_ATOM = r"[^@\s<>()\[\],;:\x22.]"
EMAIL_PATTERN = rf"^[^@\s<>()\[\],;:\x22]+@{_ATOM}+(\.{_ATOM}+)*\.[^@\s<>()\[\],;:\x22.\d]{{2,}}$"
"""What an email address looks like (both pydantic and :mod:`re` read it)."""
Email = Annotated[str, Field(max_length=254, pattern=EMAIL_PATTERN)]
Phone = Annotated[
    str,
    # At least three digits; an extension may follow ("x12", "ext. 3").
    Field(max_length=40, pattern=r"(?i)^\+?[\d\s().\-/]*\d[\d\s().\-/]*\d[\d\s().\-/]*\d[\d\s().\-/]*(\s*(x|ext\.?|#)\s*\d+)?$"),  # noqa: E501
]
Url = Annotated[str, Field(
    max_length=500, pattern=r"(?i)^(https?://[^\s/?#]+\.[^\s/?#]+[^\s]*|https?://localhost[^\s]*)?$")]
Tag = Annotated[str, Field(min_length=1, max_length=60, pattern=rf"^[^,{_CONTROL}]+$")]
Timestamp = AwareDatetime


def now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


# ---- cleaners: input -> the form the types accept -------------------------------

Cleaner = Callable[[Any], Any]


def line(value: Any) -> Any:
    """Clean one line of text."""
    return clean_text(value) if isinstance(value, str) else value


def block(value: Any) -> Any:
    """Clean multi-line text."""
    return clean_text(value, multiline=True) if isinstance(value, str) else value


def unique(values: Iterable[str]) -> list[str]:
    """Drop empty entries and case-insensitive repeats, keeping the first spelling."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def lines(value: Any) -> Any:
    """Clean a list of single-line texts (tags, companies); a string becomes a list."""
    if isinstance(value, str):
        value = value.split(",")
    if isinstance(value, list | tuple):
        return unique(clean_text(v) if isinstance(v, str) else v for v in value)
    return value


def entries(value: Any) -> Any:
    """Clean a list of single-line texts that may hold commas ("Fabrikam, Inc.",
    "Berlin, Germany"); a string is split on new lines only."""
    if isinstance(value, str):
        value = value.splitlines()
    return lines(list(value)) if isinstance(value, list | tuple) else value


def emails(value: Any) -> Any:
    """Clean a list of emails; the domain part is lower-cased."""
    value = lines(value)
    if isinstance(value, list):
        return unique(_lower_domain(v) if isinstance(v, str) else v for v in value)
    return value


def _lower_domain(email: str) -> str:
    local, at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}" if at else email


def url(value: Any) -> Any:
    """Clean a web address; a bare ``example.com/x`` gets ``https://``."""
    value = line(value)
    if isinstance(value, str) and value and "://" not in value and " " not in value:
        return "https://" + value
    return value


def choice(enum: type[StrEnum]) -> Cleaner:
    """A cleaner that maps aliases and other spellings to ``enum``'s values."""
    return lambda value: normalise_choice(enum, value)


def utc(value: Any) -> Any:
    """Convert an aware datetime to UTC; a naive one is taken as UTC."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def ids(value: Any) -> Any:
    """Drop repeats from a list of ids, keeping order."""
    if isinstance(value, list | tuple):
        return list(dict.fromkeys(value))
    return value
