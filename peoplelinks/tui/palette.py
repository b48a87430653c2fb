"""Command palette providers: every command, and every contact by name.

Titles are Content built from plain strings (the palette's highlighter would
otherwise parse a contact named ``[bold]Eve[/]`` as markup).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from peoplelinks.tui.commands import COMMANDS

if TYPE_CHECKING:
    from peoplelinks.tui.app import PeopleLinksApp

CONTACT_HITS = 20


def highlight(matcher: Matcher, text: str) -> Content:
    """``text`` as literal Content with the fuzzy match styled.

    Textual's ``Matcher.highlight`` parses its argument as markup, so a contact
    named ``[bold]Eve[/]`` would lose its brackets; this never parses.
    """
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class CommandsProvider(Provider):
    """The commands of :data:`COMMANDS` that the current screen can run."""

    def _available(self) -> list[tuple[Content, str, str]]:
        screen = self.screen  # the screen the palette was opened over
        found = []
        for command in COMMANDS:
            if command.action.startswith("app.") or getattr(screen, f"action_{command.action}",
                                                            None):
                where = f" in the {command.pane} pane" if command.pane else ""
                title = Content(f"{command.title}  ({command.keys_shown}{where})")
                found.append((title, command.help, command.action))
        return found

    async def discover(self) -> Hits:
        for title, text, action in self._available():
            yield DiscoveryHit(title, partial(self._run, action), help=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, text, action in self._available():
            # The help words count too: "referral graph" finds "Graph".
            score = max(matcher.match(title.plain), matcher.match(text) * 0.8)
            if score > 0:
                yield Hit(score, highlight(matcher, title.plain), partial(self._run, action),
                          help=text)

    def _run(self, action: str) -> None:
        self.app.call_later(self.screen.run_action, action)


class ContactsProvider(Provider):
    """Jump to a contact by typing part of a name, company or tag."""

    async def search(self, query: str) -> Hits:
        app: PeopleLinksApp = self.app  # type: ignore[assignment]
        if not query.strip():
            return
        matcher = self.matcher(query)
        for rank, contact in enumerate(app.service.search(query, limit=CONTACT_HITS)):
            title = f"Go to {contact.label}"
            score = max(matcher.match(title), 0.5 / (rank + 1))
            yield Hit(score, highlight(matcher, title), partial(app.jump_to, contact.id),
                      help=contact.title or None)
