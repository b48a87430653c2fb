"""The follow-ups pane: overdue, today, meetings planned, this week, later, and
keep-in-touch due.

Each entry shows the contact and the action as literal text (Content), never
markup. Keep-in-touch entries are capped so a 30,000-contact network that has
lapsed does not build thousands of options.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.widgets.option_list import Option

from peoplelinks.domain.companies import is_target
from peoplelinks.domain.models import Contact
from peoplelinks.domain.schedule import Bucket, DueReport
from peoplelinks.tui.cells import safe_strip
from peoplelinks.tui.commands import FOLLOWUPS_PANE, bindings
from peoplelinks.tui.widgets.contact_list import TARGET_MARK
from peoplelinks.tui.widgets.option_keys import KeyedOptionList

TITLES = {Bucket.OVERDUE: "Overdue", Bucket.TODAY: "Today", Bucket.WEEK: "This week",
          Bucket.LATER: "Later"}
KEEP_IN_TOUCH_SHOWN = 100
# Each bucket shows its most pressing items; a network with thousands of open
# follow-ups would otherwise rebuild thousands of options on every save.
PER_BUCKET_SHOWN = 50


@dataclass(frozen=True)
class Entry:
    """What an option stands for: a follow-up, a meeting planned, or a keep-in-touch
    contact."""

    contact_id: int
    followup_id: int | None = None
    plan_id: int | None = None

    @property
    def reminder(self) -> bool:
        """True for a keep-in-touch reminder (neither a follow-up nor a plan)."""
        return self.followup_id is None and self.plan_id is None


class FollowupsPane(KeyedOptionList):
    """Follow-ups by bucket; ``x`` done, ``s`` snooze, ``e`` edit (run by the screen),
    ``enter`` opens the contact; ``j``/``k`` move as in every list."""

    PANE = FOLLOWUPS_PANE
    BINDINGS = bindings(pane=FOLLOWUPS_PANE, namespace="screen")

    class Jump(Message):
        """The user wants to see this contact."""

        def __init__(self, contact_id: int) -> None:
            super().__init__()
            self.contact_id = contact_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: dict[str, Entry] = {}
        self._targets: frozenset[str] = frozenset()
        # Each prompt by the parts it is made of, kept from one fill to the next: a
        # prompt kept keeps its measured height, so refilling the pane after a save
        # measures only what changed (~300 prompts wrapped again took ~25 ms at 30,000).
        self._prompts: dict[tuple[Any, ...], Content] = {}
        self._used: dict[tuple[Any, ...], Content] = {}

    @property
    def entry(self) -> Entry | None:
        """The highlighted entry."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self._entries.get(option.id or "")

    def show_pending(self) -> None:
        """Say that what is due is being worked out (just after opening a large file)."""
        self.clear_options()
        self._entries.clear()
        self.add_options([Option(Content("Working out what is due…"), disabled=True)])

    def show(self, report: DueReport, contacts: dict[int, Contact], *,
             same_place: bool = False, targets: frozenset[str] = frozenset()) -> None:
        """Fill the pane from ``report``; keep the highlight on the same entry if present,
        or (``same_place``: after done or snooze) at the same place in the list. People at
        one of ``targets`` (company keys) are marked as in the contact list."""
        self._targets = targets
        option = self.highlighted_option
        keep = option.id if option is not None else None
        place = self.highlighted
        self.clear_options()
        self._entries.clear()
        self._used = {}
        options: list[Option] = []
        for bucket in Bucket:
            if bucket == Bucket.WEEK:  # among what is coming: after today's follow-ups
                options += self._plans(report, contacts)
            items = report.followups[bucket]
            if not items:
                continue
            options.append(Option(Content.styled(f"{TITLES[bucket]} ({len(items):,})", "bold"),
                                  disabled=True))
            for fu in items[:PER_BUCKET_SHOWN]:
                key = f"f{fu.id}"
                self._entries[key] = Entry(fu.contact_id, fu.id)
                name = contacts[fu.contact_id].name
                style = "$text-error" if bucket == Bucket.OVERDUE else "dim"
                options.append(Option(self._prompt(
                    (f"{fu.due:%d %b} ", style), self._mark(contacts[fu.contact_id]),
                    (name, "bold"), " · ", fu.action), id=key))
            if len(items) > PER_BUCKET_SHOWN:
                options.append(Option(Content(f"… and {len(items) - PER_BUCKET_SHOWN:,} more"),
                                      disabled=True))
        due = report.keep_in_touch
        total = max(report.keep_in_touch_total, len(due))
        if due:
            options.append(Option(Content.styled(f"Keep in touch ({total:,})", "bold"),
                                  disabled=True))
            for item in due[:KEEP_IN_TOUCH_SHOWN]:
                key = f"k{item.contact.id}"
                self._entries[key] = Entry(item.contact.id)
                last = f"last {item.last_contact:%d %b %Y}" if item.last_contact else "never logged"
                options.append(Option(self._prompt(
                    (f"{item.next_contact:%d %b} ", "$text-warning"), self._mark(item.contact),
                    (item.contact.name, "bold"),
                    (f" · {last}", "dim")), id=key))
            if total > KEEP_IN_TOUCH_SHOWN:
                options.append(Option(Content(f"… and {total - KEEP_IN_TOUCH_SHOWN:,} more"),
                                      disabled=True))
        if not options:
            options.append(Option(Content("Nothing due. Every contact is in touch."),
                                  disabled=True))
        self.add_options(options)
        self._prompts = self._used
        if same_place and place is not None and self._entries:
            self.highlighted = self._entry_near(place)
        elif keep and keep in self._entries:
            self.highlighted = self.get_option_index(keep)
        elif self._entries:
            self.highlighted = self.get_option_index(next(iter(self._entries)))

    def _prompt(self, *parts: str | tuple[str, str]) -> Content:
        """``Content.assemble(*parts)``, the one made last time when the parts are the
        same (see ``_prompts``)."""
        prompt = self._prompts.get(parts)
        if prompt is None:
            prompt = Content.assemble(*parts)
        self._used[parts] = prompt
        return prompt

    def _mark(self, contact: Contact) -> tuple[str, str]:
        """``◎`` before someone at a target company (as in the contact list)."""
        if self._targets and is_target(contact.company, self._targets):
            return (f"{TARGET_MARK} ", "$text-success")
        return ("", "")

    def _plans(self, report: DueReport, contacts: dict[int, Contact]) -> list[Option]:
        """Meetings planned (one not logged after its day is marked like today's)."""
        if not report.plans:
            return []
        options = [Option(Content.styled(f"Meetings planned ({len(report.plans):,})", "bold"),
                          disabled=True)]
        for plan in report.plans[:PER_BUCKET_SHOWN]:
            key = f"p{plan.id}"
            self._entries[key] = Entry(plan.contact_id, plan_id=plan.id)
            style = "$text-warning" if plan.date <= report.today else "dim"
            what = plan.purpose or "meeting"
            where = f" · {plan.place}" if plan.place else ""
            options.append(Option(self._prompt(
                (f"{plan.date:%d %b} ", style), self._mark(contacts[plan.contact_id]),
                (contacts[plan.contact_id].name, "bold"),
                " · ", what, (where, "dim")), id=key))
        return options

    def _entry_near(self, place: int) -> int:
        """The entry at ``place``, or the nearest one after it, or else before it."""
        last: int = self.option_count - 1
        start = min(place, last)
        order: list[int] = [*range(start, last + 1), *range(start - 1, -1, -1)]
        for index in order:
            if not self.get_option_at_index(index).disabled:
                return index
        return start

    def render_line(self, y: int) -> Strip:
        # Mended: a long name is folded inside a joined emoji (see tui.cells).
        return safe_strip(super().render_line(y))

    def action_select(self) -> None:
        entry = self.entry
        if entry is not None:
            self.post_message(self.Jump(entry.contact_id))
