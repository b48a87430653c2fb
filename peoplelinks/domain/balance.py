"""The give/ask balance of a relationship (DOMAIN.md section 6).

Networking is two-way: a contact you only ever ask from is a contact you burn.
From a contact's talks we count those where the user *gave* something (the
talk's ``gave`` text is filled in) and those where the user *asked* (for
referrals or for a recommendation), and how many asks came since the last give.

A talk that both gives and asks counts as giving first: the user offered
something and then asked, which is the method working, so after it
``asks_since_gave`` is 1, not 0 and not the running total.

Talks are taken in the order they happened: by date, then by id (the order
they were logged on the same day). The counting does not depend on the order
the talks are handed over, so no sort is needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from peoplelinks.domain.models import Interaction

# Asks in a row, without giving, before the user is nudged.
NUDGE_AFTER = 2

_Key = tuple[date, int]


@dataclass(frozen=True)
class Balance:
    """How often the user gave and asked in one relationship."""

    gave: int = 0
    asked: int = 0
    asks_since_gave: int = 0


def gives(talk: Interaction) -> bool:
    """True when the user gave something in ``talk`` (its ``gave`` text is filled in)."""
    return bool(talk.gave.strip())


def asks(talk: Interaction) -> bool:
    """True when the user asked for referrals or a recommendation in ``talk``."""
    return talk.asked_for_referrals or talk.asked_for_recommendation


class _Tally:
    """Gives and asks of one contact, fed in any order."""

    __slots__ = ("asked_at", "gave", "last_give")

    def __init__(self) -> None:
        self.gave = 0
        self.last_give: _Key | None = None
        self.asked_at: list[_Key] = []

    def add(self, key: _Key, gave: bool, asked: bool) -> None:
        if gave:
            self.gave += 1
            if self.last_give is None or key > self.last_give:
                self.last_give = key
        if asked:
            self.asked_at.append(key)

    def result(self) -> Balance:
        last = self.last_give
        # ">=": an ask in the giving talk itself comes after the give.
        since = len(self.asked_at) if last is None else sum(k >= last for k in self.asked_at)
        return Balance(gave=self.gave, asked=len(self.asked_at), asks_since_gave=since)


def balance(talks: Iterable[Interaction]) -> Balance:
    """The balance of one contact's ``talks`` (any order)."""
    tally = _Tally()
    for talk in talks:
        tally.add((talk.date, talk.id), gives(talk), asks(talk))
    return tally.result()


def balances(interactions: Iterable[Interaction], contact_ids: Iterable[int]
             ) -> dict[int, Balance]:
    """The balance of every contact in ``contact_ids``, in one pass over ``interactions``.

    A talk with several people counts for each of them. Contacts with no talk that
    gives or asks share one empty :class:`Balance`. The loop is kept tight (plain
    dicts, no call per talk): it runs over every talk in the log.
    """
    wanted = contact_ids if isinstance(contact_ids, (set, frozenset)) else set(contact_ids)
    gave_n: dict[int, int] = {}
    last_give: dict[int, _Key] = {}
    asked_at: dict[int, list[_Key]] = {}
    for talk in interactions:
        gave = bool(talk.gave) and not talk.gave.isspace()
        asked = talk.asked_for_referrals or talk.asked_for_recommendation
        if not (gave or asked):
            continue
        key = (talk.date, talk.id)
        for cid in talk.contact_ids:
            if cid not in wanted:
                continue
            if gave:
                gave_n[cid] = gave_n.get(cid, 0) + 1
                if cid not in last_give or key > last_give[cid]:
                    last_give[cid] = key
            if asked:
                asked_at.setdefault(cid, []).append(key)
    empty = Balance()
    out = dict.fromkeys(wanted, empty)
    for cid in gave_n.keys() | asked_at.keys():
        keys = asked_at.get(cid, [])
        last = last_give.get(cid)
        since = len(keys) if last is None else sum(k >= last for k in keys)
        out[cid] = Balance(gave_n.get(cid, 0), len(keys), since)
    return out


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def nudge(balance: Balance, first_name: str) -> str | None:
    """A one-line nudge when the user has asked :data:`NUDGE_AFTER` times or more
    since last giving to the contact called ``first_name``; None otherwise."""
    n = balance.asks_since_gave
    if n < NUDGE_AFTER:
        return None
    since = "since you last gave" if balance.gave else "and never given"
    return (f"You have asked {first_name} {_times(n)} {since}: offer something first "
            "(an introduction, an article)")
