"""Finding contacts by words and by near-miss spellings."""

from __future__ import annotations

from peoplelinks.domain.models import Contact
from peoplelinks.domain.search import SearchIndex


def people() -> list[Contact]:
    rows = [
        (1, "Priya Shah", "Northwind Analytics", ["target"], ""),
        (2, "Tom Becker", "Northwind Analytics", [], "owns the logistics dashboard"),
        (3, "Hannah Berg", "Tailspin Toys", ["design"], ""),
        (4, "Ann Lee", "Acme", ["alumni"], ""),
    ]
    return [Contact.from_input({"id": i, "name": n, "company": c, "tags": t, "notes": notes})
            for i, n, c, t, notes in rows]


def test_name_prefix_ranks_first() -> None:
    index = SearchIndex(people())
    assert index.search("ann")[0] == 4  # "Ann Lee" before "Hannah Berg"
    assert 3 in index.search("ann")


def test_every_word_must_match_somewhere() -> None:
    index = SearchIndex(people())
    assert index.search("northwind tom") == [2]
    assert index.search("logistics") == [2]
    assert index.search("alumni") == [4]


def test_typos_found_fuzzily() -> None:
    assert SearchIndex(people()).search("Priay Shah")[0] == 1


def test_put_and_remove_keep_the_index_current() -> None:
    index = SearchIndex(people())
    index.remove(4)
    assert 4 not in index.search("acme")
    index.put(Contact.from_input({"id": 5, "name": "Zed", "company": "Acme"}))
    assert index.search("acme") == [5]


def test_empty_query_lists_everything_and_limit_applies() -> None:
    index = SearchIndex(people())
    assert sorted(index.search("")) == [1, 2, 3, 4]
    assert len(index.search("", limit=2)) == 2


def test_updates_after_the_tables_are_built_match_a_fresh_index() -> None:
    index = SearchIndex(people())
    index.warm_up()
    index.search("an")  # the tables are built; now change them in place
    index.put(Contact.from_input({"id": 5, "name": "Anna Bell", "company": "Zeta"}))
    index.put(Contact.from_input({"id": 4, "name": "Zoe Lee", "company": "Acme"}))
    index.remove(2)
    fresh = SearchIndex([*(p for p in people() if p.id not in (2, 4)),
                         Contact.from_input({"id": 5, "name": "Anna Bell", "company": "Zeta"}),
                         Contact.from_input({"id": 4, "name": "Zoe Lee", "company": "Acme"})])
    for query in ["an", "a", "ze", "z", "zoe", "northwind", "to", "le", ""]:
        assert index.search(query) == fresh.search(query), query
