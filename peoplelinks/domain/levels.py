"""A seniority level guessed from a job title ("VP Engineering" is an executive).

Imports (LinkedIn, vCard, CSV) bring titles but no level; the strategy compares
meetings by level with the objective's target level, so a guess is better than
"unknown". The guess reads whole words, case-insensitively; the most senior
word found wins ("Senior Manager, Director's office" is a director). A title
with none of the words stays unknown rather than "individual contributor":
"Consultant" says nothing about seniority.
"""

from __future__ import annotations

import re
from functools import lru_cache

from peoplelinks.domain.enums import Level

# Phrases per level, most senior first. Matched as whole words.
_PHRASES: list[tuple[Level, tuple[str, ...]]] = [
    (Level.EXECUTIVE, ("chief", "ceo", "cto", "cfo", "coo", "cio", "cmo", "cpo", "ciso",
                       "president", "vice president", "vp", "svp", "evp", "founder",
                       "co-founder", "cofounder", "managing partner", "general partner",
                       "managing director", "general manager")),
    (Level.DIRECTOR, ("director", "head of", "head", "principal", "directeur", "directora",
                      "director of")),
    (Level.MANAGER, ("manager", "team lead", "team leader", "supervisor", "gerente")),
    (Level.IC, ("engineer", "developer", "analyst", "designer", "scientist", "specialist",
                "associate", "coordinator", "intern", "assistant", "architect",
                "researcher", "writer", "accountant", "recruiter", "representative",
                "administrator", "technician", "programmer")),
]
_PATTERNS = [(level, re.compile(r"(?<![\w-])(?:" + "|".join(
    re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE)) for level, phrases in _PHRASES]
# "Assistant to the CEO" or "Executive Assistant" is not an executive.
_ASSISTANT = re.compile(r"(?<![\w-])(?:assistant|assistente|asistente)(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=8192)  # titles repeat a lot in a network
def guess_level(title: str) -> Level:
    """The level a job title suggests (:data:`Level.UNKNOWN` when it says none)."""
    if not title.strip():
        return Level.UNKNOWN
    if _ASSISTANT.search(title):
        return Level.IC
    for level, pattern in _PATTERNS:
        if pattern.search(title):
            return level
    return Level.UNKNOWN
