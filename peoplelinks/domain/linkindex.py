"""The warm-path graph kept change by change, so that no change costs a rebuild.

:class:`LinkIndex` holds what :class:`~peoplelinks.domain.paths.Links` is made
of that only introductions give: who introduced whom (``introduced_by``, and
referrals logged in talks, each link counted once per source so that removing
one source leaves the others), and who works at which company. The store feeds
it every contact and talk written, undone or reloaded (:meth:`LinkIndex.contact`,
:meth:`LinkIndex.talk`); :meth:`LinkIndex.links` then reads it with the
contacts as they are now.

It keeps links to and from contacts in the trash: the trash and the statuses
are read when the links are made (who you know directly) and when a path is
walked (nobody in the trash is ever on one), so trashing a contact changes no
link here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from peoplelinks.domain.companies import company_key
from peoplelinks.domain.enums import Status

if TYPE_CHECKING:
    from peoplelinks.domain.facts import Person
    from peoplelinks.domain.models import Contact, Interaction
    from peoplelinks.domain.paths import How, Links

YOU = 0


class _Sorted(Mapping[int, tuple[int, ...]]):
    """Key -> its members in id order, from a dict of sets (sorted when read)."""

    def __init__(self, members: Mapping[int, Iterable[int]]) -> None:
        self._members = members

    def __getitem__(self, key: int) -> tuple[int, ...]:
        return tuple(sorted(self._members[key]))

    def get(self, key: int, default: object = ()) -> tuple[int, ...]:
        found = self._members.get(key)
        return tuple(sorted(found)) if found else ()

    def __iter__(self) -> Iterator[int]:
        return iter(self._members)

    def __len__(self) -> int:
        return len(self._members)


class _Companies(Mapping[str, tuple[int, ...]]):
    """company_key -> the contacts there, in id order."""

    def __init__(self, members: Mapping[str, set[int]]) -> None:
        self._members = members

    def __getitem__(self, key: str) -> tuple[int, ...]:
        found = self._members.get(key)
        if not found:
            raise KeyError(key)
        return tuple(sorted(found))

    def __iter__(self) -> Iterator[str]:
        return iter([key for key, ids in self._members.items() if ids])

    def __len__(self) -> int:
        return sum(1 for ids in self._members.values() if ids)


class LinkIndex:
    """Introduction links and companies, kept current one change at a time."""

    def __init__(self) -> None:
        # contact -> linked contact -> how many sources make the link
        self._near: dict[int, dict[int, int]] | None = {}
        # Read from a cache: contact -> linked contacts, until the first change (then
        # the counts are read too, into _near).
        self._stored_near: dict[int, list[int]] = {}
        self._stored_counts: list[list[Any]] = []
        # (referrer, referred) -> how many talks logged that referral
        self._referred: dict[tuple[int, int], int] = {}
        self._companies: dict[str, set[int]] = {}

    @classmethod
    def build(cls, contacts: Iterable[Contact], interactions: Iterable[Interaction]) -> LinkIndex:
        """An index of ``contacts`` and ``interactions`` as they are."""
        index = cls()
        for contact in contacts:
            index.contact(None, contact)
        for talk in interactions:
            index.talk(None, talk)
        return index

    def parts(self) -> dict[str, Any]:
        """What the index holds, as JSON-ready values (for a cache of it)."""
        return {"near": [[a, sorted(near), [near[b] for b in sorted(near)]]
                         for a, near in self._own_near().items()],
                "referred": [[a, b, n] for (a, b), n in self._referred.items()],
                "companies": [[key, sorted(ids)] for key, ids in self._companies.items()
                              if ids]}

    @classmethod
    def from_parts(cls, parts: dict[str, Any]) -> LinkIndex:
        """The index :meth:`parts` gave."""
        index = cls()
        index._near = None
        index._stored_counts = parts["near"]
        index._stored_near = {a: linked for a, linked, _counts in parts["near"]}
        index._referred = {(a, b): n for a, b, n in parts["referred"]}
        index._companies = {key: set(ids) for key, ids in parts["companies"]}
        return index

    def _own_near(self) -> dict[int, dict[int, int]]:
        """The links with their counts (read whole from the cache on the first change)."""
        if self._near is None:
            self._near = {a: dict(zip(linked, counts, strict=True))
                          for a, linked, counts in self._stored_counts}
            self._stored_near, self._stored_counts = {}, []
        return self._near

    def _link(self, a: int, b: int, step: int) -> None:
        near_of = self._own_near()
        for one, other in ((a, b), (b, a)):
            near = near_of.setdefault(one, {})
            count = near.get(other, 0) + step
            if count > 0:
                near[other] = count
            else:
                near.pop(other, None)
                if not near:
                    del near_of[one]

    def contact(self, old: Contact | None, new: Contact | None) -> None:
        """A contact was added (``old`` None), changed, or removed (``new`` None)."""
        person = new or old
        if person is None:
            return
        cid = person.id
        before = old.introduced_by if old is not None else None
        after = new.introduced_by if new is not None else None
        if before != after:
            if before is not None and before != cid:
                self._link(before, cid, -1)
            if after is not None and after != cid:
                self._link(after, cid, 1)
        old_key = company_key(old.company) if old is not None and old.company else ""
        new_key = company_key(new.company) if new is not None and new.company else ""
        if old_key != new_key:
            if old_key:
                ids = self._companies.get(old_key)
                if ids is not None:
                    ids.discard(cid)
            if new_key:
                self._companies.setdefault(new_key, set()).add(cid)

    def talk(self, old: Interaction | None, new: Interaction | None) -> None:
        """A talk was added, changed or removed: its referrals link its first person
        with each person referred."""
        for talk, step in ((old, -1), (new, 1)):
            if talk is None or not talk.referrals or not talk.contact_ids:
                continue
            first = talk.contact_ids[0]
            for cid in talk.referrals:
                if cid != first:
                    self._link(first, cid, step)
                    pair = (first, cid)
                    count = self._referred.get(pair, 0) + step
                    if count > 0:
                        self._referred[pair] = count
                    else:
                        self._referred.pop(pair, None)

    @staticmethod
    def known(contacts: Mapping[int, Person]) -> list[int]:
        """The contacts you know directly, in the order given: not in the trash, not a
        lead (a lead was only suggested, never met), and with no introducer, or one
        missing or in the trash (as in :func:`peoplelinks.domain.graph.generations`)."""
        out: list[int] = []
        lead = Status.LEAD
        for cid, contact in contacts.items():
            if contact.deleted_at is not None or cid == YOU or contact.status == lead:
                continue
            parent = contact.introduced_by
            if parent is None or parent == cid:
                out.append(cid)
            else:
                introducer = contacts.get(parent)
                if introducer is None or introducer.deleted_at is not None:
                    out.append(cid)
        return out

    def links(self, contacts: Mapping[int, Person], talked: Iterable[int],
              known: Iterable[int] | None = None) -> Links:
        """The links as the contacts are now: ``talked`` holds the contacts with a logged
        talk (one step from you, unless in the trash); ``known`` the contacts you know
        directly (:meth:`known`, worked out when not given)."""
        return self.links_from(self.direct(contacts, talked, known))

    @classmethod
    def direct(cls, contacts: Mapping[int, Person], talked: Iterable[int],
               known: Iterable[int] | None = None) -> dict[int, How]:
        """Who is one step from you, and how (see :meth:`links`)."""
        from peoplelinks.domain.paths import How

        direct: dict[int, How] = dict.fromkeys(
            cls.known(contacts) if known is None else known, How.KNOWN)
        talk = How.TALKED
        for cid in talked:
            found = contacts.get(cid)
            if found is not None and found.deleted_at is None and cid != YOU:
                direct[cid] = talk
        return direct

    def links_from(self, direct: dict[int, How]) -> Links:
        """The links, with ``direct`` the people one step from you (:meth:`direct`)."""
        from peoplelinks.domain.paths import Links

        adjacent = self._stored_near if self._near is None else self._near
        return Links(adjacent=_Sorted(adjacent), direct=direct, first=tuple(sorted(direct)),
                     referred=frozenset(self._referred),
                     companies=_Companies(self._companies))
