"""Reading the terminal: a bracketed paste arrives whole, in order.

Textual's input parser ends a bracketed paste at the first escape character
inside it: ``Alpha ESC]0;x BEL Beta`` came out as the keys ``^]0;x Beta``
(the escape turned into a literal ``^``) followed by a paste of ``Alpha ``, so
the field showed ``^]0;xBetaAlpha``. Here a paste is everything between the
terminal's start and end markers, whatever it holds; the app then cleans it as
it cleans typed text (:func:`peoplelinks.domain.text.clean_text`) before the
field sees it.

The parser is swapped in by :class:`PasteSafeDriver`, the app's driver where
Textual would use its Linux (and macOS) driver. Everything outside a paste
still goes through Textual's own parser.
"""

from __future__ import annotations

from collections.abc import Iterable
from time import monotonic

from textual import constants, events
from textual._parser import ParseTimeout
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.drivers import linux_driver
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message


def _partial_end(data: str, marker: str) -> int:
    """How many characters at the end of ``data`` may begin ``marker``."""
    for size in range(min(len(marker) - 1, len(data)), 0, -1):
        if marker.startswith(data[-size:]):
            return size
    return 0


class PasteSafeParser(XTermParser):
    """Textual's parser, except that a bracketed paste is read to its end marker."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._paste: list[str] | None = None  # what a paste under way holds so far
        self._held = ""  # the start of a marker, cut at the end of a read
        self._held_at = 0.0

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # end of input
            if self._held:
                yield from super().feed(self._held)
                self._held = ""
            yield from super().feed(data)
            return
        data, self._held = self._held + data, ""
        while data:
            if self._paste is None:
                start = data.find(BRACKETED_PASTE_START)
                if start < 0:
                    # A read that ends in what may start a paste waits for the rest.
                    keep = _partial_end(data, BRACKETED_PASTE_START)
                    if len(data) > keep:  # (feeding "" would mean the end of input)
                        yield from super().feed(data[: len(data) - keep])
                    self._hold(data[len(data) - keep:])
                    return
                if start:
                    yield from super().feed(data[:start])
                yield from self._flush_pending()
                self._paste = []
                data = data[start + len(BRACKETED_PASTE_START):]
                continue
            end = data.find(BRACKETED_PASTE_END)
            if end < 0:
                keep = _partial_end(data, BRACKETED_PASTE_END)
                self._paste.append(data[: len(data) - keep])
                self._hold(data[len(data) - keep:])
                return
            self._paste.append(data[:end])
            text = "".join(self._paste).replace("\x00", "")
            self._paste = None
            self.debug_log(f"PASTE {text!r}")
            yield events.Paste(text)
            data = data[end + len(BRACKETED_PASTE_END):]

    def _hold(self, part: str) -> None:
        self._held = part
        self._held_at = monotonic()

    def tick(self) -> Iterable[Message]:
        # What might have started a paste was not followed by the rest: it was keys
        # (a lone escape: the escape key), due now as Textual's own timeout would be.
        if self._held and self._paste is None and \
                monotonic() - self._held_at >= constants.ESCAPE_DELAY:
            held, self._held = self._held, ""
            yield from super().feed(held)
            yield from self._flush_pending()
        yield from super().tick()

    def _flush_pending(self) -> Iterable[Message]:
        """Finish what Textual's parser is waiting on (a lone escape), as its timeout
        would, so that it comes before the paste."""
        if self._timeout_time is not None:
            self._timeout_time = None
            self._awaiting = self._gen.throw(ParseTimeout())
            while self._tokens:
                yield self._tokens.popleft()


class PasteSafeDriver(LinuxDriver):
    """Textual's Linux/macOS driver reading input with :class:`PasteSafeParser`."""

    def run_input_thread(self) -> None:
        # The driver builds its parser from this module-level name when the thread starts.
        linux_driver.XTermParser = PasteSafeParser  # type: ignore[attr-defined]
        super().run_input_thread()
