"""Keys that arrive in one burst act exactly as if typed slowly.

Why this exists: Textual's ``App.on_event`` hands each key to the widget that
has the focus *when the key arrives*, with ``post_message`` (every widget has a
queue of its own), while priority bindings (``ctrl+s`` in a form, the command
keys) run at once in the app's own task. Typed slowly this is invisible. Sent
together (a paste then ``ctrl+s``, ``tmux send-keys``, a script, a fast
typist on a slow machine) it is not: ``ctrl+s`` saved before the field had
taken the characters queued before it (a log saved with empty notes), the
keys typed after ``l`` went to a screen still being built, and the keys after
a ``tab`` went to the old field, because ``tab`` moves the focus only when it
has bubbled back up to the app.

The gate puts one key (or paste) through at a time. A key that arrives while
an earlier one is still being handled is held, in order. An earlier key is
handled once it has been forwarded to its target (or its priority binding has
run) and has then passed every queue it could bubble through: the gate posts a
barrier (``call_later``) to the target, which runs after the key was handled
there and, posted twice, after what handling it posted to the target itself
(an ``Input.Submitted``, say) has moved on; the barrier then posts itself to
the parent, and so on up to the app. When the app's barrier runs, the key is
done; if the screen or the focus changed meanwhile (a form opened or closed,
``tab``), the gate settles once more from the new focus, so that a new screen
is mounted and its first field focused before the next key goes anywhere.

Then it makes one more pass from wherever the next key would go: a binding that
is not a priority one runs when the key has bubbled up to the app, and its
action may post a message back down (``enter`` on the contact list posts
``Selected`` to the list, whose handler on the screen moves the focus to the
card); the second pass lets that message go round before the next key (an
``enter enter g`` burst opened the card after ``g`` had shown the graph, and
the graph was lost).

A chain that cannot complete (its widget was removed, a pump closed) skips to
the next ancestor; and a timeout opens the gate anyway, so the app can never
stop answering keys. A key typed on its own finds the gate open and costs
about a dozen queue hops (well under a millisecond).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from time import monotonic
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

GatedEvent = events.Key | events.Paste
# Release the gate when a chain has not moved for this long (a lost barrier).
TIMEOUT = 0.5
# How many times the gate settles again after the focus or screen changed.
MAX_SETTLES = 6
# Passes from the focus up to the app with nothing changing before a key is done.
PASSES = 2


class KeyGate:
    """One key at a time through ``handle`` (the app's own handling of input)."""

    def __init__(self, app: App[Any], handle: Callable[[GatedEvent], Awaitable[None]],
                 *, timeout: float = TIMEOUT) -> None:
        self._app = app
        self._handle = handle
        self._timeout = timeout
        self._held: deque[GatedEvent] = deque()
        self._busy = False
        self._chain = 0  # the current chain's number: stale barriers and timers see a newer one
        self._moved = 0.0  # when the current chain last moved
        self._timer: asyncio.TimerHandle | None = None
        self._passes = 0  # passes still to make for the current key

    @property
    def busy(self) -> bool:
        """True while a key is being handled (the next ones wait)."""
        return self._busy

    async def arrive(self, event: GatedEvent) -> None:
        """A key or paste from the terminal: handle it now, or after those before it."""
        if self._busy:
            self._held.append(event)
            return
        await self._run(event)

    async def _run(self, event: GatedEvent) -> None:
        self._busy = True
        self._passes = PASSES
        self._chain += 1
        self._moved = monotonic()
        self._arm_timer()
        target = self._app.focused or self._app.screen
        try:
            await self._handle(event)
        except Exception:
            self._release()
            raise
        # Forwarded: it went to the target of the moment. Otherwise a binding ran
        # (or nothing did): follow whatever it may have moved.
        self._settle(target if event.is_forwarded else self._here(), MAX_SETTLES)

    # ---- barriers ---------------------------------------------------------------

    def _here(self) -> MessagePump:
        """Where the next key would go now."""
        app = self._app
        try:
            return app.focused or app.screen
        except Exception:  # no screen (the app is closing)
            return app

    def _settle(self, start: MessagePump, settles: int) -> None:
        """Send a barrier from ``start`` up to the app; then release (or settle again)."""
        chain = self._chain
        seen = self._state()
        self._barrier(start, chain, seen, settles, first=True)

    def _state(self) -> tuple[object, object]:
        try:
            return self._app.screen, self._app.focused
        except Exception:
            return None, None

    def _barrier(self, node: MessagePump, chain: int, seen: tuple[object, object],
                 settles: int, *, first: bool) -> None:
        """Queue a barrier at ``node`` (or its nearest ancestor that takes it)."""
        app = self._app
        current: MessagePump | None = node
        while current is not None:
            if current is app:
                if app.call_later(self._at_app, chain, seen, settles):
                    return
                break
            if current.call_later(self._passed, current, chain, seen, settles, first):
                return
            current = current._parent  # a closed pump: skip it
        self._release()  # the app itself takes nothing more: it is closing

    def _passed(self, node: MessagePump, chain: int, seen: tuple[object, object],
                settles: int, first: bool) -> None:
        """The barrier ran at ``node``: the key was handled there; go on up."""
        if chain != self._chain:
            return
        self._moved = monotonic()
        if first:  # once more behind what handling the key posted to this node
            self._barrier(node, chain, seen, settles, first=False)
            return
        parent = node._parent
        self._barrier(parent if parent is not None else self._app, chain, seen, settles,
                      first=True)

    async def _at_app(self, chain: int, seen: tuple[object, object], settles: int) -> None:
        """The barrier reached the app: the key is handled everywhere."""
        if chain != self._chain:
            return
        if settles > 0 and self._state() != seen:
            # A form opened or closed, or the focus moved: wait for the new place.
            self._moved = monotonic()
            self._settle(self._here(), settles - 1)
            return
        self._passes -= 1
        if self._passes > 0:  # once more: what the key's action posted back down
            self._moved = monotonic()
            self._settle(self._here(), settles)
            return
        await self._next()

    # ---- releasing --------------------------------------------------------------

    async def _next(self) -> None:
        """Open the gate, and put the next held key through."""
        self._release()
        if self._held:
            await self._run(self._held.popleft())

    def _release(self) -> None:
        self._busy = False
        self._chain += 1
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _arm_timer(self, delay: float | None = None) -> None:
        if self._timer is not None:
            self._timer.cancel()
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(self._timeout if delay is None else delay,
                                      self._check_stuck, self._chain)

    def _check_stuck(self, chain: int) -> None:
        """Runs from the event loop: release a chain that has not moved for the timeout."""
        self._timer = None
        if chain != self._chain or not self._busy:
            return
        idle = monotonic() - self._moved
        if idle < self._timeout:
            self._arm_timer(self._timeout - idle)
            return
        if not self._app.call_later(self._expired, chain):
            self._release()
            self._held.clear()

    async def _expired(self, chain: int) -> None:
        if chain == self._chain:
            await self._next()
