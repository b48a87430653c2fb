"""Turn pydantic's validation errors into one clear line for people."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from peoplelinks.errors import InputError

# What a pattern mismatch means, by field name.
_PATTERN_MEANING = {
    "emails": "is not a valid email address",
    "phones": "is not a valid phone number",
    "profile_url": "is not a valid web address (it must start with http:// or https://)",
    "tags": "is not a valid tag (a tag is one line with no comma)",
}


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe(exc: ValidationError) -> InputError:
    """Return an :class:`InputError` naming the first bad field and its value."""
    parts = []
    first_field = None
    for err in exc.errors(include_url=False):
        loc = [str(p) for p in err["loc"] if not isinstance(p, int)]
        field = ".".join(loc) or "record"
        first_field = first_field or field
        value = err.get("input")
        kind = err["type"]
        if kind == "string_too_short" and err.get("ctx", {}).get("min_length") == 1:
            parts.append(f"{field}: must not be empty")
            continue
        if kind == "string_pattern_mismatch":
            meaning = _PATTERN_MEANING.get(loc[0] if loc else "", "contains control characters")
            parts.append(f"{field}: {_show(value)} {meaning}")
            continue
        if kind == "missing":
            parts.append(f"{field}: is required")
            continue
        if kind == "extra_forbidden":
            parts.append(f"{field}: is not a known field")
            continue
        msg = err["msg"]
        msg = msg.removeprefix("Value error, ")
        msg = msg[0].lower() + msg[1:] if msg else msg
        if isinstance(value, dict | BaseModel):
            parts.append(f"{field}: {msg}")
        else:
            parts.append(f"{field}: {msg} (got {_show(value)})")
    return InputError("; ".join(parts), field=first_field)
