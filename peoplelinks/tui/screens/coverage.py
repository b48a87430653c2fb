"""Target companies (issue 10): whom I know at each company of my objective.

One group per target company, in the service's order (companies with nobody
first): a bold line with the counts and the last talk, then the people there
(name · title · last talk), the leads not contacted yet, and, where I know
nobody there yet, the first steps of the warmest way in.

``enter`` on a person closes the screen with ``("open", contact_id)``; on a line
about the company (its title, the way in) with ``("paths", company)``, as ``w``
does on any line of a company. With no target company, ``O`` closes it with
``("objective", "")`` so the main screen opens the objective form. ``esc``
closes it with None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from peoplelinks.domain.coverage import CompanyCoverage
from peoplelinks.domain.paths import How, WarmPath
from peoplelinks.domain.text import plural
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.widgets.option_keys import KeyedOptionList

HINT = "enter open · w warm paths · esc close"
# People listed per company (contacts, then leads); the rest are counted on one line.
PEOPLE_SHOWN = 8
# People named on a way in; a longer path ends with "→ …".
STEPS_SHOWN = 4

# What the screen closes with: ("open", contact_id), ("paths", company) or
# ("objective", "") to edit the objective; None when closed with esc.
CoverageChoice = tuple[str, int | str]


def short_day(day: date, today: date) -> str:
    """``15 Nov`` this year, ``15 Nov 2025`` another year."""
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


@dataclass(frozen=True)
class Line:
    """What one line of the list is about: a company, and maybe one person there."""

    company: str
    contact_id: int | None = None


class CoverageList(KeyedOptionList):
    """The companies and their people; moves like every list (j/k, arrows, pages, ends)."""


class CoverageScreen(ModalScreen[CoverageChoice | None]):
    """Whom I know at each target company, the emptiest first."""

    DEFAULT_CSS = """
    CoverageScreen { align: center middle; }
    #coverage-box {
        width: 100; max-width: 100%; height: 90%; border: round $primary;
        background: $surface; padding: 0 1;
    }
    #coverage-list { height: 1fr; background: transparent; }
    #coverage-note { height: auto; color: $text-warning; }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="coverage.close"),
        Binding("enter", "select", "Open", id="coverage.open", priority=True),
        Binding("w", "paths", "Warm paths", id="coverage.paths"),
        Binding("O", "objective", "Edit the objective", show=False, id="coverage.objective"),
    ]

    def __init__(self, service: PeopleLinks) -> None:
        super().__init__()
        self.service = service
        self._lines: dict[str, Line] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="coverage-box") as box:
            box.border_title = "Target companies"
            box.border_subtitle = HINT
            yield CoverageList(id="coverage-list")
            yield Static("", id="coverage-note", markup=False)

    def on_mount(self) -> None:
        self.fill()
        self.query_one(CoverageList).focus()

    # ---- the list ---------------------------------------------------------------

    def fill(self) -> None:
        """Build the list from the service's coverage, one group per company."""
        listing = self.query_one(CoverageList)
        listing.clear_options()
        self._lines.clear()
        rows = self.service.coverage()
        options: list[Option] = []
        for n, row in enumerate(rows):
            for k, (prompt, contact_id) in enumerate(self._group(row)):
                key = f"c{n}.{k}"
                self._lines[key] = Line(row.company, contact_id)
                options.append(Option(prompt, id=key))
        if not options:
            options.append(Option(Content.assemble(
                "No target companies yet: press ", ("O", "bold"),
                " (edit the objective) to add the companies you want to work at."),
                disabled=True))
        listing.add_options(options)
        listing.highlighted = 0 if self._lines else None

    def _group(self, row: CompanyCoverage) -> list[tuple[Content, int | None]]:
        """The lines of one company: its title, its people, its leads, the way in."""
        contacts, today = self.service.db.contacts, self.service.today
        last = self.service.last_contacts()
        if row.nobody:
            counts = "nobody there yet"
        else:
            counts = (f"{plural(len(row.contacts), 'contact') if row.contacts else 'no contact'}"
                      f", {plural(len(row.leads), 'lead')}")
            if row.last_contact is not None:
                counts += f", last talk {short_day(row.last_contact, today)}"
        lines: list[tuple[Content, int | None]] = [
            (Content.assemble((row.company, "bold"), (f" — {counts}", "bold")), None)]
        shown = 0
        for cid in row.contacts[:PEOPLE_SHOWN]:
            contact = contacts[cid]
            day = last.get(cid)
            talk = f"last talk {short_day(day, today)}" if day else "never talked"
            lines.append((self._person(contact.name, contact.title, talk), cid))
            shown += 1
        for cid in row.leads[:max(0, PEOPLE_SHOWN - shown)]:
            contact = contacts[cid]
            lines.append((self._person(contact.name, contact.title,
                                       "lead, not contacted yet"), cid))
            shown += 1
        more = len(row.contacts) + len(row.leads) - shown
        if more > 0:
            people = "person" if more == 1 else "people"
            lines.append((Content.styled(f"  … and {more} more {people}", "dim"), None))
        if not row.contacts:
            if row.path is not None:
                lines.append((self._way_in(row.path), None))
            elif row.nobody:
                lines.append((Content.styled(
                    "  add who you know there, or ask your contacts who does", "dim"), None))
        return lines

    @staticmethod
    def _person(name: str, title: str, talk: str) -> Content:
        return Content.assemble("  ", name, (f" · {title}" if title else "", "dim"),
                                (f" · {talk}", "dim"))

    def _way_in(self, path: WarmPath) -> Content:
        """``way in: ask Li Wei (you talked 18 Nov) → Carlos Mendes``."""
        contacts, today = self.service.db.contacts, self.service.today
        first = path.steps[0]
        name = contacts[first.contact_id].name if first.contact_id in contacts else \
            f"#{first.contact_id}"
        if first.how == How.TALKED and first.last_contact is not None:
            how = f" (you talked {short_day(first.last_contact, today)})"
        elif first.how == How.TALKED:
            how = " (you talked)"
        else:
            how = " (you know them)"
        parts: list[str | tuple[str, str]] = [("  way in: ", "dim"), "ask ", name, (how, "dim")]
        for step in path.steps[1:STEPS_SHOWN]:
            who = contacts[step.contact_id].name if step.contact_id in contacts else \
                f"#{step.contact_id}"
            parts += [(" → ", "dim"), who]
        if path.length > STEPS_SHOWN:
            parts.append((" → …", "dim"))
        return Content.assemble(*parts)

    def _selected(self) -> Line | None:
        listing = self.query_one(CoverageList)
        if listing.highlighted is None:
            return None
        return self._lines.get(listing.get_option_at_index(listing.highlighted).id or "")

    @property
    def lines(self) -> list[str]:
        """What the list shows, one string a line (for tests)."""
        listing = self.query_one(CoverageList)
        return [str(listing.get_option_at_index(i).prompt)
                for i in range(listing.option_count)]

    # ---- actions ------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a line does what ``enter`` does."""
        event.stop()
        self.action_select()

    def action_select(self) -> None:
        line = self._selected()
        if line is None:
            return
        if line.contact_id is not None:
            self.dismiss(("open", line.contact_id))
        else:
            self.dismiss(("paths", line.company))

    def action_paths(self) -> None:
        line = self._selected()
        if line is not None:
            self.dismiss(("paths", line.company))

    def action_objective(self) -> None:
        self.dismiss(("objective", ""))

    def action_close(self) -> None:
        self.dismiss(None)
