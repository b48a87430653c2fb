"""Validation errors read as one line quoting the value as it was typed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import ValidationError

from peoplelinks.domain.models import Contact, FollowUp, Model, Objective
from peoplelinks.domain.validation import describe
from peoplelinks.errors import InputError


def error_of(model: type[Model], data: dict[str, Any]) -> InputError:
    with pytest.raises(ValidationError) as info:
        model.from_input(data)
    return describe(info.value, data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # The cleaner adds https:// to a bare address; the error quotes what was typed.
        ({"profile_url": "not_a_url"},
         "profile_url: 'not_a_url' is not a valid web address"),
        ({"profile_url": "  example\x1b[31m.com/a b "},
         r"profile_url: '  example\x1b[31m.com/a b ' is not a valid web address"),
        # Emails: the domain is lower-cased, empty entries and repeats dropped.
        ({"emails": ["", "ok@acme.com", "Ann@Acme"]},
         "emails: 'Ann@Acme' is not a valid email address"),
        ({"emails": "ok@acme.com, ok@ACME.com,  Ann@Acme "},
         "emails: '  Ann@Acme ' is not a valid email address"),
        ({"tags": ["", "  ", "a\x00b,"]}, r"tags: 'a\x00b,' is not a valid tag"),
        ({"circle": " Galaxy "}, "circle: input should be 'personal', 'network' or 'work' "
                                 "(got ' Galaxy ')"),
    ],
)
def test_errors_quote_the_value_as_typed(data: dict[str, Any], expected: str) -> None:
    err = error_of(Contact, {"name": "Ann", **data})
    assert str(err).startswith(expected), str(err)
    assert err.field == next(iter(data))


def test_without_the_raw_input_the_validated_value_is_quoted() -> None:
    with pytest.raises(ValidationError) as info:
        Contact.from_input({"name": "Ann", "profile_url": "not_a_url"})
    assert "'https://not_a_url'" in str(describe(info.value))


TOO_LONG = re.compile(r"^(?P<field>[a-z_]+): '(?P<text>[^']*)…' is too long "
                      r"\((?P<n>\d+) characters; at most (?P<max>\d+)\)$")


@pytest.mark.parametrize(
    ("model", "data", "field", "length", "limit"),
    [
        (Contact, {"name": "a" * 10_000}, "name", 10_000, 200),
        (Contact, {"name": "Ann", "title": "  " + "t" * 1001}, "title", 1001, 1000),
        (Contact, {"name": "Ann", "notes": "n" * 20_001}, "notes", 20_001, 20_000),
        (Contact, {"name": "Ann", "emails": ["x@acme.com", "a" * 300 + "@b.com"]},
         "emails", 306, 254),
        (Contact, {"name": "Ann", "tags": ["t" * 61]}, "tags", 61, 60),
        (Objective, {"target_companies": ["c" * 1001]}, "target_companies", 1001, 1000),
        (FollowUp, {"contact_id": 1, "action": "a" * 201, "due": "2026-01-01"},
         "action", 201, 200),
    ],
)
def test_too_long_says_the_length_and_closes_the_quote(
        model: type[Model], data: dict[str, Any], field: str, length: int, limit: int) -> None:
    message = str(error_of(model, data))
    m = TOO_LONG.match(message)
    assert m, message
    assert (m["field"], int(m["n"]), int(m["max"])) == (field, length, limit)
    assert 20 <= len(m["text"]) <= 60


def test_long_values_are_cut_before_quoting_and_stay_one_line() -> None:
    with pytest.raises(ValidationError) as info:
        Contact.model_validate({"name": "\x1b\n" * 300})  # not cleaned: stored data
    message = str(describe(info.value))
    assert "\n" not in message and "\x1b" not in message
    assert re.match(r"^name: '(\\x1b\\n)+…' is too long \(600 characters; at most 200\)$",
                    message), message
    assert len(message) < 120
