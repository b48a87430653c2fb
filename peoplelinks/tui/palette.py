"""Command palette providers: every command, and every contact by name.

The app's commands come first, ranked by how the typed words start the
command's words (title, then help: "import" offers nothing rather than "Filter"),
then contacts; Textual's own commands (Keys, Maximize, Screenshot) follow in a
group of their own, marked "Textual" (its Theme and Quit are the app's ``T``
and ``q``, so they are left out).

Titles are Content built from plain strings (the palette's highlighter would
otherwise parse a contact named ``[bold]Eve[/]`` as markup).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from peoplelinks.tui.commands import COMMANDS

if TYPE_CHECKING:
    from peoplelinks.tui.app import PeopleLinksApp

CONTACT_HITS = 20
# Bands of scores, best first: a command named by its title's words, by its help's
# words; a contact; a command by a fuzzy match of its title (a typo); Textual's own.
TITLE_WORDS, HELP_WORDS, CONTACT, TITLE_FUZZY, SYSTEM = 4.0, 3.0, 2.0, 1.0, 0.0
SYSTEM_LEFT_OUT = {"Theme", "Quit"}  # the app's own T and q do these
WORD = re.compile(r"\w+")


def word_starts(query: str, text: str) -> bool:
    """Every word of ``query`` starts a word of ``text`` ("ref gr" in "referral graph")."""
    words = WORD.findall(text.casefold())
    return all(any(word.startswith(typed) for word in words)
               for typed in WORD.findall(query.casefold())) and bool(WORD.search(query))


def squash(score: float) -> float:
    """Textual's fuzzy score (0 and up, unbounded) brought into [0, 1), order kept."""
    return score / (score + 1)


def command_score(matcher: Matcher, query: str, title: str, help_text: str) -> float:
    """How well ``query`` names a command: its title's words, then its help's, then a
    fuzzy match of the title that starts at a word (typos: "grph"); 0 for none."""
    if word_starts(query, title):
        return TITLE_WORDS + squash(matcher.match(title))
    if word_starts(query, f"{title} {help_text}"):
        return HELP_WORDS + squash(matcher.match(title))
    first = query.strip()[:1].casefold()
    fuzzy = matcher.match(title)
    if fuzzy and first and any(word.startswith(first) for word in WORD.findall(title.casefold())):
        return TITLE_FUZZY + squash(fuzzy)
    return 0.0


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
    """The commands of :data:`COMMANDS` that the current screen can run, then Textual's."""

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

    def _system(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """Textual's own commands for this screen, but those the app has its own key for."""
        return [(command.title, command.help, command.callback)
                for command in self.app.get_system_commands(self.screen)
                if command.title not in SYSTEM_LEFT_OUT]

    @staticmethod
    def _system_title(title: str | Content) -> Content:
        return Content.assemble(title, ("  · Textual", "dim"))

    async def discover(self) -> Hits:
        for title, text, action in self._available():
            yield DiscoveryHit(title, partial(self._run, action), help=text)
        for name, text, callback in self._system():
            yield DiscoveryHit(self._system_title(name), callback, text=f"{name} Textual",
                               help=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, text, action in self._available():
            name = title.plain.split("  (")[0]
            score = command_score(matcher, query, name, text)
            if score > 0:
                yield Hit(score, highlight(matcher, title.plain), partial(self._run, action),
                          help=text)
        for name, text, callback in self._system():
            if word_starts(query, f"{name} {text}") or matcher.match(name) > 0:
                yield Hit(SYSTEM + 0.9 * squash(max(matcher.match(name), 0.1)),
                          self._system_title(highlight(matcher, name)), callback,
                          text=f"{name} Textual", help=text)

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
            score = CONTACT + 0.5 * squash(matcher.match(title)) + 0.5 / (rank + 2)
            yield Hit(score, highlight(matcher, title), partial(app.jump_to, contact.id),
                      help=contact.title or None)
