"""The referral graph: who introduced whom, and each contact's generation.

The graph is given as ``parents``: contact id -> the id of the contact who
introduced them (or None for people the user knows directly). People known
directly are generation 1, the people they introduced generation 2, and so on.
"""

from __future__ import annotations

from collections.abc import Mapping

Parents = Mapping[int, int | None]


def chain(parents: Parents, start: int) -> list[int]:
    """``start`` and its introducers, nearest first, up to someone known directly.

    Stops before repeating an id, so a (corrupt) cycle cannot loop forever.
    """
    path = [start]
    seen = {start}
    parent = parents.get(start)
    while parent is not None and parent in parents and parent not in seen:
        path.append(parent)
        seen.add(parent)
        parent = parents.get(parent)
    return path


def would_cycle(parents: Parents, contact_id: int, introducer: int | None) -> list[int] | None:
    """The cycle that setting ``contact_id``'s introducer would close, or None.

    The result runs from ``contact_id`` through the introducers back to it.
    """
    if introducer is None:
        return None
    if introducer == contact_id:
        return [contact_id, contact_id]
    path = chain(parents, introducer)
    if contact_id in path:
        return [contact_id, *path[: path.index(contact_id) + 1]]
    return None


def generations(parents: Parents) -> dict[int, int]:
    """Generation of every contact in ``parents`` (1 = known directly).

    An introducer missing from ``parents`` counts as unknown: the contact is
    then generation 1. Members of a cycle (only a corrupt file can hold one)
    are given the generation they reach before the cycle closes.
    """
    result: dict[int, int] = {}
    for start in parents:
        if start in result:
            continue
        path = []
        on_path: set[int] = set()
        node: int | None = start
        base = 0
        while node is not None:
            if node in result:
                base = result[node]
                break
            if node in on_path or node not in parents:
                break
            path.append(node)
            on_path.add(node)
            node = parents[node]
        for offset, member in enumerate(reversed(path), start=1):
            result[member] = base + offset
    return result


def children(parents: Parents) -> dict[int, list[int]]:
    """Who each contact introduced, in id order."""
    out: dict[int, list[int]] = {}
    for child, parent in sorted(parents.items()):
        if parent is not None:
            out.setdefault(parent, []).append(child)
    return out


def find_cycles(parents: Parents) -> list[list[int]]:
    """Every introduction cycle, each listed once from its smallest id."""
    cycles: list[list[int]] = []
    done: set[int] = set()
    for start in parents:
        if start in done:
            continue
        order: list[int] = []
        index: dict[int, int] = {}
        node: int | None = start
        while node is not None and node in parents and node not in done and node not in index:
            index[node] = len(order)
            order.append(node)
            node = parents[node]
        if node is not None and node in index:
            cycle = order[index[node]:]
            low = cycle.index(min(cycle))
            cycles.append(cycle[low:] + cycle[:low])
        done.update(order)
    return cycles
