"""export md: the network on one page — target companies first (nobody there said
so), then each circle; last talks and what is open; names never read as Markdown."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from peoplelinks.service import PeopleLinks
from tests.conftest import TODAY


def test_the_page(app: PeopleLinks, tmp_path: Path) -> None:
    app.set_objective({"target_companies": ["Contoso", "Globex"]})
    ann = app.add_contact({"name": "Ann [Lee](http://evil)", "company": "Contoso, Inc.",
                           "title": "Director", "circle": "work"})
    app.log([ann.id], when=TODAY - timedelta(days=2), next_action="Send the deck",
            next_due=TODAY + timedelta(days=1))
    app.add_contact({"name": "Bob Ray", "circle": "personal"})
    target = tmp_path / "network.md"
    assert app.export_markdown(target) == 2
    text = target.read_text(encoding="utf-8")
    assert text.startswith(f"# My network — {TODAY.isoformat()}")
    contoso = text.index("### Contoso")
    assert text.index("### Globex") > contoso and "- nobody there yet" in text
    assert r"**Ann \[Lee\](http://evil)** — Director at Contoso, Inc." in text  # no link
    assert f"last talk {(TODAY - timedelta(days=2)).isoformat()}" in text
    assert f"  - open: Send the deck (due {(TODAY + timedelta(days=1)).isoformat()})" in text
    assert "## Work (1)" in text and "## Personal (1)" in text
    assert "**Bob Ray** — never talked" in text
