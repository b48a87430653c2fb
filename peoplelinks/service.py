"""The application's verbs, shared by the command line and the TUI.

:class:`PeopleLinks` wraps an open :class:`~peoplelinks.store.database.Database`.
Every change a person can make goes through a method here, which validates the
input (errors name the field and the value), applies the rules that span
records (introducers exist, no introduction cycles, leads become active once
met) and commits all its records in one durable write.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from peoplelinks.domain import graph
from peoplelinks.domain.browse import Filters, SortKey
from peoplelinks.domain.dates import check_date
from peoplelinks.domain.enums import Kind, Status
from peoplelinks.domain.fields import now
from peoplelinks.domain.models import (
    Contact,
    FollowUp,
    Interaction,
    Model,
    Objective,
    Settings,
)
from peoplelinks.domain.referrals import Referral
from peoplelinks.domain.schedule import Bucket, DueItem, DueReport, bucket, next_contact
from peoplelinks.domain.search import SearchIndex, words_of
from peoplelinks.domain.text import clean_text
from peoplelinks.domain.tickler import Tickler
from peoplelinks.domain.validation import describe
from peoplelinks.errors import Ambiguous, InputError, NotFound
from peoplelinks.store.database import Database
from peoplelinks.store.history import ChangeInfo, DocChange

# A log may be dated a day ahead (time zones); anything later is a plan, not a log.
MAX_LOG_DAYS_AHEAD = 1
DEFAULT_NEXT_STEP_DAYS = 7


M = TypeVar("M", bound=Model)


def validated(model: type[M], data: dict[str, Any]) -> M:
    """Clean and validate input, turning pydantic's errors into an :class:`InputError`."""
    try:
        return model.from_input(data)
    except ValidationError as exc:
        raise describe(exc, data) from None


def _name_key(contact: Contact) -> tuple[str, int]:
    return contact.name.casefold(), contact.id


def _words_start(name_words: list[str], words: list[str]) -> bool:
    return all(any(n.startswith(w) for n in name_words) for w in words)


@dataclass
class LogResult:
    """What one logged interaction created or changed."""

    interaction: Interaction
    followup: FollowUp | None = None
    new_leads: list[Contact] = field(default_factory=list)
    linked: list[Contact] = field(default_factory=list)
    activated: list[Contact] = field(default_factory=list)


@dataclass
class Problem:
    """Something ``doctor`` found."""

    where: str
    message: str


