"""Pausing Python's cyclic garbage collector around bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block without cyclic garbage collection.

    Loading the file, validating it, importing 30,000 rows or writing them out
    allocates hundreds of thousands of objects, none of them cyclic; the collector
    would scan them again and again (a fifth to two thirds of the time). It runs
    as before once the block ends (nested blocks leave that to the outermost).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def keep_for_good() -> None:
    """Take every object alive now out of the collector's scans (``gc.freeze``).

    Called once what the app works out beside its UI is made (the records, the
    search tables, what is due): it lives as long as the app. A full collection
    would otherwise walk all of it — 100-140 ms at 30,000 contacts, in the middle of
    whatever key is being answered. (A cycle that is garbage now is then never
    collected: a few objects, once.)"""
    gc.freeze()


# Collections of the middle generation before Python considers a full one (its own: 10).
FULL_AFTER = 1000


def defer_full_collections() -> tuple[int, int, int]:
    """Let full collections wait for the user to pause (:func:`collect_now`); returns
    the thresholds to put back (``gc.set_threshold(*them)``) when the app ends.

    A save leaves a few thousand objects in reference cycles (the UI's); with every
    record frozen (:func:`keep_for_good`), Python then runs a full collection every
    second save or so: 25-40 ms in the middle of it. The app collects when the user
    pauses instead; Python still runs one itself after many more changes."""
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], FULL_AFTER)
    return before


def collect_now() -> None:
    """A full collection (the app calls it when the user paused)."""
    gc.collect()
