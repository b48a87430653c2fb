"""A virtual list of contacts: renders only the rows on screen, whatever the count.

Textual's DataTable and OptionList build every row (seconds at 30,000
contacts); this Line API widget draws the visible lines from a list of ids, so
setting 30,000 rows and moving the cursor cost the same as 30.

Names are drawn as plain segments: user text is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from peoplelinks.domain.companies import is_target
from peoplelinks.domain.enums import Status
from peoplelinks.domain.models import Contact
from peoplelinks.errors import PeopleLinksError
from peoplelinks.tui.cells import fit, fit_words
from peoplelinks.tui.commands import move_bindings

_MARK = {Status.LEAD: "◦", Status.DORMANT: "z", Status.NOT_HELPFUL: "–",
         Status.DO_NOT_CONTACT: "⊘"}
TARGET_MARK = "◎"  # before the company: one of the objective's target companies


class ContactList(ScrollView, can_focus=True):
    """The contacts pane's list. Post :class:`Highlighted` and :class:`Selected`."""

    BINDINGS = [*move_bindings(), Binding("enter", "select", "Open", show=False)]
    COMPONENT_CLASSES = {
        "contact-list--cursor", "contact-list--company", "contact-list--lead",
        "contact-list--muted", "contact-list--warning", "contact-list--target",
    }
    DEFAULT_CSS = """
    ContactList { height: 1fr; overflow-x: hidden; overflow-y: scroll; }
    ContactList > .contact-list--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    ContactList:blur > .contact-list--cursor { background: $block-cursor-blurred-background;
        color: $foreground; text-style: none; }
    ContactList > .contact-list--company { color: $text-muted; }
    ContactList > .contact-list--lead { color: $text-accent; text-style: italic; }
    ContactList > .contact-list--muted { color: $text-disabled; }
    ContactList > .contact-list--warning { color: $text-warning; }
    ContactList > .contact-list--target { color: $text-success; text-style: bold; }
    """

    # repaint=False: moving the cursor redraws two lines (watch_cursor), not the list.
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class Highlighted(Message):
        """The cursor moved to another contact (None when the list is empty)."""

        def __init__(self, contact_id: int | None) -> None:
            super().__init__()
            self.contact_id = contact_id

    class Selected(Message):
        """Enter was pressed on a contact."""

        def __init__(self, contact_id: int) -> None:
            super().__init__()
            self.contact_id = contact_id

    def __init__(self, lookup: Callable[[int], Contact], *,
                 on_highlight: Callable[[int | None], None] | None = None,
                 id: str | None = None) -> None:
        """``on_highlight``, when given, is called at once instead of posting
        :class:`Highlighted`, so the card changes in the same frame as the cursor."""
        super().__init__(id=id)
        self._lookup = lookup
        self._on_highlight = on_highlight
        self._ids: list[int] = []
        self._last_posted: int | None | bool = False
        self._styles: dict[str, Style] | None = None
        # Each row drawn, by contact id: (the record it was drawn from, how it was drawn
        # (under the cursor, at a target, width), the line). A row whose record is
        # still the same object is not drawn again: when the same ids are set again
        # (after a save), or when a search or a scroll shows it at another place.
        self._rows: dict[int, tuple[Contact, tuple[bool, bool, int], Strip]] = {}
        # Keys of the objective's target companies (company_key), set with the rows:
        # a row at one of them is marked.
        self.targets: frozenset[str] = frozenset()

    # ---- data -------------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        """The ids shown, in order."""
        return self._ids

    @property
    def highlighted(self) -> int | None:
        """Id of the contact under the cursor."""
        return self._ids[self.cursor] if 0 <= self.cursor < len(self._ids) else None

    def set_ids(self, ids: Sequence[int], keep: int | None = None,
                targets: frozenset[str] | None = None) -> None:
        """Show ``ids``; keep the cursor on ``keep`` (or the current contact) if still shown;
        ``targets``: the target companies' keys, when they may have changed."""
        same = (targets is None or targets == self.targets) and ids == self._ids
        if targets is not None:
            self.targets = targets
        target = keep if keep is not None else self.highlighted
        self._ids = list(ids)
        self._set_virtual_height(len(self._ids))
        index = 0
        if target is not None:
            try:
                index = self._ids.index(target)
            except ValueError:
                index = 0
        self.cursor = index
        if same:
            # The same rows (after a save, most often): only those whose contact
            # changed are drawn again, not the whole pane.
            self._refresh_changed_rows()
        else:
            self.refresh()

    def _refresh_changed_rows(self) -> None:
        top = round(self.scroll_offset.y)
        for index in range(top, min(top + self.size.height, len(self._ids))):
            contact_id = self._ids[index]
            try:
                contact: Contact | None = self._lookup(contact_id)
            except PeopleLinksError:
                contact = None
            row = self._rows.get(contact_id)
            if contact is None or row is None or row[0] is not contact:
                self.refresh_line(index)

    def select_id(self, contact_id: int) -> bool:
        """Move the cursor to ``contact_id`` if it is shown."""
        try:
            self.cursor = self._ids.index(contact_id)
        except ValueError:
            return False
        return True

    # ---- cursor -----------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._ids) - 1)) if self._ids else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_to_cursor()
        current = self.highlighted
        if current != self._last_posted:
            self._last_posted = current
            if self._on_highlight is not None:
                self._on_highlight(current)
            else:
                self.post_message(self.Highlighted(current))

    def refresh_line(self, index: int) -> None:
        """Redraw one row (if visible)."""
        y = index - round(self.scroll_offset.y)
        if 0 <= y < self.size.height:
            self.refresh_lines(index, 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_offset.y)
        height = max(self.size.height, 1)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(self.size.height - 1, 1)

    def action_page_up(self) -> None:
        self.cursor -= max(self.size.height - 1, 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._ids) - 1

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self.highlighted))

    def on_click(self, event: object) -> None:
        offset = getattr(event, "y", None)
        if offset is not None:
            self.cursor = round(self.scroll_offset.y) + int(offset)

    def on_resize(self) -> None:
        self._set_virtual_height(len(self._ids))
        self._scroll_to_cursor()

    def _set_virtual_height(self, rows: int) -> None:
        size = Size(self.size.width, rows)
        if size != self.virtual_size:
            # Only the scrollbar depends on the row count (it is always shown, so its
            # width never changes): skip the screen-wide layout pass of the reactive.
            self.set_reactive(ScrollView.virtual_size, size)
            self._refresh_scrollbars()

    # ---- drawing ----------------------------------------------------------------

    @property
    def name_width(self) -> int:
        """Cells of the name column (the company gets the rest of the row, 4 cells on):
        names rarely need more than 20."""
        return max(min(24, self.size.width * 4 // 9), 8)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._rows.clear()

    def on_focus(self) -> None:
        self._styles = None
        self._rows.clear()

    def on_blur(self) -> None:
        self._styles = None
        self._rows.clear()

    def _row_styles(self) -> dict[str, Style]:
        # Resolving component styles costs more than drawing a row: once per change
        # of theme or focus, not once per line.
        if self._styles is None:
            base = self.rich_style
            get = self.get_component_rich_style
            self._styles = {
                "base": base, "lead": base + get("contact-list--lead"),
                "muted": base + get("contact-list--muted"),
                "company": base + get("contact-list--company"),
                "warning": base + get("contact-list--warning"),
                "target": base + get("contact-list--target"),
                "cursor": get("contact-list--cursor"),
            }
        return self._styles

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width  # the scrollbar is not ours to draw
        styles = self._row_styles()
        base = styles["base"]
        if index >= len(self._ids):
            return Strip.blank(width, base)
        try:
            contact = self._lookup(self._ids[index])
        except PeopleLinksError:
            # Not a valid record: the list was drawn off the stored names before every
            # record was validated; it is drawn again, without it, once they are.
            style = styles["muted"] + (styles["cursor"] if index == self.cursor else Style())
            text = fit(f"#{self._ids[index]} could not be read", width)
            return Strip([Segment(text, style)]).adjust_cell_length(width, style)
        name_style = base
        if contact.status == Status.LEAD:
            name_style = styles["lead"]
        elif contact.status in (Status.NOT_HELPFUL, Status.DO_NOT_CONTACT):
            name_style = styles["muted"]
        company_style, warn_style = styles["company"], styles["warning"]
        target_style = styles["target"]
        if index == self.cursor:
            cursor = styles["cursor"]
            name_style, company_style, warn_style, target_style = (
                s + cursor for s in (name_style, company_style, warn_style, target_style))
            base = base + cursor
        at_target = bool(self.targets) and is_target(contact.company, self.targets)
        look = (index == self.cursor, at_target, width)
        row = self._rows.get(contact.id)
        if row is None or row[0] is not contact or row[1] != look:
            if len(self._rows) > 4 * max(self.size.height, 64):
                self._rows.clear()  # rows scrolled past: kept for nothing
            row = (contact, look, self._row(contact, width, self.name_width, base, name_style,
                                            company_style, warn_style,
                                            target_style if at_target else None))
            self._rows[contact.id] = row
        return row[2]

    @staticmethod
    def _row(contact: Contact, width: int, name_width: int, base: Style, name_style: Style,
             company_style: Style, warn_style: Style, target_style: Style | None = None) -> Strip:
        """`` !◦ Name… ◎Company``: each column cut to its cells with graphemes kept whole,
        so that a name in CJK, with combining marks or joined emoji, keeps the border
        in place; a cut name ends in "…" and never runs into the company. A company
        that is a target (``target_style`` given) is marked in the cell before it, the
        one the name's column always leaves blank."""
        mark = _MARK.get(contact.status, " ")
        warn = "!" if contact.warning else " "
        name = fit(contact.name, name_width - 1, ellipsis=True, pad=False)
        segments = [
            Segment(" ", base),
            Segment(warn, warn_style),
            Segment(mark + " ", name_style),
            Segment(name, name_style),
            Segment(" " * (name_width - cell_len(name) - 1), base),
            Segment(TARGET_MARK, target_style) if target_style is not None and contact.company
            else Segment(" ", base),
        ]
        company_width = width - name_width - 4
        if contact.company and company_width > 0:
            segments.append(Segment(fit_words(contact.company, company_width),
                                    company_style))
        return Strip(segments).crop_extend(0, width, base)
