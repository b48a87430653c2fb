"""One company, however it is written: "Fabrikam, Inc.", "FABRIKAM LLC" and "fabrikam".

:func:`company_key` turns a company name into a key that is equal for every way
people (and LinkedIn exports) write the same company, so contacts can be matched
with the target companies of the objective (DOMAIN.md section 1):

- letters are case-folded and accents folded (NFKD, combining marks dropped),
  so "Nestlé" and "NESTLE" match; other scripts keep their letters;
- apostrophes and full stops are dropped ("Margie's" = "Margies",
  "S.A." = "SA"); any other punctuation or symbol separates words
  ("Hewlett-Packard" = "Hewlett Packard", "Smith & Co" = "Smith Co");
- white space is collapsed;
- legal suffixes are dropped from the end, repeatedly ("Acme Pty Ltd" =
  "Acme"), and a leading "the" from the start ("The Coca-Cola Company" =
  "Coca-Cola"), but never the last word left: "Co" stays "co".

A name with no letter or digit at all ("???") keeps its folded text as its key,
so it matches only itself; only a blank name has the key "".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: keys need no pydantic
    from peoplelinks.domain.models import Contact

# Legal forms, as words after punctuation is handled ("S.A." -> "sa", "& Co." -> "co").
LEGAL_SUFFIXES = frozenset({
    "inc", "incorporated", "llc", "llp", "ltd", "limited", "gmbh", "ag", "corp",
    "corporation", "co", "company", "sa", "sas", "plc", "bv", "nv", "pty", "srl", "sarl",
    "sl", "oy", "ab", "as", "kk", "spa", "lp", "pte",
    # Added: common forms that otherwise split one company in two
    # ("Fabrikam GmbH & Co. KG", "SAP SE", "Infosys Pvt Ltd", "Natura Ltda").
    "kg", "se", "pvt", "ltda",
})
_LEADING = frozenset({"the"})
# Dropped, not turned into a space: they sit inside a word ("Margie's", "S.A.").
_JOINERS = frozenset("'.\u2019\u02bc\u2018`\u00b4")


def _fold(name: str) -> str:
    """Case- and accent-folded ``name``; punctuation as described in the module."""
    text = unicodedata.normalize("NFKD", name.casefold())
    out: list[str] = []
    for ch in text:
        if ch in _JOINERS:
            continue
        category = unicodedata.category(ch)
        if category == "Mn":  # an accent: folded away
            continue
        # Letters, digits and the marks that are part of a letter in other scripts.
        out.append(ch if ch.isalnum() or category in ("Mc", "Me") else " ")
    # casefold again: a few letters only fold once decomposed.
    return "".join(out).casefold()


@lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """The matching key of company ``name`` (see the module docstring); "" when blank.

    Cached: a network repeats the same few thousand company names, and warm
    paths and coverage key every contact's company.
    """
    words = _fold(name).split()
    if not words:
        return " ".join(name.casefold().split())
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    while len(words) > 1 and words[0] in _LEADING:
        words.pop(0)
    return " ".join(words)


def target_keys(targets: Iterable[str]) -> frozenset[str]:
    """Keys of the objective's target companies (blank ones left out)."""
    return frozenset(key for key in map(company_key, targets) if key)


def is_target(company: str, keys: frozenset[str]) -> bool:
    """True when ``company`` is one of the companies whose keys are ``keys``."""
    key = company_key(company)
    return bool(key) and key in keys


def at_company(contacts: Mapping[int, Contact], key: str) -> list[int]:
    """Ids of the contacts (trash left out, any status) whose company has ``key``, in id order.

    One pass over the network; :func:`company_key` is cached, so this costs a
    dictionary lookup per contact.
    """
    if not key:
        return []
    return sorted(cid for cid, c in contacts.items()
                  if c.deleted_at is None and company_key(c.company) == key)
