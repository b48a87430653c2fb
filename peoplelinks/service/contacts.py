"""Finding contacts and changing them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from peoplelinks.domain import graph
from peoplelinks.domain.browse import Filters, SortKey
from peoplelinks.domain.fields import now
from peoplelinks.domain.models import (
    Contact,
)
from peoplelinks.domain.search import search_once, words_of
from peoplelinks.errors import Ambiguous, DuplicateContact, InputError, NotFound
from peoplelinks.service.base import ServiceBase, _name_key, _words_start, validated
from peoplelinks.store.lazytable import UI_BATCH


class ContactVerbs(ServiceBase):
    """Find, list, add, edit, trash and restore contacts."""

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

    def count(self) -> int:
        """How many contacts are not in the trash."""
        if self._sorted is None and not self.db.settled("contacts"):
            return len(self.db.live_by_name())  # the app's first screen: see browse_ids
        return len(self._sorted_contacts())

    def warming_up(self) -> None:
        """Say that :meth:`warm_up` is about to run beside a UI: until it is done,
        :meth:`search_ready` is False."""
        self._warming = True

    def search_ready(self) -> bool:
        """False while the search tables are being made beside a UI (see warming_up):
        a search meanwhile would make them again in the UI's thread (1.5 s at 30,000
        contacts), so the app waits for them to search."""
        return not self._warming

    def warm_up(self) -> None:
        """Build the search index and the sorted list now, so the first keystroke is fast."""
        try:
            # Validated a small batch at a time: each batch holds the interpreter, and
            # the UI's keys wait for it.
            self.db.validate_now("contacts", batch=UI_BATCH)
            self._index().warm_up()
        finally:
            self._warming = False
        self.contacts()

    def kept(self, contact: Contact | None) -> Contact | None:
        """``contact``, or the one it was merged into (its id is theirs now)."""
        seen: set[int] = set()
        while contact is not None and contact.merged_into and contact.id not in seen:
            seen.add(contact.id)
            contact = self.db.contacts.get(contact.merged_into)
        return contact

    def resolve(self, who: str, *, trash: bool = False, field: str = "contact") -> Contact:
        """Find one contact from an id (``12`` or ``#12``) or a name.

        A name matches exactly (ignoring case) first; failing that, every word
        given must start a word of the name ("ann" finds "Ann Lee", not "Hannah").
        Several matches raise :class:`Ambiguous` listing them with their ids.
        """
        text = who.strip()
        digits = text.removeprefix("#")
        if digits.isdigit():
            contact = self.kept(self.db.contacts.get(int(digits)))
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
        if self._search is None:  # one query, no index built (the command line)
            db = self.db
            ids = search_once(
                db.contacts_holding,
                lambda: (c for c in db.contacts.values() if not c.in_trash), query, limit)
        else:
            ids = self._index().search(query, limit)
        return [self.db.contacts[i] for i in ids]

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
            if self._sorted is None and not self.db.settled("contacts"):
                # The app's first screen, drawn before every contact is validated: the
                # order read off the stored documents (the same, but for one that turns
                # out not valid: the app draws the list again once all are).
                return list(self.db.live_by_name())
            return self._ids_by_name()
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

    def add_contact(self, data: dict[str, Any], *, allow_duplicate: bool = False) -> Contact:
        """Add a contact from input fields (``name`` required); refuse one that looks
        like someone already here (:meth:`duplicates_of`) unless ``allow_duplicate``."""
        contact = validated(Contact, {**data, "id": 0})
        self._check_introducer(0, contact.introduced_by)
        if not allow_duplicate:
            same = self.duplicates_of(contact)
            if same:
                listed = ", ".join(f"#{c.id} {c.label}" + (" (in the trash)" if c.in_trash
                                                          else "") for c in same[:5])
                raise DuplicateContact(
                    f"name: {contact.name!r} looks like someone already here: {listed}; "
                    "add another anyway with --allow-duplicate", same)
        contact = contact.model_copy(update={"id": self.db.new_id(Contact)})
        self.db.commit([contact], summary=f"Added {contact.label}")
        self._reindex(contact)
        return contact

    def duplicates_of(self, contact: Contact) -> list[Contact]:
        """Contacts (trash included) with the same name, an email in common or the same
        profile address as ``contact`` (other than itself), by id."""
        ids = {*self.db.ids_named(contact.name), *self.db.ids_reached_at(contact)}
        ids.discard(contact.id)
        return [self.db.contacts[i] for i in sorted(ids)]

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