class PeopleLinks:
    """The application: one open database and the verbs that change it."""

    def __init__(self, db: Database, today: Callable[[], date] = date.today) -> None:
        self.db = db
        self._today = today
        self._search: SearchIndex | None = None
        # Contacts not in the trash in name order, kept up to date change by change
        # (re-sorting 30,000 names after every save would cost ~40 ms).
        self._sorted: list[tuple[tuple[str, int], Contact]] | None = None
        self._sort_key: dict[int, tuple[str, int]] = {}
        self._next: dict[int, date | None] = {}
        self._tickler: Tickler | None = None

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False,
             today: Callable[[], date] = date.today) -> PeopleLinks:
        """Open the database at ``path``."""
        return cls(Database.open(path, read_only=read_only), today=today)

    def close(self) -> None:
        """Save everything to the file and release the database."""
        self.db.close()

    def __enter__(self) -> PeopleLinks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def today(self) -> date:
        """Today's date (injectable for tests)."""
        return self._today()

    # ---- finding contacts -----------------------------------------------------

    def contact(self, contact_id: int) -> Contact:
        """The contact with ``contact_id`` (trashed ones included)."""
        try:
            return self.db.contacts[contact_id]
        except KeyError:
            raise NotFound(f"no contact has id {contact_id}") from None

    def contacts(self, *, trash: bool = False) -> list[Contact]:
        """Contacts in the trash, or (default) all the others, by name."""
        if not trash:
            return [contact for _key, contact in self._sorted_contacts()]
        found = [c for c in self.db.contacts.values() if c.in_trash]
        found.sort(key=_name_key)
        return found

    def _sorted_contacts(self) -> list[tuple[tuple[str, int], Contact]]:
        if self._sorted is None:
            live = [(_name_key(c), c) for c in self.db.contacts.values() if not c.in_trash]
            live.sort(key=lambda pair: pair[0])
            self._sorted = live
            self._sort_key = {c.id: key for key, c in live}
        return self._sorted

    def count(self) -> int:
        """How many contacts are not in the trash."""
        return len(self._sorted_contacts())

    def warm_up(self) -> None:
        """Build the search index and the sorted list now, so the first keystroke is fast."""
        self._index().warm_up()
        self.contacts()

    def resolve(self, who: str, *, trash: bool = False, field: str = "contact") -> Contact:
        """Find one contact from an id (``12`` or ``#12``) or a name.

        A name matches exactly (ignoring case) first; failing that, every word
        given must start a word of the name ("ann" finds "Ann Lee", not "Hannah").
        Several matches raise :class:`Ambiguous` listing them with their ids.
        """
        text = who.strip()
        digits = text.removeprefix("#")
        if digits.isdigit():
            contact = self.db.contacts.get(int(digits))
            if contact is None or contact.in_trash != trash:
                where = "in the trash" if trash else "among your contacts"
                raise NotFound(f"{field}: no contact with id {digits} {where}", field=field)
            return contact
        if not text:
            raise InputError(f"{field}: empty; give a name or an id", field=field)
        pool = [self.db.contacts[i] for i in self.db.ids_named(text)]
        matches = [c for c in pool if c.in_trash == trash]
        if not matches:
            # Words as search sees them: "quitter" finds "[@click]Quitter[/]", "brien" O'Brien.
            words = words_of(text).split() or text.casefold().split()
            matches = [c for c in self.db.contacts.values()
                       if c.in_trash == trash and _words_start(words_of(c.name).split(), words)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            where = " in the trash" if trash else ""
            raise NotFound(f"{field}: no contact matches {who!r}{where}", field=field)
        matches.sort(key=lambda c: c.id)
        listed = ", ".join(f"#{c.id} {c.label}" for c in matches[:10])
        more = f" and {len(matches) - 10} more" if len(matches) > 10 else ""
        raise Ambiguous(
            f"{field}: {who!r} matches {len(matches)} contacts: {listed}{more}; use the id",
            [(c.id, c.label) for c in matches], field=field,
        )

    def search(self, query: str, limit: int | None = None) -> list[Contact]:
        """Contacts (not in the trash) matching ``query``, best first."""
        if not query.strip():
            return self.contacts()[:limit] if limit else self.contacts()
        return [self.db.contacts[i] for i in self._index().search(query, limit)]

    def _index(self) -> SearchIndex:
        if self._search is None:
            self._search = SearchIndex(c for c in self.db.contacts.values() if not c.in_trash)
        return self._search

    def browse(self, query: str = "", filters: Filters | None = None,
               sort: SortKey = SortKey.NAME) -> list[Contact]:
        """The contact list: matches of ``query`` (best first) or everyone sorted by ``sort``,
        narrowed by ``filters``."""
        found = self.search(query) if query.strip() else self.contacts()
        if filters is not None and filters.active:
            found = [c for c in found if self._passes(c, filters)]
        if query.strip() or sort == SortKey.NAME:
            return found
        if sort == SortKey.COMPANY:
            found.sort(key=lambda c: (not c.company, c.company.casefold(), c.name.casefold()))
        elif sort == SortKey.LAST_CONTACT:
            never = date.min
            found.sort(key=lambda c: self.db.last_contact(c.id) or never, reverse=True)
        elif sort == SortKey.NEXT_DUE:
            never = date.max
            found.sort(key=lambda c: self.next_contact(c) or never)
        return found

    def browse_ids(self, query: str = "", filters: Filters | None = None,
                   sort: SortKey = SortKey.NAME) -> list[int]:
        """Ids of :meth:`browse`; the whole list by name is read off the kept order."""
        plain = filters is None or not filters.active
        if plain and not query.strip() and sort == SortKey.NAME:
            return [key[1] for key, _contact in self._sorted_contacts()]
        if plain and query.strip():
            return self._index().search(query)
        return [c.id for c in self.browse(query, filters, sort)]

    def _passes(self, contact: Contact, filters: Filters) -> bool:
        if filters.circle and contact.circle != filters.circle:
            return False
        if filters.status and contact.status != filters.status:
            return False
        if filters.employment and contact.employment != filters.employment:
            return False
        if filters.tag and filters.tag.casefold() not in (t.casefold() for t in contact.tags):
            return False
        if filters.company and filters.company.casefold() not in contact.company.casefold():
            return False
        return not filters.generation or self.db.generation(contact.id) == filters.generation

    def _touch(self, contact_id: int) -> None:
        """A contact's keep-in-touch date may have moved: recompute it where kept."""
        self._next.pop(contact_id, None)
        if self._tickler is not None:
            contact = self.db.contacts[contact_id]
            self._tickler.set(contact_id, self.next_contact(contact), contact.name)

    def _reindex(self, contact: Contact) -> None:
        self._touch(contact.id)
        if self._sorted is not None:
            old = self._sort_key.pop(contact.id, None)
            if old is not None:
                del self._sorted[bisect_left(self._sorted, (old,))]
            if not contact.in_trash:
                key = _name_key(contact)
                self._sort_key[contact.id] = key
                self._sorted.insert(bisect_left(self._sorted, (key,)), (key, contact))
        if self._search is not None:
            if contact.in_trash:
                self._search.remove(contact.id)
            else:
                self._search.put(contact)

    # ---- derived values -------------------------------------------------------

    def generation(self, contact_id: int) -> int | None:
        """Referral generation (1 = known directly)."""
        return self.db.generation(contact_id)

    def last_contact(self, contact_id: int) -> date | None:
        """Date of the last logged interaction."""
        return self.db.last_contact(contact_id)

    def next_contact(self, contact: Contact) -> date | None:
        """When to get in touch again (keep-in-touch), or None if not tracked."""
        try:
            return self._next[contact.id]
        except KeyError:
            when = next_contact(contact, self.db.last_contact(contact.id), self.db.settings)
            self._next[contact.id] = when
            return when

    def introducer(self, contact: Contact) -> Contact | None:
        """Who introduced ``contact``, if known."""
        return self.db.contacts.get(contact.introduced_by) if contact.introduced_by else None

    def introduced(self, contact_id: int) -> list[Contact]:
        """The contacts ``contact_id`` introduced."""
        return [self.db.contacts[i] for i in self.db.introduced(contact_id)]

    # ---- changing contacts ----------------------------------------------------

    def _check_introducer(self, contact_id: int, introducer: int | None) -> None:
        if introducer is None:
            return
        if introducer == contact_id:
            raise InputError("introduced_by: a contact cannot introduce themselves",
                             field="introduced_by")
        other = self.db.contacts.get(introducer)
        if other is None:
            raise InputError(f"introduced_by: no contact has id {introducer}",
                             field="introduced_by")
        cycle = graph.would_cycle(self.db.parents, contact_id, introducer)
        if cycle:
            names = " → ".join(self.db.contacts[i].name if i in self.db.contacts else f"#{i}"
                               for i in cycle)
            raise InputError(
                f"introduced_by: {other.name} (#{other.id}) cannot have introduced this contact: "
                f"that would make an introduction cycle ({names})",
                field="introduced_by",
            )

    def add_contact(self, data: dict[str, Any]) -> Contact:
        """Add a contact from input fields (``name`` required)."""
        contact = validated(Contact, {**data, "id": 0})
        self._check_introducer(0, contact.introduced_by)
        contact = contact.model_copy(update={"id": self.db.new_id(Contact)})
        self.db.commit([contact], summary=f"Added {contact.label}")
        self._reindex(contact)
        return contact

    def edit_contact(self, contact_id: int, changes: dict[str, Any]) -> Contact:
        """Change some fields of a contact."""
        old = self.contact(contact_id)
        if "id" in changes and changes["id"] != contact_id:
            raise InputError("id: cannot be changed", field="id")
        data = old.model_dump()
        data.update(changes)
        data["updated"] = now()
        contact = validated(Contact, data)
        if contact.introduced_by != old.introduced_by:
            self._check_introducer(contact_id, contact.introduced_by)
        if contact == old.model_copy(update={"updated": contact.updated}):
            return old
        self.db.commit([contact], summary=f"Edited {contact.label}")
        self._reindex(contact)
        return contact

    def delete_contact(self, contact_id: int) -> Contact:
        """Move a contact to the trash (its history is kept; restore with undelete)."""
        old = self.contact(contact_id)
        if old.in_trash:
            raise InputError(f"contact: {old.name} (#{old.id}) is already in the trash")
        contact = old.model_copy(update={"deleted_at": now()})
        self.db.commit([contact], summary=f"Moved {contact.label} to the trash")
        self._reindex(contact)
        return contact

    def restore_contact(self, contact_id: int) -> Contact:
        """Take a contact out of the trash."""
        old = self.contact(contact_id)
        if not old.in_trash:
            raise InputError(f"contact: {old.name} (#{old.id}) is not in the trash")
        contact = old.model_copy(update={"deleted_at": None, "updated": now()})
        self.db.commit([contact], summary=f"Restored {contact.label} from the trash")
        self._reindex(contact)
        return contact

    # ---- logging --------------------------------------------------------------

    def log(
        self,
        contact_ids: Sequence[int],
        *,
        kind: str | Kind = Kind.COFFEE,
        when: date | None = None,
        notes: str = "",
        gave: str = "",
        got: str = "",
        referrals: Iterable[Referral | int] = (),
        next_action: str = "",
        next_due: date | None = None,
        asked_for_referrals: bool = False,
    ) -> LogResult:
        """Log an interaction; referrals become leads, the next step a follow-up.

        ``referrals`` holds new people (:class:`Referral`, linked to an existing
        contact of exactly that name and company when there is one) or ids of
        existing contacts. Everything is one durable write.
        """
        when = check_date(when or self.today, "date")
        if next_due is not None:
            check_date(next_due, "due")
        if when > self.today + timedelta(days=MAX_LOG_DAYS_AHEAD):
            raise InputError(f"date: {when.isoformat()} is in the future; log what has happened",
                             field="date")
        if not contact_ids:
            raise InputError("contact: a log needs at least one contact", field="contact")
        people = [self.contact(cid) for cid in contact_ids]
        for person in people:
            if person.in_trash:
                raise InputError(f"contact: {person.name} (#{person.id}) is in the trash")
        if next_due is not None and not next_action.strip():
            raise InputError("next: a due date was given without a next step", field="next")
        if next_due is not None and next_due < when:
            raise InputError(f"due: the next step cannot be due ({next_due.isoformat()}) before "
                             f"the interaction's date ({when.isoformat()})", field="due")
        stamp = now()
        result_leads: list[Contact] = []
        linked: list[Contact] = []
        puts: list[Any] = []
        referral_ids: list[int] = []
        introducer = people[0]
        for ref in referrals:
            existing = self.existing_referral(ref)
            if existing is not None:
                referral_ids.append(existing.id)
                if existing.introduced_by is None and existing.id != introducer.id and not \
                        graph.would_cycle(self.db.parents, existing.id, introducer.id):
                    existing = existing.model_copy(
                        update={"introduced_by": introducer.id, "updated": stamp})
                    puts.append(existing)
                linked.append(existing)
                continue
            assert isinstance(ref, Referral)
            try:
                lead = validated(Contact, {
                    "id": self.db.new_id(Contact), "name": ref.name, "company": ref.company,
                    "emails": [ref.email] if ref.email else [],
                    "notes": ref.note, "status": Status.LEAD, "introduced_by": introducer.id,
                    "how_met": f"referred by {introducer.name} on {when.isoformat()}",
                    "created": stamp, "updated": stamp,
                })
            except InputError as exc:
                raise InputError(f"referrals: {exc}", field="referrals") from None
            referral_ids.append(lead.id)
            result_leads.append(lead)
            puts.append(lead)
        interaction = validated(Interaction, {
            "id": self.db.new_id(Interaction), "contact_ids": list(contact_ids), "date": when,
            "kind": kind, "notes": notes, "gave": gave, "got": got, "referrals": referral_ids,
            "asked_for_referrals": asked_for_referrals or bool(referral_ids), "created": stamp,
        })
        puts.insert(0, interaction)
        followup = None
        if next_action.strip():
            followup = validated(FollowUp, {
                "id": self.db.new_id(FollowUp), "contact_id": introducer.id,
                "action": next_action,
                "due": next_due or when + timedelta(days=DEFAULT_NEXT_STEP_DAYS),
                "interaction_id": interaction.id, "created": stamp,
            })
            puts.append(followup)
        activated = [p.model_copy(update={"status": Status.ACTIVE, "updated": stamp})
                     for p in people if p.status == Status.LEAD]
        puts.extend(activated)
        names = ", ".join(p.name for p in people)
        self.db.commit(puts, summary=f"Logged {interaction.kind} with {names} on {when:%a %d %b}")
        for item in puts:
            if isinstance(item, Contact):
                self._reindex(item)
        for cid in contact_ids:  # their keep-in-touch clock restarts
            self._touch(cid)
        return LogResult(interaction, followup, result_leads, linked, activated)

    def existing_referral(self, ref: Referral | int) -> Contact | None:
        """The contact a referral would be linked to: the id given, or the one contact
        of exactly that name (and company, when given); None for a new lead."""
        if isinstance(ref, int):
            return self.contact(ref)
        if ref.new:
            return None
        same = [self.db.contacts[i] for i in self.db.ids_named(ref.name)]
        same = [c for c in same if not c.in_trash
                and (not ref.company or c.company.casefold() == ref.company.casefold())]
        return same[0] if len(same) == 1 else None

    # ---- follow-ups -----------------------------------------------------------

    def followup(self, followup_id: int) -> FollowUp:
        """The follow-up with ``followup_id``."""
        try:
            return self.db.followups[followup_id]
        except KeyError:
            raise NotFound(f"follow-up: no follow-up has id {followup_id}") from None

    def add_followup(self, contact_id: int, action: str, due: date | None = None) -> FollowUp:
        """Add a follow-up on its own, due ``due`` (default: a week from today)."""
        due = check_date(due or self.today + timedelta(days=DEFAULT_NEXT_STEP_DAYS), "due")
        contact = self.contact(contact_id)
        if contact.in_trash:
            raise InputError(f"contact: {contact.name} (#{contact.id}) is in the trash")
        item = validated(FollowUp, {"id": self.db.new_id(FollowUp), "contact_id": contact_id,
                                    "action": action, "due": due})
        self.db.commit([item], summary=f"Added follow-up “{item.action}” for {contact.name}")
        return item

    def complete_followup(self, followup_id: int) -> FollowUp:
        """Mark a follow-up done."""
        old = self.followup(followup_id)
        if old.done:
            return old
        item = old.model_copy(update={"done": True, "done_at": now()})
        self.db.commit([item], summary=f"Done: {item.action}")
        return item

    def reopen_followup(self, followup_id: int) -> FollowUp:
        """Mark a done follow-up as open again."""
        old = self.followup(followup_id)
        item = old.model_copy(update={"done": False, "done_at": None})
        self.db.commit([item], summary=f"Reopened: {item.action}")
        return item

    def edit_followup(self, followup_id: int, *, action: str | None = None,
                      due: date | None = None) -> FollowUp:
        """Change a follow-up's action or due date (a done one keeps its due date)."""
        old = self.followup(followup_id)
        if old.done and due is not None and due != old.due:
            raise InputError(f"follow-up: #{old.id} {old.action!r} is done; its due date no "
                             "longer matters (its action can still be edited)", field="follow-up")
        changes: dict[str, Any] = {}
        if action is not None:
            changes["action"] = action
        if due is not None:
            changes["due"] = check_date(due, "due")
        try:
            item = old.changed(**changes)
        except ValidationError as exc:
            raise describe(exc, changes) from None
        said = f"Moved “{item.action}” to {item.due:%a %d %b}" if item.due != old.due \
            else f"Edited follow-up “{item.action}”"
        self.db.commit([item], summary=said)
        return item

    def snooze_followup(self, followup_id: int, due: date) -> FollowUp:
        """Move an open follow-up to ``due``; a done one is refused (nothing to snooze)."""
        old = self.followup(followup_id)
        if old.done:
            raise InputError(f"follow-up: #{old.id} {old.action!r} is done; nothing to snooze",
                             field="follow-up")
        return self.edit_followup(followup_id, due=due)

    def due(self, today: date | None = None, keep_limit: int | None = None) -> DueReport:
        """Open follow-ups by bucket, and contacts whose keep-in-touch date has come
        (only the ``keep_limit`` most overdue when given; the total is always counted)."""
        today = today or self.today
        report = DueReport(today=today)
        contacts = self.db.contacts
        for item in self.db.followups.values():
            owner = contacts.get(item.contact_id)
            if item.done or owner is None or owner.in_trash:
                continue
            report.followups[bucket(item.due, today)].append(item)
        for items in report.followups.values():
            items.sort(key=lambda fu: (fu.due, fu.id))
        if self._tickler is None:
            self._tickler = Tickler()
            for contact in contacts.values():
                self._tickler.set(contact.id, self.next_contact(contact), contact.name)
        report.keep_in_touch_total, chosen = self._tickler.due(today, keep_limit)
        for when, cid in chosen:
            report.keep_in_touch.append(DueItem(contacts[cid], self.db.last_contact(cid), when))
        return report

    def open_followups(self) -> list[FollowUp]:
        """Every open follow-up of a contact not in the trash, by due date."""
        report = self.due()
        return [fu for b in Bucket for fu in report.followups[b]]

    # ---- objective ------------------------------------------------------------

    def set_objective(self, changes: dict[str, Any]) -> Objective:
        """Change the job search objective."""
        data = self.db.objective.model_dump()
        data.update(changes)
        data["updated"] = now()
        objective = validated(Objective, data)
        self.db.commit([objective], summary="Changed the job search objective")
        return objective

    # ---- settings -------------------------------------------------------------

    def set_keep_in_touch(self, circle: str, days: int) -> Settings:
        """Set the default keep-in-touch interval of a circle (0: not tracked)."""
        intervals = {str(k): v for k, v in self.db.settings.keep_in_touch_days.items()}
        intervals[str(circle).strip().lower()] = days
        try:
            settings = self.db.settings.changed(keep_in_touch_days=intervals)
        except ValidationError as exc:
            raise describe(exc, {"keep_in_touch_days": intervals}) from None
        self.db.commit([settings], summary=f"Keep in touch with {circle} contacts: "
                       + (f"every {days} days" if days else "not tracked"))
        self._next.clear()  # every contact of that circle may move
        self._tickler = None
        return settings

    @property
    def theme(self) -> str:
        """The TUI theme the user chose last ("" for the default)."""
        theme = self.db.preferences.get("theme", "")
        return theme if isinstance(theme, str) else ""

    def set_theme(self, theme: str) -> None:
        """Remember the TUI theme (a preference: durable, not in the undo history)."""
        name = clean_text(theme)[:100]
        if self.db.read_only or name == self.theme:
            return
        self.db.set_preference("theme", name)

    # ---- undo, redo, and changes made by others ---------------------------------

    def undo(self) -> ChangeInfo:
        """Undo the last change (whatever made it: the TUI, the CLI, an import)."""
        info, docs = self.db.undo()
        self._refresh_derived(docs)
        return info

    def redo(self) -> ChangeInfo:
        """Redo the last undone change."""
        info, docs = self.db.redo()
        self._refresh_derived(docs)
        return info

    def changes(self) -> tuple[list[ChangeInfo], list[ChangeInfo]]:
        """What :meth:`undo` and :meth:`redo` would take back, the next one first."""
        return self.db.changes()

    def changed_on_disk(self) -> str | None:
        """What another program changed in the database files since we read them."""
        return self.db.changed_on_disk()

    def reload(self) -> None:
        """Read the database again (it changed on disk) and forget what was derived."""
        self.db.reload()
        self._forget_derived()

    def _forget_derived(self) -> None:
        self._search = None
        self._sorted = None
        self._sort_key = {}
        self._next = {}
        self._tickler = None

    @contextmanager
    def batch(self, summary: str) -> Iterator[None]:
        """Run several verbs as one change (one write, one undo): a bulk operation."""
        try:
            with self.db.batch(summary):
                yield
        except BaseException:
            self._forget_derived()  # memory went back; what was derived from it goes too
            raise

    def backup(self, reason: str) -> Path | None:
        """Back up the database as it is now, before ``reason`` (e.g. "before-demo")."""
        return self.db.backup(reason)

    def restore(self, source: Path) -> tuple[int, Path | None]:
        """Make the data what the backup ``source`` holds, as one undoable change, after
        backing up what it replaces; return (documents changed, that backup)."""
        saved = self.db.backup("before-restore")
        changed = self.db.replace_all(source, summary=f"Restored {source.name}")
        self._forget_derived()
        return changed, saved

    def quarantine(self) -> int:
        """Move the records that cannot be read to the quarantine table (undoable)."""
        return self.db.quarantine()

    def _refresh_derived(self, docs: Iterable[DocChange]) -> None:
        """Keep the sorted list, search index and tickler in line with documents
        changed underneath the verbs (an undo or redo)."""
        for table, key, before, after in docs:
            if table == "contacts" and key.isdigit():
                contact = self.db.contacts.get(int(key))
                if contact is not None:
                    self._reindex(contact)
                else:
                    self._forget(int(key))
            elif table == "interactions":
                for doc in (before, after):
                    for cid in (doc or {}).get("contact_ids", []):
                        if cid in self.db.contacts:
                            self._touch(cid)
            elif table == "settings":
                self._next.clear()
                self._tickler = None

    def _forget(self, contact_id: int) -> None:
        """A contact is gone altogether (an add undone): drop it from what is kept."""
        self._next.pop(contact_id, None)
        if self._tickler is not None:
            self._tickler.remove(contact_id)
        if self._sorted is not None:
            old = self._sort_key.pop(contact_id, None)
            if old is not None:
                del self._sorted[bisect_left(self._sorted, (old,))]
        if self._search is not None:
            self._search.remove(contact_id)

    # ---- health ---------------------------------------------------------------

    def doctor(self) -> list[Problem]:
        """Check every record and the links between them."""
        found = [Problem(f"{p.table} #{p.doc_id}", p.message) for p in self.db.problems]
        contacts = self.db.contacts
        for contact in contacts.values():
            if contact.introduced_by and contact.introduced_by not in contacts:
                found.append(Problem(f"contacts #{contact.id}",
                                     f"introduced_by: no contact has id {contact.introduced_by}"))
        for cycle in graph.find_cycles(self.db.parents):
            names = " → ".join(contacts[i].name for i in [*cycle, cycle[0]])
            found.append(Problem(f"contacts #{cycle[0]}", f"introduction cycle: {names}"))
        for item in self.db.interactions.values():
            for cid in [*item.contact_ids, *item.referrals]:
                if cid not in contacts:
                    found.append(Problem(f"interactions #{item.id}", f"no contact has id {cid}"))
        for fu in self.db.followups.values():
            if fu.contact_id not in contacts:
                found.append(Problem(f"followups #{fu.id}", f"no contact has id {fu.contact_id}"))
            if fu.interaction_id and fu.interaction_id not in self.db.interactions:
                found.append(Problem(f"followups #{fu.id}",
                                     f"no interaction has id {fu.interaction_id}"))
        return found
