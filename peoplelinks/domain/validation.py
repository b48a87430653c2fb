"""Turn pydantic's validation errors into one clear line for people."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from peoplelinks.domain.text import clean_text
from peoplelinks.errors import InputError

# What a pattern mismatch means, by field name.
_PATTERN_MEANING = {
    "emails": "is not a valid email address",
    "phones": "is not a valid phone number",
    "profile_url": "is not a valid web address (it must start with http:// or https://)",
    "tags": "is not a valid tag (a tag is one line with no comma)",
}
# How much of a value an error quotes, counted as written inside the quotes.
_SHOWN = 50
_MISSING = object()


def _show(value: Any) -> str:
    """``value`` quoted on one line; a long text is cut first, then quoted (``'abc…'``)."""
    if not isinstance(value, str):
        text = repr(value)
        return text if len(text) <= _SHOWN + 10 else text[:_SHOWN + 9] + "…"
    budget = _SHOWN
    for i, char in enumerate(value):
        budget -= len(repr(char)) - 2  # "\n" takes two, "\x1b" four
        if budget < 0:
            return repr(value[:i] + "…")
    return repr(value)


def _fold(value: Any) -> Any:
    return clean_text(value).casefold() if isinstance(value, str) else value


def _typed_item(items: Sequence[Any], index: int, value: Any) -> Any:
    """The item of a typed list that became ``value`` (at ``index`` once cleaned:
    cleaning drops empty entries and repeats, so the index alone may point elsewhere)."""
    wanted = _fold(value)
    for item in items:
        if item == value or _fold(item) == wanted:
            return item
    return items[index] if 0 <= index < len(items) else _MISSING


def _as_typed(raw: Mapping[str, Any] | None, loc: tuple[int | str, ...], value: Any) -> Any:
    """The value at ``loc`` as it was given in ``raw`` (the input before cleaning),
    or ``value`` when ``raw`` does not hold it."""
    if raw is None or not loc or not isinstance(loc[0], str) or loc[0] not in raw:
        return value
    node: Any = raw[loc[0]]
    for key in loc[1:]:
        if isinstance(key, int):
            items = node.split(",") if isinstance(node, str) else node  # "a, b" lists
            if not isinstance(items, list | tuple):
                return value
            node = _typed_item(items, key, value)
            if node is _MISSING:
                return value
        elif isinstance(node, Mapping) and key in node:
            node = node[key]
        else:
            return value
    return node


def describe(exc: ValidationError, raw: Mapping[str, Any] | None = None) -> InputError:
    """Return an :class:`InputError` naming the first bad field and its value.

    ``raw`` is the input as it was given, before cleaning (:meth:`Model.from_input`
    trims, folds and rewrites it): values are quoted from it when it holds them,
    so the person sees what they typed.
    """
    parts = []
    first_field = None
    for err in exc.errors(include_url=False):
        loc = [str(p) for p in err["loc"] if not isinstance(p, int)]
        field = ".".join(loc) or "record"
        first_field = first_field or field
        checked = err.get("input")
        value = _as_typed(raw, err["loc"], checked)
        kind = err["type"]
        ctx = err.get("ctx", {})
        if kind == "string_too_short" and ctx.get("min_length") == 1:
            parts.append(f"{field}: must not be empty")
            continue
        if kind == "string_too_long" and isinstance(checked, str):
            parts.append(f"{field}: {_show(value)} is too long ({len(checked)} characters; "
                         f"at most {ctx.get('max_length')})")
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
