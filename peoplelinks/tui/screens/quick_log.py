"""Quick log: capture a coffee chat in the minute after it ends.

Opened with ``l`` from anywhere, prefilled with the highlighted contact. Every
field is reachable with ``tab`` in the order a chat is remembered; ``ctrl+s``
saves from any field; ``escape`` asks before throwing typed text away; an
error keeps every character and moves the cursor to the field it names.
Dates are natural language, and the parsed date is shown as you type.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from peoplelinks.domain.balance import nudge
from peoplelinks.domain.dates import Direction, parse_date
from peoplelinks.domain.enums import Kind, Outcome
from peoplelinks.domain.models import Contact, MeetingPlan
from peoplelinks.domain.referrals import Referral, parse_referrals
from peoplelinks.errors import InputError, NotFound
from peoplelinks.service import LogResult, PeopleLinks
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.form import FormScreen, show_preview
from peoplelinks.tui.widgets.contact_autocomplete import ContactAutoComplete, in_name_list
from peoplelinks.tui.widgets.outcome_picker import OutcomePicker, shared_and_outcome

THANK_YOU = "Send a thank-you note"
WARNING = "Repair this relationship"


class AnswersList(SelectionList[int]):
    """Open follow-ups to tick; moves like every list (j/k too)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


class QuickLog(FormScreen[LogResult | None]):
    """Log an interaction; returns what was saved, or None."""

    DISCARD_QUESTION = "Discard this log?"

    def __init__(self, service: PeopleLinks, contact: Contact | None = None,
                 plan: MeetingPlan | None = None) -> None:
        super().__init__(service, contact)
        self.plan = plan  # the meeting this log holds, prefilled from its plan
        self._thank_you_touched = False

    def reopen(self, contact: Contact | None, **state: Any) -> None:
        """Open again: an empty log, unless ``plan=`` the meeting it holds."""
        super().reopen(contact, plan=state.get("plan"))

    # ---- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box") as box:
            box.border_title = "Log a conversation"
            box.border_subtitle = "ctrl+s save · esc cancel"
            with VerticalScroll(id="form-fields"):
                yield from self._row("with", "With", Input(
                    id="with", compact=True,
                    placeholder="names or #ids, comma separated (a new name adds a contact)"))
                with Horizontal(classes="field-row"):
                    yield Label("Kind", classes="field-label")
                    yield Select([(str(k), k) for k in Kind], allow_blank=False, id="kind",
                                 compact=True)
                    yield Label("Date", classes="field-label short")
                    yield Input(id="date", compact=True)
                yield Static("", id="date-preview", classes="preview", markup=False)
                yield Static("", id="date-error", classes="field-error", markup=False)
                yield Label("Notes", classes="field-label")
                yield TextArea("", id="notes", soft_wrap=True, show_line_numbers=False)
                yield from self._row("gave", "I gave", Input(
                    id="gave", compact=True, placeholder="help, an intro, an article"))
                yield from self._row("got", "I got", Input(
                    id="got", compact=True, placeholder="what I learned or received"))
                yield Label("Referrals (one per line: Name @ Company - note)",
                            classes="field-label wide")
                yield TextArea("", id="referrals", soft_wrap=True, show_line_numbers=False)
                yield Static("", id="referrals-error", classes="field-error", markup=False)
                with Horizontal(id="checks"):
                    yield Checkbox("I asked for referrals", id="asked", compact=True)
                    yield Checkbox("Reach out to new leads", id="reach-out",
                                   compact=True, value=True)
                yield Label("This talk answered (space ticks; ticked ones are marked done):",
                            id="answers-label", classes="field-label wide")
                yield AnswersList(id="answers", compact=True)
                yield from self._row("next", "Next step", Input(
                    id="next", compact=True, placeholder="the next step, if any"))
                with Horizontal(classes="field-row"):
                    yield Label("Due", classes="field-label")
                    yield Input(id="due", compact=True)
                    yield Label("For", classes="field-label short")
                    yield Select([], id="next-for", compact=True, prompt="the first person")
                yield Static("", id="due-preview", classes="preview", markup=False)
                yield Static("", id="due-error", classes="field-error", markup=False)
                yield from shared_and_outcome()
                yield Static("", id="nudge", markup=False)
                yield Checkbox(f"Warn on their card: {WARNING.lower()}", id="warn",
                               compact=True)
            yield Static("", id="form-error", markup=False)
            # Inside the box: a screen child would count in centring the box.
            yield ContactAutoComplete("#with", self.service, multiple=True)

    @staticmethod
    def _row(field: str, label: str, widget: Input) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            yield widget
        yield Static("", id=f"{field}-error", classes="field-error", markup=False)

    def first_field(self) -> str:
        return "#notes" if self.contact else "#with"

    def fill(self) -> None:
        """An empty log about :attr:`contact`: a coffee today, a thank-you tomorrow."""
        self._thank_you_touched = False
        with_text = in_name_list(self.contact) if self.contact else ""
        for field, value in (("with", with_text),
                             ("date", "today"), ("gave", ""), ("got", ""),
                             ("next", THANK_YOU), ("due", "tomorrow")):
            self.set_text(field, value)
        self.query_one("#kind", Select).value = Kind.COFFEE
        for area in self.query(TextArea):
            area.load_text("")
        for box in ("asked", "shared", "asked-rec", "warn"):
            self.query_one(f"#{box}", Checkbox).value = False
        self.query_one("#reach-out", Checkbox).value = True
        self.query_one("#outcome", OutcomePicker).value = None
        self.query_one("#form-box").border_title = "Log a conversation"
        if self.plan is not None:
            self._fill_from_plan(self.plan)
        self._people_for_next()
        self._show_warn()
        self._show_nudge()
        self._preview("date")
        self._preview("due")

    def _fill_from_plan(self, plan: MeetingPlan) -> None:
        """The meeting as planned: its day, what I meant to give, and the people I
        meant to ask for, proposed as referrals to keep or delete."""
        self.query_one("#form-box").border_title = Content(  # a place is the user's text
            f"Log the meeting planned as P{plan.id}" + (f" at {plan.place}" if plan.place else ""))
        self.query_one("#kind", Select).value = Kind.MEETING
        if plan.date < self.service.today:
            self.set_text("date", plan.date.isoformat())
        self.set_text("gave", plan.help_them.replace("\n", " "))
        self.query_one("#notes", TextArea).load_text(plan.purpose)
        self.query_one("#referrals", TextArea).load_text("\n".join(plan.ask_for))

    # ---- reading ----------------------------------------------------------------

    def _raw(self) -> dict[str, Any]:
        raw: dict[str, Any] = {f: self.query_one(f"#{f}", Input).value
                               for f in ("with", "date", "gave", "got", "next", "due")}
        raw["kind"] = self.query_one("#kind", Select).value
        raw["notes"] = self.query_one("#notes", TextArea).text
        raw["referrals"] = self.query_one("#referrals", TextArea).text
        raw["asked"] = self.query_one("#asked", Checkbox).value
        raw["reach_out"] = self.query_one("#reach-out", Checkbox).value
        raw["shared"] = self.query_one("#shared", Checkbox).value
        raw["asked_rec"] = self.query_one("#asked-rec", Checkbox).value
        raw["outcome"] = self.query_one("#outcome", OutcomePicker).value or ""
        raw["warn"] = self.query_one("#warn", Checkbox).value
        chosen = self.query_one("#next-for", Select).value
        raw["next_for"] = chosen if isinstance(chosen, int) else None
        raw["close"] = sorted(self.query_one("#answers", AnswersList).selected)
        return raw

    def _date(self, field: str) -> date | None:
        text = self.query_one(f"#{field}", Input).value
        if not text.strip():
            return None
        return parse_date(text, self.service.today, field=field, direction=Direction.of(field))

    def _preview(self, field: str) -> None:
        show_preview(self.query_one(f"#{field}-preview", Static),
                     self.query_one(f"#{field}", Input).value, self.service.today, field)

    @on(Input.Changed, "#with")
    def _people_for_next(self) -> None:
        """The next step is for one of the people in With: offer them (known ones)."""
        found: dict[int, str] = {}
        for part in self.query_one("#with", Input).value.split(","):
            who = part.strip()
            digits = who.removeprefix("#")
            ids = [int(digits)] if digits.isdigit() else self.service.db.ids_named(who)
            if self.contact is not None and who == self.contact.name:
                ids = [self.contact.id]
            contacts = [self.service.db.contacts.get(i) for i in ids[:1]]
            for contact in contacts:
                if contact is not None:
                    found[contact.id] = contact.name
        select = self.query_one("#next-for", Select)
        kept = select.value
        with self.prevent(Select.Changed):
            select.set_options([(name, cid) for cid, name in found.items()])
            select.value = kept if kept in found else Select.NULL
        self._show_answers(list(found))

    def _show_answers(self, people: list[int]) -> None:
        """The follow-ups still open for the people in With, to tick those answered."""
        answers = self.query_one("#answers", AnswersList)
        ticked = set(answers.selected)
        db = self.service.db
        items = [f for cid in people for f in db.followups_of(cid) if not f.done]
        answers.clear_options()
        answers.add_options([
            (Content.assemble((f"{f.due:%d %b} ", "dim"), (db.contacts[f.contact_id].name,
                                                           "bold"), " · ", f.action),
             f.id, f.id in ticked) for f in items])
        if items:
            answers.highlighted = 0  # space ticks the first at once
        for widget in (answers, self.query_one("#answers-label")):
            widget.display = bool(items)

    @on(OutcomePicker.Changed, "#outcome")
    def _show_warn(self) -> None:
        """After a poor meeting: a repair follow-up is filed; offer a warning too."""
        self.query_one("#warn", Checkbox).display = \
            self.query_one("#outcome", OutcomePicker).value == Outcome.POOR

    @on(Checkbox.Changed, "#asked, #asked-rec")
    @on(Input.Changed, "#gave")
    def _show_nudge(self) -> None:
        """About to ask someone asked twice since I last gave: say so (never block)."""
        text = ""
        asking = self.query_one("#asked", Checkbox).value or \
            self.query_one("#asked-rec", Checkbox).value
        if asking and self.contact is not None and \
                not self.query_one("#gave", Input).value.strip():
            text = nudge(self.service.balance(self.contact.id),
                         self.contact.name.split()[0]) or ""
        label = self.query_one("#nudge", Static)
        label.update(Content(text))
        label.display = bool(text)

    @on(Input.Changed, "#date")
    def _date_changed(self) -> None:
        self._preview("date")

    @on(Input.Changed, "#due")
    def _due_changed(self) -> None:
        self._preview("due")

    @on(Input.Changed, "#next")
    def _next_changed(self, event: Input.Changed) -> None:
        if event.value != THANK_YOU:
            self._thank_you_touched = True

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        """Face-to-face meetings propose a thank-you note for tomorrow; others do not."""
        if self._thank_you_touched or not self.is_mounted:
            return
        kind = event.value
        face = isinstance(kind, Kind) and kind.face_to_face
        nxt, due = self.query_one("#next", Input), self.query_one("#due", Input)
        with nxt.prevent(Input.Changed):
            nxt.value = THANK_YOU if face else ""
        due.value = "tomorrow" if face else ""

    # ---- saving -----------------------------------------------------------------

    def action_save(self) -> None:
        self.clear_errors()
        try:
            when = self._date("date")
            due = self._date("due")
            referrals = parse_referrals(self.query_one("#referrals", TextArea).text)
            people, new_names = self._people()
        except InputError as exc:
            field = exc.field if exc.field in ("date", "due", "referrals") else "with"
            self.show_error(exc, field)
            return
        if not people and not new_names:
            self.show_error(InputError("with: whom did you talk to?", field="with"))
            return
        self._confirm_new_people(new_names, lambda made: self._with_referrals(
            [*people, *made], referrals, when, due))

    def _people(self) -> tuple[list[Contact], list[str]]:
        """The contacts named in "With", and the names that match nobody."""
        people: list[Contact] = []
        new: list[str] = []
        for part in self.query_one("#with", Input).value.split(","):
            who = part.strip()
            if not who:
                continue
            if self.contact is not None and who == self.contact.name:
                # The contact the log was opened on, even if others share the name.
                people.append(self.contact)
                continue
            try:
                people.append(self.service.resolve(who, field="with"))
            except NotFound:  # an ambiguous name (Ambiguous) is an error for the caller
                if who.lstrip("#").isdigit():
                    raise
                new.append(who)
        return people, new

    def _confirm_new_people(self, names: list[str],
                            then: Callable[[list[Contact]], None]) -> None:
        if not names:
            then([])
            return
        question = Content.assemble("Add ", (", ".join(names), "bold"),
                                    " as new contact" + ("s" if len(names) > 1 else "") + "?")

        def decided(yes: bool | None) -> None:
            if not yes:
                self.show_error(InputError(f"with: no contact matches {names[0]!r}",
                                            field="with"))
                return
            try:
                made = [self.service.add_contact({"name": name, "how_met": "logged a chat"})
                        for name in names]
            except InputError as exc:
                self.show_error(exc, "with")
                return
            then(made)

        self.app.push_screen(Confirm(question, yes="Add"), decided)

    def _with_referrals(self, people: list[Contact], referrals: list[Referral],
                        when: date | None, due: date | None) -> None:
        known = [(r, self.service.existing_referral(r)) for r in referrals]
        matches = [(r, c) for r, c in known if c is not None]
        if not matches:
            self._save(people, referrals, when, due)
            return
        listed = ", ".join(f"{c.label} (#{c.id})" for _r, c in matches)
        question = Content.assemble(
            "Already in your contacts: ", (listed, "bold"),
            ".\nLink the referrals to them (y), or add new leads (n)?")

        def decided(link: bool | None) -> None:
            chosen = [r if c is not None and link else
                      replace(r, new=True) if c is not None else r
                      for r, c in known]
            self._save(people, chosen, when, due)

        self.app.push_screen(Confirm(question, yes="Link", no="New leads"), decided)

    def _save(self, people: list[Contact], referrals: Sequence[Referral | int],
              when: date | None, due: date | None) -> None:
        raw = self._raw()
        self.save_and_close(lambda: self.service.log(
            [p.id for p in people], kind=raw["kind"], when=when, notes=raw["notes"],
            gave=raw["gave"], got=raw["got"], referrals=referrals,
            next_action=raw["next"], next_due=due if raw["next"].strip() else None,
            asked_for_referrals=raw["asked"], reach_out=raw["reach_out"], close=raw["close"],
            next_for=raw["next_for"] if raw["next_for"] in {p.id for p in people} else None,
            outcome=raw["outcome"] or None, shared_objective=raw["shared"],
            asked_for_recommendation=raw["asked_rec"],
            warning=WARNING if raw["warn"] and raw["outcome"] == Outcome.POOR else None,
            plan_id=self.plan.id if self.plan is not None and self.plan.contact_id in
            {p.id for p in people} else None))
