"""Referral lines: ``Name @ Company - note``, with emails kept whole."""

from __future__ import annotations

import pytest

from peoplelinks.domain.referrals import Referral, parse_referral, parse_referrals
from peoplelinks.errors import InputError


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A bare email is one person, not "ann" at "x.com"; it stays their name too.
        ("ann@x.com", Referral("ann@x.com", email="ann@x.com")),
        ("<ann@x.com>", Referral("ann@x.com", email="ann@x.com")),
        ("ann@x.com @ Acme", Referral("ann@x.com", "Acme", email="ann@x.com")),
        ("Bob Stone (bob@x.com) @ Acme - great",
         Referral("Bob Stone", "Acme", "great", email="bob@x.com")),
        ("Bob Stone <bob@x.com> @ Acme", Referral("Bob Stone", "Acme", email="bob@x.com")),
        ("Bob Stone bob@x.com @ Acme", Referral("Bob Stone", "Acme", email="bob@x.com")),
        ("bob@x.com Bob Stone", Referral("Bob Stone", email="bob@x.com")),
        # An @ inside a word is not the separator.
        ("[@click=app.quit]x[/] @ Acme", Referral("[@click=app.quit]x[/]", "Acme")),
        ("Ann@Acme", Referral("Ann@Acme")),
        ("@ann_handle", Referral("@ann_handle")),
        # Not an email: stays in the name.
        ("Ann (ann@localhost) @ Acme", Referral("Ann (ann@localhost)", "Acme")),
        # The documented forms still work.
        ("Tom Becker @ Northwind - owns dashboards",
         Referral("Tom Becker", "Northwind", "owns dashboards")),
        ("Tom Becker @ Northwind", Referral("Tom Becker", "Northwind")),
        ("Tom Becker - met at the fair", Referral("Tom Becker", note="met at the fair")),
        ("Tom @", Referral("Tom")),
        ("Mary-Jane Watts @ Daily Bugle", Referral("Mary-Jane Watts", "Daily Bugle")),
    ],
)
def test_parse_referral(line: str, expected: Referral) -> None:
    assert parse_referral(line) == expected


@pytest.mark.parametrize("line", [" @ Acme", "@", "@ Acme - note", "\x1b[31m @ Acme"])
def test_referral_without_a_name_is_refused(line: str) -> None:
    with pytest.raises(InputError, match="has no name") as info:
        parse_referral(line)
    assert info.value.field == "referrals"
    assert repr(line) in str(info.value)


def test_parse_referrals_one_per_line() -> None:
    assert parse_referrals("A @ X\n<b@y.com>\n\n C ") == [
        Referral("A", "X"), Referral("b@y.com", email="b@y.com"), Referral("C")]
