"""Command palette providers: every command, and every contact by name.

Titles are Content built from plain strings (the palette's highlighter would
otherwise parse a contact named ``[bold]Eve[/]`` as markup).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from peoplelinks.tui.commands import COMMANDS

if TYPE_CHECKING:
    from peoplelinks.tui.app import PeopleLinksApp

CONTACT_HITS = 20


class CommandsProvider(Provider):
    """The commands of :data:`COMMANDS` that the current screen can run."""

    def _available(self) -> list[tuple[Content, str, str]]:
        screen = self.app.screen
        found = []
        for command in COMMANDS:
            if getattr(screen, f"action_{command.action}", None) or command.action == "quit":
                title = Content(f"{command.title}  ({command.keys_shown})")
                found.append((title, command.help, command.action))
        return found

    async def discover(self) -> Hits:
        for title, text, action in self._available():
            yield DiscoveryHit(title, partial(self._run, action), help=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, text, action in self._available():
            score = matcher.match(title.plain)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), help=text)

    def _run(self, action: str) -> None:
        target = self.app if action == "quit" else self.app.screen
        self.app.call_later(target.run_action, action)


class ContactsProvider(Provider):
    """Jump to a contact by typing part of a name, company or tag."""

    async def search(self, query: str) -> Hits:
        app: PeopleLinksApp = self.app  # type: ignore[assignment]
        if not query.strip():
            return
        matcher = self.matcher(query)
        for rank, contact in enumerate(app.service.search(query, limit=CONTACT_HITS)):
            title = Content(f"Go to {contact.label}")
            score = max(matcher.match(title.plain), 0.5 / (rank + 1))
            yield Hit(score, matcher.highlight(title), partial(app.jump_to, contact.id),
                      help=contact.title or None)
