"""Seniority guessed from a job title (imports bring titles, not levels)."""

from __future__ import annotations

import pytest

from peoplelinks.domain.enums import Level
from peoplelinks.domain.levels import guess_level


@pytest.mark.parametrize(("title", "level"), [
    ("VP Engineering", Level.EXECUTIVE),
    ("Vice President, Sales", Level.EXECUTIVE),
    ("Chief Technology Officer", Level.EXECUTIVE),
    ("Co-Founder & CEO", Level.EXECUTIVE),
    ("Director of Product", Level.DIRECTOR),
    ("Head of Data", Level.DIRECTOR),
    ("Senior Engineering Manager", Level.MANAGER),
    ("Team Lead, Payments", Level.MANAGER),
    ("Senior Software Engineer", Level.IC),
    ("Data Analyst", Level.IC),
    ("Executive Assistant to the CEO", Level.IC),  # an assistant, whoever to
    ("Consultant", Level.UNKNOWN),  # says nothing about seniority
    ("Product Owner", Level.UNKNOWN),
    ("", Level.UNKNOWN),
    ("managerial accounting tutor", Level.UNKNOWN),  # whole words only
])
def test_guess_level(title: str, level: Level) -> None:
    assert guess_level(title) == level
