"""Shared fixtures: a database in a temporary folder and a fixed 'today'."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from peoplelinks.service import PeopleLinks

TODAY = date(2026, 11, 22)  # a Sunday


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Path of a database that does not exist yet."""
    return tmp_path / "data" / "peoplelinks.json"


@pytest.fixture
def app(db_path: Path) -> Iterator[PeopleLinks]:
    """An open, empty application whose today is :data:`TODAY`."""
    service = PeopleLinks.open(db_path, today=lambda: TODAY)
    yield service
    service.close()
