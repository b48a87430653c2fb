"""The add / edit contact form (a modal that returns the saved contact, or None).

``ctrl+s`` saves from any field; ``escape`` cancels, asking first when
something was typed. A validation error keeps every typed character, shows the
message under the field it names, and moves the cursor there.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static, TextArea

from peoplelinks.domain.dates import Direction, parse_date
from peoplelinks.domain.enums import Circle, Employment, Level, Status
from peoplelinks.domain.models import Contact
from peoplelinks.errors import InputError
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.form import FormScreen
from peoplelinks.tui.widgets.contact_autocomplete import ContactAutoComplete

# field id, label, placeholder (text inputs, in form order)
TEXT_FIELDS = (
    ("name", "Name", "required"),
    ("company", "Company", ""),
    ("title", "Title", ""),
    ("emails", "Emails", "comma separated"),
    ("phones", "Phones", "comma separated"),
    ("profile_url", "Profile URL", "linkedin.com/in/…"),
    ("tags", "Tags", "comma separated"),
    ("introduced_by", "Introduced by", "name or #id of who introduced you"),
    ("how_met", "How we met", ""),
    ("keep_in_touch_days", "Keep in touch", "days between contacts (empty: by circle)"),
    ("warning", "Warning", "e.g. repair this relationship"),
    ("objective_shared_on", "Told my goal", "when you told them your objective"),
    ("recommendation_asked_on", "Asked for rec.", "when you asked for a recommendation"),
    ("recommendation_given_on", "Recommended me", "when they gave one"),
)
# Days things happened (empty: not yet); typed as any date, looking back.
DATES = {"objective_shared_on", "recommendation_asked_on", "recommendation_given_on"}
CHOICES = (
    ("circle", "Circle", Circle, Circle.NETWORK),
    ("status", "Status", Status, Status.ACTIVE),
    ("level", "Level", Level, Level.UNKNOWN),
    ("employment", "Employment", Employment, Employment.UNKNOWN),
)
LISTS = {"emails", "phones", "tags"}


class ContactForm(FormScreen[Contact | None]):
    """Add a contact (``contact`` None) or edit one."""

    # ---- layout -----------------------------------------------------------------

    def first_field(self) -> str:
        return "#name"

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box") as box:
            box.border_subtitle = "ctrl+s save · esc cancel"
            with VerticalScroll(id="form-fields"):
                for field, label, hint in TEXT_FIELDS[:3]:
                    yield from self._text_row(field, label, hint)
                with Horizontal(classes="choices"):
                    for field, label, enum, _default in CHOICES:
                        with Vertical(classes="choice"):
                            yield Label(label)
                            yield Select([(str(v), v) for v in enum], allow_blank=False,
                                         id=field, compact=True)
                for field, label, hint in TEXT_FIELDS[3:]:
                    yield from self._text_row(field, label, hint)
                yield Label("Notes", classes="field-label")
                yield TextArea(id="notes", soft_wrap=True, show_line_numbers=False)
                yield Static("", id="notes-error", classes="field-error", markup=False)
            yield Static("", id="form-error", markup=False)
            # Inside the box: a screen child would count in centring the box.
            yield ContactAutoComplete("#introduced_by", self.service, with_id=True)

    def _text_row(self, field: str, label: str, hint: str) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            yield Input(placeholder=hint, id=field, compact=True)
        yield Static("", id=f"{field}-error", classes="field-error", markup=False)

    def _value_of(self, field: str) -> str:
        c = self.contact
        if c is None:
            return ""
        if field in LISTS:
            return ", ".join(getattr(c, field))
        if field == "introduced_by":
            intro = self.service.introducer(c)
            return f"#{intro.id} {intro.name}" if intro else ""
        if field == "keep_in_touch_days":
            return "" if c.keep_in_touch_days is None else str(c.keep_in_touch_days)
        if field in DATES:
            day = getattr(c, field)
            return day.isoformat() if day else ""
        return str(getattr(c, field))

    def fill(self) -> None:
        """The fields of :attr:`contact`, or the defaults of a new contact."""
        c = self.contact
        self.query_one("#form-box").border_title = f"Edit #{c.id}" if c else "Add a contact"
        for field, _label, _hint in TEXT_FIELDS:
            self.set_text(field, self._value_of(field))
        for field, _label, _enum, default in CHOICES:
            self.query_one(f"#{field}", Select).value = getattr(c, field) if c else default
        self.query_one("#notes", TextArea).load_text(c.notes if c else "")

    # ---- reading the form -------------------------------------------------------

    def _raw(self) -> dict[str, Any]:
        raw: dict[str, Any] = {f: self.query_one(f"#{f}", Input).value for f, _l, _h in TEXT_FIELDS}
        for field, _label, _enum, _default in CHOICES:
            raw[field] = self.query_one(f"#{field}", Select).value
        raw["notes"] = self.query_one("#notes", TextArea).text
        return raw

    def _data(self) -> dict[str, Any]:
        raw = self._raw()
        data: dict[str, Any] = {k: v for k, v in raw.items()
                                if k not in LISTS and k not in ("introduced_by",
                                                                "keep_in_touch_days")
                                and k not in DATES}
        for field in DATES:
            text = raw[field].strip()
            data[field] = parse_date(text, self.service.today, field=field,
                                     direction=Direction.PAST) if text else None
        for field in LISTS:
            data[field] = [part.strip() for part in raw[field].split(",") if part.strip()]
        who = raw["introduced_by"].strip()
        if not who:
            data["introduced_by"] = None
        else:
            digits = who.removeprefix("#").split(" ", 1)[0]
            target = digits if digits.isdigit() else who
            data["introduced_by"] = self.service.resolve(target, field="introduced_by").id
        days = raw["keep_in_touch_days"].strip()
        if not days:
            data["keep_in_touch_days"] = None
        elif days.isdigit():
            data["keep_in_touch_days"] = int(days)
        else:
            raise InputError(f"keep_in_touch_days: {days!r} is not a whole number of days",
                             field="keep_in_touch_days")
        return data

    # ---- actions ----------------------------------------------------------------

    def action_save(self, allow_duplicate: bool = False) -> None:
        self.clear_errors()
        if self.contact is None and not allow_duplicate:
            try:
                same = self.service.duplicates_of(Contact.from_input(
                    {**self._data(), "id": 0}))
            except (InputError, ValidationError):
                same = []  # the save below says what is wrong
            if same:
                self._ask_duplicate(same)
                return

        def save() -> Contact:
            data = self._data()
            if self.contact is None:
                return self.service.add_contact(data, allow_duplicate=allow_duplicate)
            # Only what was changed here: a field changed meanwhile elsewhere (the file
            # reloaded under the form) keeps its new value unless it was typed over.
            typed = self._raw()
            changed = {k: v for k, v in data.items() if typed[k] != self._initial.get(k)}
            return self.service.edit_contact(self.contact.id, changed)

        self.save_and_close(save)

    def _ask_duplicate(self, same: list[Contact]) -> None:
        """Someone like this is here already: show who, and add another only if meant."""
        lines: list[str | tuple[str, str]] = ["Already here:\n"]
        for other in same[:5]:
            where = " · ".join(p for p in (other.title, other.company) if p)
            lines += [(f"  #{other.id} {other.name}", "bold"),
                      f"  {where}" if where else "",
                      "  (in the trash)" if other.in_trash else "", "\n"]
        lines.append("Add another contact anyway?")

        def decided(yes: bool | None) -> None:
            if yes:
                self.action_save(allow_duplicate=True)

        self.app.push_screen(Confirm(Content.assemble(*lines), yes="Add anyway",
                                     no="Go back"), decided)

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()
