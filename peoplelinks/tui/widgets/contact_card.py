"""The contact card: everything about the highlighted contact.

Built with ``Content.assemble`` from (text, style) pairs, so names and notes are
always literal text, never markup.
"""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from peoplelinks.domain.enums import Status
from peoplelinks.domain.models import Contact
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.cells import safe_strip

Part = str | tuple[str, str]
RECENT = 5


def _day(value: date | None, today: date) -> str:
    if value is None:
        return "—"
    delta = (value - today).days
    if delta == 0:
        rel = "today"
    elif delta == 1:
        rel = "tomorrow"
    elif delta == -1:
        rel = "yesterday"
    elif delta > 0:
        rel = f"in {delta} days"
    else:
        rel = f"{-delta} days ago"
    return f"{value:%a %d %b %Y} ({rel})"


def card_content(app: PeopleLinks, contact: Contact) -> Content:
    """The card of ``contact`` as styled, literal content.

    What helps prepare a conversation comes first: who they are, how they are
    linked to you, what is open and what you talked about last; then notes and
    the contact details.
    """
    today = app.today
    parts: list[Part] = [(contact.name, "bold $text-primary")]
    if contact.status == Status.LEAD:
        parts.append(("  lead — not met yet", "italic $text-accent"))
    if contact.in_trash:
        parts.append(("  in the trash", "$text-error"))
    parts.append("\n")
    role = " at ".join(p for p in (contact.title, contact.company) if p)
    if role:
        parts += [(role, "$text-secondary"), "\n"]
    if contact.warning:
        parts += [("⚠ ", "$text-warning"), (contact.warning, "$text-warning"), "\n"]
    facts = [str(contact.circle), str(contact.status)]
    facts += [str(v) for v in (contact.level, contact.employment) if v != "unknown"]
    facts.append(f"generation {app.generation(contact.id) or '?'}")
    parts += [(" · ".join(facts), "dim"), "\n\n"]

    def row(label: str, value: str) -> None:
        if value:
            parts.extend([(f"{label:<14}", "dim"), value, "\n"])

    intro = app.introducer(contact)
    row("introduced by", intro.label if intro else "you (known directly)")
    introduced = app.introduced(contact.id)
    row("introduced", ", ".join(c.name for c in introduced[:6])
        + (f" and {len(introduced) - 6} more" if len(introduced) > 6 else ""))
    row("last contact", _day(app.last_contact(contact.id), today))
    nxt = app.next_contact(contact)
    row("keep in touch", _day(nxt, today) if nxt else "not tracked")
    open_fu = [f for f in app.db.followups_of(contact.id) if not f.done]
    if open_fu:
        parts += ["\n", ("Open follow-ups", "bold"), "\n"]
        for fu in open_fu:
            style = "$text-error" if fu.due < today else "dim"
            parts += [(f"  {fu.due:%d %b}  ", style), fu.action, "\n"]
    history = app.db.interactions_of(contact.id)
    if history:
        parts += ["\n", (f"Last talks ({len(history)})", "bold"), "\n"]
        for item in history[:RECENT]:
            parts += [(f"  {item.date:%d %b %Y}  {item.kind}  ", "dim"),
                      item.notes.split("\n", 1)[0], "\n"]
            for label, text in (("gave", item.gave), ("got", item.got)):
                if text:
                    parts += [(f"    {label}: ", "dim"), text.split("\n", 1)[0], "\n"]
    if contact.notes:
        parts += ["\n", ("Notes", "bold"), "\n", contact.notes, "\n"]
    details = [("emails", ", ".join(contact.emails)), ("phones", ", ".join(contact.phones)),
               ("profile", contact.profile_url), ("tags", " ".join(f"#{t}" for t in contact.tags)),
               ("how met", contact.how_met)]
    if any(value for _label, value in details):
        parts += ["\n", ("Details", "bold"), "\n"]
        for label, value in details:
            row(label, value)
    return Content.assemble(*parts)


class ContactCard(ScrollView, can_focus=True):
    """The card, drawn with the Line API: showing another contact redraws the
    card's own lines only, never the layout of the screen (a Static would be
    re-measured and the whole screen reflowed on every cursor move)."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]
    DEFAULT_CSS = """
    ContactCard { padding: 0 1; overflow-x: hidden; overflow-y: scroll; }
    """

    def __init__(self, app_service: PeopleLinks, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._service = app_service
        self._content = Content("No contact selected.")
        self._strips: list[Strip] = []
        self._width = 0
        self.contact_id: int | None = None

    @property
    def content(self) -> Content:
        """What the card shows."""
        return self._content

    def show(self, contact: Contact | None) -> None:
        """Show ``contact`` (or an empty-state hint)."""
        self.contact_id = contact.id if contact else None
        self._content = (card_content(self._service, contact) if contact
                         else Content("No contact selected."))
        self._layout_lines()
        if self.scroll_offset.y:
            # Scrolling asks the screen for a full layout pass: only when needed.
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _layout_lines(self) -> None:
        width = self.scrollable_content_region.width
        self._width = width
        if width <= 0:
            self._strips = []
            return
        # Mended: Textual folds a long word inside a joined emoji (see tui.cells).
        self._strips = [safe_strip(strip) for strip in
                        Visual.to_strips(self, self._content, width, None, self.visual_style)]
        size = Size(width, len(self._strips))
        if size != self.virtual_size:
            # Only the scrollbar depends on the card's length: skip the layout pass
            # that assigning the (layout) reactive would start for the whole screen.
            self.set_reactive(ScrollView.virtual_size, size)
            self._refresh_scrollbars()

    def on_resize(self) -> None:
        self._layout_lines()

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if width != self._width:
            self._layout_lines()
        if 0 <= index < len(self._strips):
            return self._strips[index].crop_extend(0, width, self.rich_style)
        return Strip.blank(width, self.rich_style)
