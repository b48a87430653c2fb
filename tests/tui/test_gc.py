"""The collector waits for the user to pause: full collections (25-40 ms at 30,000
contacts) are not run in the middle of a save, and run once the user paused."""

from __future__ import annotations

import asyncio
import gc

from peoplelinks.gcpause import FULL_AFTER
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.strategy_actions import PREPARE_DELAY
from tests.tui.helpers import main_screen


async def test_full_collections_wait_for_a_pause_and_the_thresholds_come_back(
        demo_app: PeopleLinksApp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = gc.get_threshold()
    collected: list[int] = []
    monkeypatch.setattr("peoplelinks.tui.screens.strategy_actions.collect_now",
                        lambda: collected.append(1))
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert gc.get_threshold() == (before[0], before[1], FULL_AFTER)
        await pilot.press("l", *"coffee", "ctrl+s")  # a change...
        await pilot.pause()
        assert main_screen(demo_app) is demo_app.screen
        collected.clear()
        await asyncio.sleep(PREPARE_DELAY + 0.3)  # ...then a pause
        await pilot.pause()
        assert collected == [1]
    assert gc.get_threshold() == before
