"""The referral graph: generations, chains, cycles."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from peoplelinks.domain.graph import chain, children, find_cycles, generations, would_cycle


def test_generations_count_from_the_user() -> None:
    parents = {1: None, 2: 1, 3: 2, 4: 3, 5: None, 6: 5}
    assert generations(parents) == {1: 1, 2: 2, 3: 3, 4: 4, 5: 1, 6: 2}


def test_unknown_introducer_counts_as_direct() -> None:
    assert generations({7: 99}) == {7: 1}


def test_cycles_do_not_loop_forever() -> None:
    parents = {1: 2, 2: 1, 3: 1}
    gens = generations(parents)
    assert set(gens) == {1, 2, 3}
    assert find_cycles(parents) == [[1, 2]]


def test_chain_and_children() -> None:
    parents = {1: None, 2: 1, 3: 2, 4: 1}
    assert chain(parents, 3) == [3, 2, 1]
    assert children(parents) == {1: [2, 4], 2: [3]}


def test_would_cycle() -> None:
    parents = {1: None, 2: 1, 3: 2}
    assert would_cycle(parents, 1, 3) == [1, 3, 2, 1]
    assert would_cycle(parents, 3, 1) is None
    assert would_cycle(parents, 2, 2) == [2, 2]
    assert would_cycle(parents, 2, None) is None


@st.composite
def forests(draw: st.DrawFn) -> dict[int, int | None]:
    n = draw(st.integers(min_value=1, max_value=60))
    parents: dict[int, int | None] = {}
    for node in range(1, n + 1):
        parents[node] = draw(st.one_of(st.none(), st.integers(1, node - 1))) if node > 1 else None
    return parents


@given(forests())
def test_generation_is_one_more_than_the_introducer(parents: dict[int, int | None]) -> None:
    gens = generations(parents)
    assert find_cycles(parents) == []
    for node, parent in parents.items():
        assert gens[node] == (1 if parent is None else gens[parent] + 1)
        assert len(chain(parents, node)) == gens[node]
