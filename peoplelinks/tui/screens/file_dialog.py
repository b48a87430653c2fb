"""What the import and export screens share: a file's path (``tab`` completes it, as
in a shell), what the file is, a progress bar, and a note saying what happened.

The work (reading, matching, writing) runs in a thread so the screen keeps
answering; ``escape`` closes unless a write is under way, which finishes first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Select, Static
from textual_autocomplete import DropdownItem, PathAutoComplete, TargetState

from peoplelinks.domain.text import printable
from peoplelinks.errors import PeopleLinksError

ResultT = TypeVar("ResultT")


class SafePathAutoComplete(PathAutoComplete):
    """Path completion that never lists a file whose name holds terminal control codes
    (a name like ``\x1b]0;title\x07.vcf`` would otherwise reach the terminal)."""

    def get_candidates(self, target_state: TargetState) -> list[DropdownItem]:
        return [item for item in super().get_candidates(target_state)
                if printable(item.value) == item.value]


class FileScreen(ModalScreen[ResultT]):
    """A modal with a path, a choice of kind, a progress bar and a note."""

    BINDINGS = [Binding("escape", "close", "Close", priority=True)]
    BOX_TITLE: ClassVar[str] = ""
    HINT: ClassVar[str] = ""
    PLACEHOLDER: ClassVar[str] = ""
    KIND_LABEL: ClassVar[str] = "It is"
    KINDS: ClassVar[list[tuple[str, str]]] = []
    BUSY: ClassVar[str] = "Working…"  # said when escape is pressed while it works

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="file-box") as box:
            box.border_title = self.BOX_TITLE
            box.border_subtitle = self.HINT
            with Horizontal(classes="field-row"):
                yield Label("File", classes="field-label")
                yield Input(id="path", compact=True, placeholder=self.PLACEHOLDER)
            with Horizontal(classes="field-row"):
                yield Label(self.KIND_LABEL, classes="field-label")
                yield Select(self.KINDS, id="kind", value=self.kind, allow_blank=False,
                             compact=True)
            yield from self.compose_more()
            yield ProgressBar(id="progress", show_eta=False)
            yield Static("", id="file-note", markup=False)
            # enter acts (tab completes): one enter, not one to pick and one to go.
            yield SafePathAutoComplete("#path", path=Path.home(), prevent_default_enter=False)

    def compose_more(self) -> ComposeResult:
        """Rows of a screen's own, under what the file is."""
        yield from ()

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#path", Input).focus()

    @property
    def path_input(self) -> Input:
        """The path as typed."""
        return self.query_one("#path", Input)

    def chosen_kind(self) -> str:
        """What the file is (the choice's value)."""
        return str(self.query_one("#kind", Select).value)

    def typed_path(self, missing: str) -> Path | None:
        """The path typed (``~`` expanded), or None after saying ``missing``."""
        text = self.path_input.value.strip()
        if not text:
            self.say(Content(missing))
            return None
        return Path(text).expanduser()

    def say(self, text: Content) -> None:
        """Show ``text`` under the fields."""
        self.query_one("#file-note", Static).update(text)

    def action_close(self) -> None:
        """Close an open list (the choices, the completions) first, then the screen."""
        choices = self.query_one("#kind", Select)
        completions = self.query_one(SafePathAutoComplete)
        if choices.expanded:
            choices.expanded = False
        elif completions.display:
            completions.action_hide()
        elif self._busy:  # a write under way finishes first: it is all or nothing
            self.say(Content(f"{self.BUSY} Please wait: it finishes first, all or nothing."))
        else:
            self.dismiss(None)

    def start(self, work: Callable[[], Any], doing: str, done: Callable[[Any], object]) -> None:
        """Run ``work`` in a thread with the bar moving and ``doing`` said; then call
        ``done`` with its result, or show its error."""
        if self._busy:
            return
        self._busy = True
        self.query_one(SafePathAutoComplete).action_hide()  # not over what is said
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.say(Content(doing))

        def run() -> None:
            try:
                result = work()
            except (PeopleLinksError, OSError) as exc:
                self.app.call_from_thread(self._ended, None, printable(str(exc)))
                return
            self.app.call_from_thread(self._ended, lambda: done(result), "")

        self.run_worker(run, thread=True, exclusive=True, name="file")

    def progress(self, done: int, total: int) -> None:
        """Move the bar (call from the UI thread)."""
        self.query_one(ProgressBar).update(total=total, progress=done)

    def _ended(self, then: Callable[[], object] | None, error: str) -> None:
        self._busy = False
        self.query_one(ProgressBar).display = False
        if then is None:
            self.say(Content.styled(error, "$text-error"))
        else:
            then()
