"""The contact card: everything about the highlighted contact.

Built with ``Content.assemble`` from (text, style) pairs, so names and notes are
always literal text, never markup.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.style import Style
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from peoplelinks.domain.companies import is_target, target_keys
from peoplelinks.domain.enums import Status
from peoplelinks.domain.models import Contact
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.cells import safe_strip
from peoplelinks.tui.commands import CARD_PANE, bindings, move_bindings

Part = str | tuple[str, str]
RECENT = 5
TARGET_FACT = "◎ target company"  # the contact works at one of the objective's targets


def _day(value: date | None, today: date) -> list[str]:
    """A date and how far it is, as two pieces a line may break between."""
    if value is None:
        return ["—"]
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
    return [f"{value:%a %d %b %Y}", f"({rel})"]


LABEL = 14  # the width of a row's label ("introduced by ")
TALK_INDENT = 4  # where the notes of a talk go on when they wrap


def pieces(parts: list[str], width: int | None, sep: str = " · ", *,
           first: int | None = None) -> list[str]:
    """Lines of ``parts`` joined by ``sep``, broken only between parts (never inside
    one: "generation 4" stays whole) to stay within ``width`` cells (``first``: the
    first line's); one line when ``width`` is None."""
    if not width:
        return [sep.join(parts)]
    lines: list[str] = []
    for part in parts:
        if lines:
            room = first if first is not None and len(lines) == 1 else width
            if cell_len(lines[-1] + sep + part) <= room:
                lines[-1] += sep + part
                continue
            lines[-1] += sep.rstrip()
        lines.append(part)
    return lines


def hanging(parts: list[str], width: int | None, indent: int, *,
            first: int | None = None) -> str:
    """``parts`` (words) wrapped within ``width`` cells, each line after the first
    ``indent`` cells in, under the first (a row's value under itself, not its label)."""
    room = width - indent if width else None
    if room is not None and room < 12:
        room = None  # too narrow to indent: the widget folds the line
    return ("\n" + " " * indent).join(pieces(parts, room, " ", first=first))


def card_content(app: PeopleLinks, contact: Contact, width: int | None = None) -> Content:
    """The card of ``contact`` as styled, literal content, ``width`` cells wide if given
    (a row's value then wraps under itself, and the facts line between facts).

    What helps prepare a conversation comes first: who they are, how they are
    linked to you, what is open and what you talked about last; then notes and
    the contact details.
    """
    today = app.today
    parts: list[Part | Content] = [(contact.name, "bold $text-primary")]
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
    if contact.company and is_target(contact.company,
                                     target_keys(app.db.objective.target_companies)):
        facts.append(TARGET_FACT)
    parts += [("\n".join(pieces(facts, width)), "dim"), "\n\n"]

    def row(label: str, value: str | list[str]) -> None:
        words = value.split(" ") if isinstance(value, str) else value
        if any(words):
            parts.extend([(f"{label:<{LABEL}}", "dim"), hanging(words, width, LABEL), "\n"])

    intro = app.introducer(contact)
    row("introduced by", intro.label if intro else "you (known directly)")
    introduced = app.introduced(contact.id)
    row("introduced", ", ".join(c.name for c in introduced[:6])
        + (f" and {len(introduced) - 6} more" if len(introduced) > 6 else ""))
    row("last contact", _day(app.last_contact(contact.id), today))
    nxt = app.next_contact(contact)
    row("keep in touch", _day(nxt, today) if nxt else ["not tracked"])
    plan = app.next_plan(contact.id)
    if plan is not None:
        where = ["at", *plan.place.split(" ")] if plan.place else []
        row("meeting", [f"P{plan.id}", *_day(plan.date, today), *where])
    if contact.objective_shared_on:
        row("told my goal", _day(contact.objective_shared_on, today))
    asked, given = contact.recommendation_asked_on, contact.recommendation_given_on
    row("recommended", [word for what, day in (("asked", asked), ("given", given)) if day
                        for word in (what, *_day(day, today))])
    balance = app.balance(contact.id)
    if balance.gave or balance.asked:
        row("give / ask", f"gave in {balance.gave} talk(s), asked in {balance.asked}")
    open_fu = [f for f in app.db.followups_of(contact.id) if not f.done]
    if open_fu:
        parts += ["\n", ("Open follow-ups", "bold"), "\n"]
        for fu in open_fu:
            style = "$text-error" if fu.due < today else "dim"
            parts += [(f"  {fu.due:%d %b}  ", style), fu.action, "\n"]
    history = app.db.interactions_of(contact.id)
    if history:
        # The way to correct a talk, where the talks are.
        parts += ["\n", (f"Last talks ({len(history)})", "bold"), ("  h: edit, delete", "dim"),
                  "\n"]
        for item in history[:RECENT]:
            said = f"  {item.date:%d %b %Y}  {item.kind}  "
            notes = item.notes.split("\n", 1)[0].split(" ")
            first = width - len(said) if width else None
            parts += [(said, "dim"), hanging(notes, width, TALK_INDENT, first=first), "\n"]
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

    PANE = CARD_PANE
    BINDINGS = [*move_bindings(scroll=True), *bindings(pane=CARD_PANE, namespace="screen")]
    DEFAULT_CSS = """
    ContactCard { padding: 0 1; overflow-x: hidden; overflow-y: scroll; }
    """

    def __init__(self, app_service: PeopleLinks, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._service = app_service
        self._content = Content("No contact selected.")
        self._contact: Contact | None = None
        self._strips: list[Strip] = []
        self._width = 0
        self._base: Style | None = None
        self.contact_id: int | None = None

    @property
    def content(self) -> Content:
        """What the card shows."""
        return self._content

    @property
    def contact(self) -> Contact | None:
        """The contact the card shows (it follows the pane that last moved)."""
        return self._contact

    def show(self, contact: Contact | None) -> None:
        """Show ``contact`` (or an empty-state hint)."""
        self.contact_id = contact.id if contact else None
        self._contact = contact
        self._layout_lines()
        if self.scroll_offset.y:
            # Scrolling asks the screen for a full layout pass: only when needed.
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _layout_lines(self) -> None:
        width = self.scrollable_content_region.width
        self._width = width
        contact = self._contact
        self._content = (card_content(self._service, contact, width if width > 0 else None)
                         if contact else Content("No contact selected."))
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

    def render_lines(self, crop: Region) -> list[Strip]:
        # Worked out once a pass, not once a line: it walks every ancestor's styles
        # (half the card's drawing time when it was asked for on every line).
        self._base = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if width != self._width:
            self._layout_lines()
        base = self._base or self.rich_style
        if 0 <= index < len(self._strips):
            return self._strips[index].crop_extend(0, width, base)
        return Strip.blank(width, base)
