"""Finding contacts by words and by near-miss spellings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from peoplelinks.domain.models import Contact
from peoplelinks.domain.search import SearchIndex, haystack, words_of


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


# ---- typos forgiven in companies and titles, as in names --------------------------------


def at_companies() -> list[Contact]:
    rows = [
        (1, "Priya Shah", "Northwind Analytics", "Director of Product"),
        (2, "Tom Becker", "Northwind Analytics", "Data Engineer"),
        (3, "Nina Volkova", "Fabrikam Robotics", "Recruiter"),
        (4, "James Wright", "Fabrikam Robotics", "Engineering Manager"),
        (5, "Sam Ortiz", "Contoso Health", "Product Manager"),
        (6, "Ann Lee", "Acme", "Designer"),
    ]
    return [Contact.from_input({"id": i, "name": n, "company": c, "title": t})
            for i, n, c, t in rows]


def test_typos_in_a_company_are_forgiven() -> None:
    index = SearchIndex(at_companies())
    assert index.search("fabrkam") == [4, 3]  # James, Nina: by name
    assert index.search("contso") == [5]
    assert index.search("nortwind") == [1, 2]
    assert index.search("FABRIKAN") == [4, 3]
    assert index.search("fabrk") == [4, 3]  # a word still being typed
    assert [index.search("nortwind"[:n]) for n in range(5, 9)] == [[1, 2]] * 4


def test_typos_in_a_title_are_forgiven() -> None:
    index = SearchIndex(at_companies())
    assert index.search("directr") == [1]
    assert index.search("recuiter") == [3]


def test_every_word_still_counts_with_a_typo() -> None:
    index = SearchIndex(at_companies())
    assert index.search("tom nortwind") == [2]
    assert index.search("nortwind tom") == [2]
    assert index.search("fabrkam managr") == [4]
    assert index.search("fabrkam zed") == []


def test_word_start_matches_rank_before_typos() -> None:
    exact = Contact.from_input({"id": 7, "name": "Zed Nortwind", "company": "Zeta"})
    index = SearchIndex([*at_companies(), exact])
    assert index.search("nortwind") == [7, 1, 2]


def test_short_words_and_far_misses_are_not_fuzzed() -> None:
    index = SearchIndex(at_companies())
    assert index.search("acm") == [6]  # a word start, as always
    assert index.search("xcm") == []  # three letters: no typo allowed
    assert index.search("fbrkm") == []  # two letters missing from a seven-letter word
    assert index.search("contoso") == [5]


def test_a_short_word_is_not_taken_for_the_start_of_a_long_one() -> None:
    analyst = Contact.from_input({"id": 9, "name": "Bo Kim", "title": "Analyst"})
    index = SearchIndex([*at_companies(), analyst])
    assert 9 not in index.search("anna")  # four letters: whole words only, not "anal..."
    assert index.search("analist") == [9]
    assert index.search("anlys") == [9]  # five letters: the start of a word too


def test_put_and_remove_keep_the_typo_table_current() -> None:
    index = SearchIndex(at_companies())
    index.warm_up()
    assert index.search("fabrkam") == [4, 3]
    index.put(Contact.from_input({"id": 8, "name": "Bo Park", "company": "Fabrikam"}))
    index.put(Contact.from_input({"id": 3, "name": "Nina Volkova", "company": "Initech"}))
    index.remove(4)
    assert index.search("fabrkam") == [8]
    assert index.search("initek") == [3]
    fresh = SearchIndex([c for c in at_companies() if c.id not in (3, 4)] + [
        Contact.from_input({"id": 8, "name": "Bo Park", "company": "Fabrikam"}),
        Contact.from_input({"id": 3, "name": "Nina Volkova", "company": "Initech"})])
    for query in ["fabrkam", "initek", "nortwind", "contso", "managr", "directr"]:
        assert index.search(query) == fresh.search(query), query


def test_one_search_without_the_index_answers_as_the_index_does() -> None:
    """search_once (the command line: one query, no lookup tables built) must give the
    index's answer exactly: word starts in the same order, near misses when few."""
    import random  # noqa: PLC0415

    from peoplelinks.domain.search import holds, search_once  # noqa: PLC0415

    rng = random.Random(7)
    first = ["Maria", "Mariam", "Marc", "Ann", "Hannah", "Priya", "Élodie", "Zoë", "李"]
    last = ["Shah", "Becker", "O'Neil", "Lee-Smith", "Berg", "Marino"]
    companies = ["Northwind Analytics", "Tailspin Toys", "Acme", "Fabrikam, Inc.", ""]
    contacts = [Contact.from_input({
        "id": n, "name": f"{rng.choice(first)} {rng.choice(last)}",
        "company": rng.choice(companies), "title": rng.choice(["VP Sales", "", "Engineer"]),
        "tags": rng.sample(["target", "alumni", "mentor"], rng.randint(0, 2)),
        "notes": rng.choice(["", "met Maria at the meetup", "ask about ÉCOLE"]),
        "emails": [f"p{n}@example.com"] if n % 3 else []}) for n in range(1, 300)]
    contacts += [Contact.from_input({"id": 300, "name": "Rachel Green"}),  # one match, and
                 Contact.from_input({"id": 301, "name": "Rachael Grey"})]  # a near miss
    index = SearchIndex(contacts)
    queries = ["mar", "maria", "ann", "sh", "o'neil", "lee smith", "north mar", "école",
               "zoe", "zoë", "李", "target mar", "rachel green", "p12@example", "fabrkam",
               "nortwind", "Priay", "beckr", "xyzzy", "vp", "m", "meetup maria", "  "]
    for query in queries:
        for limit in (None, 3):
            expected = index.search(query, limit)
            found = search_once(
                lambda words: [c for c in contacts if holds(words, c.__dict__)],
                lambda: contacts, query, limit)
            assert found == expected, (query, limit)


