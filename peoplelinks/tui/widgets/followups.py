"""The follow-ups pane: overdue, today, meetings planned, this week, later, and
keep-in-touch due.

Each entry shows the contact and the action as literal text (Content), never
markup, folded over more lines when the pane is narrow. Keep-in-touch
entries are capped so a 30,000-contact network that has lapsed does not build
thousands of lines.

Drawn with the Line API, like the contact list: filling the pane after a save
makes one small record per line and draws only the lines on screen, each line
kept drawn until its text changes. Textual's OptionList measured and drew every
option again on each fill (~18 ms of a 70 ms save at 30,000 contacts).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets.option_list import Option

from peoplelinks.domain.companies import is_target
from peoplelinks.domain.models import Contact, FollowUp, MeetingPlan
from peoplelinks.domain.schedule import Bucket, DueItem, DueReport
from peoplelinks.tui.cells import safe_strip
from peoplelinks.tui.commands import FOLLOWUPS_PANE, bindings, move_bindings
from peoplelinks.tui.widgets.contact_list import TARGET_MARK

# What a line is made of: text, or (text, style), as Content.assemble takes them.
Parts = tuple[str | tuple[str, str], ...]
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


class FollowupsPane(ScrollView, can_focus=True):
    """Follow-ups by bucket; ``x`` done, ``s`` snooze, ``e`` edit (run by the screen),
    ``enter`` opens the contact; ``j``/``k`` move as in every list.

    Its lines are :class:`~textual.widgets.option_list.Option` records (a prompt, an id,
    disabled for titles and notes), read as from an OptionList: :attr:`options`,
    :meth:`get_option_at_index`, :attr:`highlighted`."""

    PANE = FOLLOWUPS_PANE
    BINDINGS = [*move_bindings(), Binding("enter", "select", "Open", show=False),
                *bindings(pane=FOLLOWUPS_PANE, namespace="screen")]
    COMPONENT_CLASSES = {"followups--cursor", "followups--disabled"}
    DEFAULT_CSS = """
    FollowupsPane {
        overflow-x: hidden; overflow-y: auto; padding: 0 1;
        & > .followups--cursor { color: $foreground;
            background: $block-cursor-blurred-background; }
        &:focus { background-tint: $foreground 5%; }
        &:focus > .followups--cursor { color: $block-cursor-foreground;
            background: $block-cursor-background; text-style: $block-cursor-text-style; }
        & > .followups--disabled { color: $text-disabled; }
    }
    """

    class Jump(Message):
        """The user wants to see this contact."""

        def __init__(self, contact_id: int) -> None:
            super().__init__()
            self.contact_id = contact_id

    class Highlighted(Message):
        """The highlight moved to another entry (or the pane was filled again)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._options: list[Option] = []
        # (option, line of it) of each line, and each option's first line: a prompt
        # longer than the pane is folded.
        self._lines: list[tuple[int, int]] = []
        self._first: list[int] = []
        self._measured = 0  # the width the lines were folded at
        self._index_of: dict[str, int] = {}
        self._highlighted: int | None = None
        self._entries: dict[str, Entry] = {}
        self._targets: frozenset[str] = frozenset()
        # Each prompt by the parts it is made of, kept from one fill to the next: a
        # prompt kept keeps its line drawn (see _drawn).
        self._prompts: dict[tuple[Any, ...], Content] = {}
        self._used: dict[tuple[Any, ...], Content] = {}
        # Prompts drawn, by (the prompt's identity, look, width), with the prompt they
        # were drawn from: a fill redraws only the lines whose prompt is new. (Not by
        # the prompt itself: Content compares its text only, not its styles.)
        self._drawn: dict[tuple[int, str, int], tuple[object, list[Strip]]] = {}
        self._base = Style()

    # ---- as an OptionList reads -------------------------------------------------

    @property
    def options(self) -> list[Option]:
        """The lines, in order."""
        return self._options

    @property
    def option_count(self) -> int:
        """How many lines there are."""
        return len(self._options)

    def get_option_at_index(self, index: int) -> Option:
        """The line at ``index``."""
        return self._options[index]

    def get_option(self, option_id: str) -> Option:
        """The line of the entry ``option_id`` (KeyError when there is none)."""
        return self._options[self._index_of[option_id]]

    def get_option_index(self, option_id: str) -> int:
        """Where the line of the entry ``option_id`` is (KeyError when there is none)."""
        return self._index_of[option_id]

    @property
    def highlighted_option(self) -> Option | None:
        """The highlighted line."""
        index = self._highlighted
        return None if index is None else self._options[index]

    @property
    def highlighted(self) -> int | None:
        """Where the highlight is (None: nowhere, the pane holds no entry)."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, len(self._options) - 1)) if self._options else None
        old, self._highlighted = self._highlighted, index
        if old != index:
            self._refresh_row(old)
            self._refresh_row(index)
            self._scroll_to_highlight()
            if index is not None and not self._options[index].disabled:
                self.post_message(self.Highlighted())

    @property
    def entry(self) -> Entry | None:
        """The highlighted entry."""
        option = self.highlighted_option
        return None if option is None else self._entries.get(option.id or "")

    # ---- filling ----------------------------------------------------------------

    def _set_options(self, options: list[Option]) -> None:
        """Show ``options``, with no highlight yet (see :meth:`_highlight`)."""
        self._options = options
        self._index_of = {option.id: index for index, option in enumerate(options)
                          if option.id is not None}
        shown = {id(option.prompt) for option in options}
        self._drawn = {key: drawn for key, drawn in self._drawn.items() if key[0] in shown}
        self._measure()
        self._highlighted = None
        self.refresh()

    def _highlight(self, index: int | None) -> None:
        """The highlight at ``index`` after a fill (posting :class:`Highlighted`: the
        entry under it may be another); none: back to the top."""
        self.highlighted = index
        if index is None:
            self.scroll_to(y=0, animate=False, immediate=True)

    def show_pending(self) -> None:
        """Say that what is due is being worked out (just after opening a large file)."""
        self._entries.clear()
        self._set_options([Option(self._prompt("Working out what is due…"), disabled=True)])
        self._highlight(None)

    def show(self, report: DueReport, contacts: dict[int, Contact], *,
             same_place: bool = False, targets: frozenset[str] = frozenset()) -> None:
        """Fill the pane from ``report``; keep the highlight on the same entry if present,
        or (``same_place``: after done or snooze) at the same place in the list. People at
        one of ``targets`` (company keys) are marked as in the contact list."""
        self._targets = targets
        option = self.highlighted_option
        keep = option.id if option is not None else None
        place = self._highlighted
        self._entries.clear()
        self._used = {}
        options: list[Option] = []
        for bucket in Bucket:
            if bucket == Bucket.WEEK:  # among what is coming: after today's follow-ups
                options += self._plans(report, contacts)
            items = report.followups[bucket]
            if not items:
                continue
            options.append(Option(self._prompt((f"{TITLES[bucket]} ({len(items):,})", "bold")),
                                  disabled=True))
            style = "$text-error" if bucket == Bucket.OVERDUE else "dim"
            for fu in items[:PER_BUCKET_SHOWN]:
                key = f"f{fu.id}"
                self._entries[key] = Entry(fu.contact_id, fu.id)
                owner = contacts[fu.contact_id]
                options.append(Option(self._prompt(*self._followup_parts(fu, owner, style)),
                                      id=key))
            if len(items) > PER_BUCKET_SHOWN:
                options.append(Option(self._prompt(
                    f"… and {len(items) - PER_BUCKET_SHOWN:,} more"), disabled=True))
        due = report.keep_in_touch
        total = max(report.keep_in_touch_total, len(due))
        if due:
            options.append(Option(self._prompt((f"Keep in touch ({total:,})", "bold")),
                                  disabled=True))
            for item in due[:KEEP_IN_TOUCH_SHOWN]:
                contact = item.contact  # (read from the store each time it is asked for)
                key = f"k{contact.id}"
                self._entries[key] = Entry(contact.id)
                options.append(Option(self._prompt(*self._reminder_parts(item, contact)),
                                      id=key))
            if total > KEEP_IN_TOUCH_SHOWN:
                options.append(Option(self._prompt(
                    f"… and {total - KEEP_IN_TOUCH_SHOWN:,} more"), disabled=True))
        if not options:
            options.append(Option(self._prompt("Nothing due. Every contact is in touch."),
                                  disabled=True))
        self._prompts = self._used
        self._set_options(options)
        if not self._entries:
            self._highlight(None)
        elif same_place and place is not None:
            self._highlight(self._entry_near(options, place))
        else:
            self._highlight(self.get_option_index(keep if keep in self._entries
                                                  else next(iter(self._entries))))

    def _prompt(self, *parts: str | tuple[str, str]) -> Content:
        """``Content.assemble(*parts)``, the one made last time when the parts are the
        same (see ``_prompts``)."""
        prompt = self._prompts.get(parts)
        if prompt is None:
            prompt = Content.assemble(*parts)
        self._used[parts] = prompt
        return prompt

    def _followup_parts(self, fu: FollowUp, owner: Contact, style: str) -> Parts:
        return ((f"{fu.due:%d %b} ", style), self._mark(owner), (owner.name, "bold"), " · ",
                fu.action)

    def _reminder_parts(self, item: DueItem, contact: Contact) -> Parts:
        last = f"last {item.last_contact:%d %b %Y}" if item.last_contact else "never logged"
        return ((f"{item.next_contact:%d %b} ", "$text-warning"), self._mark(contact),
                (contact.name, "bold"), (f" · {last}", "dim"))

    def _plan_parts(self, plan: MeetingPlan, owner: Contact, style: str) -> Parts:
        where = f" · {plan.place}" if plan.place else ""
        return ((f"{plan.date:%d %b} ", style), self._mark(owner), (owner.name, "bold"),
                " · ", plan.purpose or "meeting", (where, "dim"))

    def _mark(self, contact: Contact) -> tuple[str, str]:
        """``◎`` before someone at a target company (as in the contact list)."""
        if self._targets and is_target(contact.company, self._targets):
            return (f"{TARGET_MARK} ", "$text-success")
        return ("", "")

    def _plans(self, report: DueReport, contacts: dict[int, Contact]) -> list[Option]:
        """Meetings planned (one not logged after its day is marked like today's)."""
        if not report.plans:
            return []
        options = [Option(self._prompt((f"Meetings planned ({len(report.plans):,})", "bold")),
                          disabled=True)]
        for plan in report.plans[:PER_BUCKET_SHOWN]:
            key = f"p{plan.id}"
            self._entries[key] = Entry(plan.contact_id, plan_id=plan.id)
            style = "$text-warning" if plan.date <= report.today else "dim"
            options.append(Option(self._prompt(*self._plan_parts(
                plan, contacts[plan.contact_id], style)), id=key))
        return options

    @staticmethod
    def _entry_near(options: list[Option], place: int) -> int:
        """The entry at ``place``, or the nearest one after it, or else before it."""
        last: int = len(options) - 1
        start = min(place, last)
        order: list[int] = [*range(start, last + 1), *range(start - 1, -1, -1)]
        for index in order:
            if not options[index].disabled:
                return index
        return start

    # ---- moving -----------------------------------------------------------------

    def _enabled(self, start: int, step: int) -> int | None:
        """The first entry from ``start`` on, going by ``step`` (None: none there)."""
        index = start
        while 0 <= index < len(self._options):
            if not self._options[index].disabled:
                return index
            index += step
        return None

    def _go(self, target: int, step: int) -> None:
        """To the entry at ``target``, or the next one going by ``step``, or else the
        nearest one the other way; nothing moves when there is none."""
        target = max(0, min(target, len(self._options) - 1))
        found = self._enabled(target, step)
        if found is None:
            found = self._enabled(target, -step)
        if found is not None:
            self.highlighted = found

    def action_cursor_down(self) -> None:
        # The last line stays the last (no wrap to the top), as in every list.
        if self._highlighted is None:
            self._go(0, 1)
        elif (found := self._enabled(self._highlighted + 1, 1)) is not None:
            self.highlighted = found

    def action_cursor_up(self) -> None:
        if self._highlighted is None:
            self._go(len(self._options) - 1, -1)
        elif (found := self._enabled(self._highlighted - 1, -1)) is not None:
            self.highlighted = found

    def action_page_down(self) -> None:
        self._go(self._option_at(self._line_of_highlight() + self._page()), 1)

    def action_page_up(self) -> None:
        self._go(self._option_at(self._line_of_highlight() - self._page()), -1)

    def _page(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def _line_of_highlight(self) -> int:
        index = self._highlighted
        return 0 if index is None or index >= len(self._first) else self._first[index]

    def _option_at(self, line: int) -> int:
        """The option drawn on ``line`` (the first or the last beyond the ends)."""
        if not self._lines:
            return 0
        return self._lines[max(0, min(line, len(self._lines) - 1))][0]

    def action_first(self) -> None:
        self._go(0, 1)

    def action_last(self) -> None:
        self._go(len(self._options) - 1, -1)

    def action_select(self) -> None:
        entry = self.entry
        if entry is not None:
            self.post_message(self.Jump(entry.contact_id))

    def on_click(self, event: events.Click) -> None:
        line = round(self.scroll_offset.y) + event.y
        if not 0 <= line < len(self._lines):
            return
        index = self._lines[line][0]
        if not self._options[index].disabled:
            self.highlighted = index
            self.action_select()

    def _scroll_to_highlight(self) -> None:
        index = self._highlighted
        if index is None or index >= len(self._first):
            return
        first = self._first[index]
        last = first + self._height(index) - 1
        top = round(self.scroll_offset.y)
        height = max(self.scrollable_content_region.height, 1)
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=max(last - height + 1, 0) if last - first < height else first,
                           animate=False, immediate=True)

    def on_resize(self) -> None:
        self._measure()
        self._scroll_to_highlight()

    # ---- drawing ----------------------------------------------------------------

    def _height(self, index: int) -> int:
        """How many lines the option at ``index`` takes."""
        end = self._first[index + 1] if index + 1 < len(self._first) else len(self._lines)
        return end - self._first[index]

    def _measure(self) -> None:
        """The lines of every option at the pane's width: one for a prompt that fits
        (most: told by its length alone), more for one folded (measured by Textual, and
        kept in the prompt, which a fill keeps when unchanged)."""
        width = self.scrollable_content_region.width
        self._measured = width
        lines: list[tuple[int, int]] = []
        first: list[int] = []
        for index, option in enumerate(self._options):
            first.append(len(lines))
            prompt = cast(Content, option.prompt)
            plain = prompt.plain
            fits = width <= 0 or ("\n" not in plain and cell_len(plain) <= width)
            height = 1 if fits else max(prompt.get_height(self.styles, width),  # type: ignore[arg-type]
                                        1)
            lines += [(index, line) for line in range(height)]
        self._lines, self._first = lines, first
        size = Size(self.size.width, len(lines))
        if size != self.virtual_size:
            # Only the scrollbar depends on the count: no layout pass for the screen.
            self.set_reactive(ScrollView.virtual_size, size)
            self._refresh_scrollbars()

    def _refresh_row(self, index: int | None) -> None:
        if index is not None and index < len(self._first):
            self.refresh_lines(self._first[index], self._height(index))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()

    def on_focus(self) -> None:
        self._drawn.clear()  # the highlight's look follows the focus
        self.refresh()

    def on_blur(self) -> None:
        self._drawn.clear()
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Worked out once a pass, not once a line (it walks every ancestor's styles).
        self._base = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._measured:
            # The scrollbar came or went (no resize of the pane): fold at the new width.
            self._measure()
        line = round(self.scroll_offset.y) + y
        if not 0 <= line < len(self._lines):
            return Strip.blank(width, self._base)
        index, offset = self._lines[line]
        option = self._options[index]
        look = ("followups--cursor" if index == self._highlighted else
                "followups--disabled" if option.disabled else "")
        key = (id(option.prompt), look, width)
        drawn = self._drawn.get(key)
        if drawn is None or drawn[0] is not option.prompt:
            style = self.get_visual_style(look) if look else self.visual_style
            # Mended: Textual folds a long word inside a joined emoji (see tui.cells).
            strips = [safe_strip(strip.extend_cell_length(width, style.rich_style)
                                 .crop(0, width), style.rich_style)
                      for strip in Visual.to_strips(self, cast(Visual, option.prompt),
                                                    width, None, style)]
            drawn = (option.prompt, strips)
            self._drawn[key] = drawn
        strips = drawn[1]
        if offset < len(strips):
            return strips[offset]
        return Strip.blank(width, self._base)
