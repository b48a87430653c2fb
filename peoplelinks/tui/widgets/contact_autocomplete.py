"""A dropdown of matching contacts under a name field (textual-autocomplete).

Typing in the field lists the best matches of the contact search (names
first, typos forgiven, company and title shown); ``down``/``up`` move, ``tab``
or ``enter`` takes one, ``escape`` hides the list. In a field of
comma-separated names only the name being typed is completed, names already in
the list are not offered again, and taking one at the end leaves ", " for the
next. A name shared by
several contacts is written as its ``#id`` so that the right person is meant
(``with_id``: always ``#id Name``, as the contact form shows an introducer).
"""

from __future__ import annotations

from textual.content import Content
from textual_autocomplete import AutoComplete, DropdownItem, TargetState

from peoplelinks.domain.models import Contact
from peoplelinks.service import PeopleLinks

SHOWN = 8
MIN_CHARS = 2  # one letter matches half the network: not worth a dropdown


def in_name_list(contact: Contact) -> str:
    """How ``contact`` is written in a comma-separated list of names: its name, or
    its ``#id`` when the name has a comma ("Lee, Ann" would read as two people)."""
    return f"#{contact.id}" if "," in contact.name else contact.name


class ContactItem(DropdownItem):
    """One contact in the dropdown: its name, then where it works, dimmed."""

    def __init__(self, contact: Contact, value: str) -> None:
        where = " · ".join(p for p in (contact.title, contact.company) if p)
        super().__init__(Content.assemble(contact.name, (f"  {where}" if where else "", "dim"),
                                          (f"  #{contact.id}" if value.startswith("#") else "",
                                           "dim")))
        self._value = value

    @property
    def value(self) -> str:
        """What the field receives."""
        return self._value


class ContactAutoComplete(AutoComplete):
    """Completes contact names in ``target`` (an Input); ``multiple``: comma separated."""

    def __init__(self, target: str, service: PeopleLinks, *, multiple: bool = False,
                 with_id: bool = False) -> None:
        super().__init__(target)
        self.service = service
        self.multiple = multiple
        self.with_id = with_id

    def _value(self, contact: Contact) -> str:
        if self.with_id:
            return f"#{contact.id} {contact.name}"
        if len(self.service.db.ids_named(contact.name)) > 1:
            return f"#{contact.id}"
        return in_name_list(contact) if self.multiple else contact.name

    def _parts(self, state: TargetState) -> tuple[str, str]:
        """(what stays before the name being typed, the name being typed)."""
        text = state.text[: state.cursor_position]
        if not self.multiple:
            return "", text
        head, sep, last = text.rpartition(",")
        return head + sep, last

    def get_search_string(self, target_state: TargetState) -> str:
        return self._parts(target_state)[1].strip()

    def _chosen(self, state: TargetState) -> set[str]:
        """The names already in the list, besides the one being typed (case-folded)."""
        if not self.multiple:
            return set()
        head, _typed = self._parts(state)
        _word, _comma, tail = state.text[state.cursor_position:].partition(",")
        return {part.strip().casefold() for part in [*head.split(","), *tail.split(",")]
                if part.strip()}

    def get_candidates(self, target_state: TargetState) -> list[DropdownItem]:
        typed = self.get_search_string(target_state)
        if len(typed) < MIN_CHARS or typed.startswith("#"):
            return []
        chosen = self._chosen(target_state)
        items = [ContactItem(c, self._value(c))
                 for c in self.service.search(typed, limit=SHOWN + len(chosen))]
        kept: list[DropdownItem] = [item for item in items
                                    if item.value.casefold() not in chosen]
        return kept[:SHOWN]

    def get_matches(self, target_state: TargetState, candidates: list[DropdownItem],
                    search_string: str) -> list[DropdownItem]:
        # The contact search has already ranked them; a second fuzzy pass would
        # drop matches on company or a misspelling.
        return candidates

    def should_show_dropdown(self, search_string: str) -> bool:
        count = self.option_list.option_count
        if not search_string or count == 0:
            return False
        only = self.option_list.get_option_at_index(0)
        # Nothing to offer when the one match is what is typed already.
        return count > 1 or not isinstance(only, ContactItem) or \
            only.value.casefold() != search_string.casefold()

    def apply_completion(self, value: str, state: TargetState) -> None:
        head, _typed = self._parts(state)
        # The name being typed ends at the next comma (or the end): all of it is replaced.
        rest = ""
        if self.multiple:
            _word, comma, tail = state.text[state.cursor_position:].partition(",")
            rest = comma + tail
        before = f"{head} {value}" if head else value
        if self.multiple and not rest.strip():
            before, rest = before + ", ", ""  # ready for the next name
        target = self.target
        target.value = before + rest
        target.cursor_position = len(before)
        self.option_list.clear_options()