# ---- one or two letters: ranked off the tables ---------------------------------------

_word = st.text(alphabet="abmé ", min_size=1, max_size=6)
_person = st.tuples(_word, _word, st.lists(_word, max_size=2))


def _ranked_by_hand(contacts: list[Contact], word: str) -> list[int]:
    """Every contact with a word starting with ``word``: the name's first word first,
    then another word of the name, then elsewhere; by name (then id) within each."""
    ranks: tuple[list[int], list[int], list[int]] = ([], [], [])
    for contact in sorted(contacts, key=lambda c: (words_of(c.name), c.id)):
        name, text, _fields = haystack(contact)
        if " " + word not in text:
            continue
        at = name.find(" " + word)
        ranks[0 if at == 0 else 1 if at > 0 else 2].append(contact.id)
    return ranks[0] + ranks[1] + ranks[2]


@settings(max_examples=120, deadline=None)
@given(rows=st.lists(_person, min_size=1, max_size=12), changes=st.lists(
    st.tuples(st.integers(0, 11), _person, st.booleans()), max_size=4))
def test_one_or_two_letters_rank_as_every_match_looked_at(
        rows: list[tuple[str, str, list[str]]],
        changes: list[tuple[int, tuple[str, str, list[str]], bool]]) -> None:
    def contact(i: int, row: tuple[str, str, list[str]]) -> Contact:
        name, company, tags = row
        return Contact.from_input({"id": i, "name": name.strip() or "x", "company": company,
                                   "tags": [t for t in tags if t.strip()]})

    contacts = {i: contact(i, row) for i, row in enumerate(rows, 1)}
    # A first query looks at each match; the app's (tables built) ranks off them.
    assert SearchIndex(contacts.values()).search("a", fuzzy_below=0) == _ranked_by_hand(
        list(contacts.values()), "a")
    index = SearchIndex(contacts.values())
    index.warm_up()
    queries = ["a", "b", "m", "é", "ab", "ba", "mé", "aa", "z"]
    for query in queries:
        assert index.search(query, fuzzy_below=0) == _ranked_by_hand(
            list(contacts.values()), query)
    for n, row, gone in changes:  # kept current change by change, once built
        i = n % len(rows) + 1
        if gone:
            contacts.pop(i, None)
            index.remove(i)
        else:
            contacts[i] = contact(i, row)
            index.put(contacts[i])
        for query in queries:
            assert index.search(query, fuzzy_below=0) == _ranked_by_hand(
                list(contacts.values()), query)
