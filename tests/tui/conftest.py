"""TUI fixtures: the app on an empty database or on the demo network, today fixed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from peoplelinks.demo import load_demo
from peoplelinks.domain.models import Contact
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.app import PeopleLinksApp
from tests.conftest import TODAY

UNSAFE_NAMES = ["Bob [/]", "Ann [ACME Corp]", "[bold]Eve[/]", "[@click=app.quit]x[/]"]


@pytest.fixture
def demo_service(tmp_path: Path) -> Iterator[PeopleLinks]:
    """The demo network, with today fixed."""
    service = PeopleLinks.open(tmp_path / "demo.json", today=lambda: TODAY)
    load_demo(service)
    yield service
    service.close()


@pytest.fixture
def demo_app(demo_service: PeopleLinks) -> PeopleLinksApp:
    """The TUI on the demo network."""
    return PeopleLinksApp(demo_service)


@pytest.fixture
def empty_app(app: PeopleLinks) -> PeopleLinksApp:
    """The TUI on an empty database."""
    return PeopleLinksApp(app)


@pytest.fixture
def priya_twin(demo_service: PeopleLinks) -> Contact:
    """A second "Priya Shah" (the demo has one), at another company."""
    return demo_service.add_contact({"name": "Priya Shah", "company": "Elsewhere Inc"},
                                    allow_duplicate=True)
