"""Every command of the TUI, defined once.

The bindings, the footer, the command palette and the help screen are all
generated from :data:`COMMANDS`, so they can never disagree about a key.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Command:
    """One thing the user can do, with its key and its words."""

    id: str
    key: str
    title: str
    help: str
    action: str
    show: bool = True
    key_display: str | None = None
    pane: str = ""  # "" everywhere; else the pane where the key works ("contacts", ...)
    # Checked when the key arrives, before it is queued for the focused widget, so
    # that what is typed right after it goes where it moved the focus (a form's
    # field, a pane); the screen turns the keys off while a text field is focused.
    priority: bool = True

    @property
    def keys_shown(self) -> str:
        """The key as the user reads it."""
        if self.key_display:
            return self.key_display
        return self.key.split(",")[0].replace("ctrl+", "^")

    def binding(self, namespace: str = "") -> Binding:
        """The Textual binding of this command (its id lets users remap the key);
        ``namespace`` (e.g. "screen") says where a widget's binding runs the action."""
        action = f"{namespace}.{self.action}" if namespace else self.action
        return Binding(self.key, action, self.title, show=self.show,
                       key_display=self.key_display, id=self.id, priority=self.priority)


COMMANDS: tuple[Command, ...] = (
    Command("search", "slash", "Search", "Search contacts as you type (name, company, title, "
            "tags, notes); escape clears", "search", key_display="/"),
    Command("add", "a", "Add", "Add a contact", "add_contact"),
    Command("edit", "e", "Edit", "Edit the highlighted contact", "edit_contact"),
    Command("log", "l", "Log", "Log a conversation with the highlighted contact (referrals "
            "become leads, the next step a follow-up)", "quick_log"),
    Command("history", "h", "History", "The highlighted contact's talks and follow-ups: "
            "edit or delete a talk, reopen a done follow-up", "history", show=False),
    Command("followup", "f", "Follow-up", "Add a follow-up for the highlighted contact",
            "new_followup", show=False),
    Command("delete", "delete,D", "Delete", "Move the highlighted contact to the trash "
            "(asks first; restore with undelete)", "delete_contact", show=False,
            key_display="del"),
    Command("graph", "g", "Graph", "Show the referral graph and focus it", "graph"),
    Command("followups", "u", "Due", "Show and focus the follow-ups pane", "followups",
            key_display="u"),
    Command("sort", "S", "Sort", "Sort contacts by name, last contact, next due or company",
            "cycle_sort", show=False),
    Command("filter", "F", "Filter", "Filter contacts by circle, status, employment, tag, "
            "company or generation", "filter", show=False),
    Command("done", "x", "Done", "Mark the highlighted follow-up done", "done_followup",
            pane="follow-ups"),
    Command("snooze", "s", "Snooze", "Move the highlighted follow-up to a new date",
            "snooze_followup", pane="follow-ups"),
    Command("edit_followup", "e", "Edit", "Change the highlighted follow-up's action or "
            "due date (on a keep-in-touch reminder: edit the contact)", "edit_followup",
            pane="follow-ups"),
    Command("undo", "ctrl+z", "Undo", "Undo the last change (again: the one before); says "
            "what it undid", "undo"),
    Command("redo", "ctrl+y", "Redo", "Redo the last undone change", "redo", show=False),
    Command("theme", "T", "Theme", "Switch to the next theme (remembered)", "next_theme",
            show=False),
    Command("help", "question_mark", "Help", "Show every key", "help", key_display="?"),
    # Not priority: the app, not the screen, would decide whether q may quit.
    Command("quit", "q", "Quit", "Quit peoplelinks", "app.quit", priority=False),
)

BY_ID = {command.id: command for command in COMMANDS}
ACTIONS = frozenset(command.action for command in COMMANDS)


def shadowed(pane: str) -> frozenset[str]:
    """Actions of the everywhere-commands whose key ``pane`` uses for its own command.

    Priority keys are looked up from the screen down, so the screen must stand
    aside for these while the pane has the focus."""
    keys = {command.key for command in COMMANDS if command.pane == pane}
    return frozenset(command.action for command in COMMANDS
                     if not command.pane and command.key in keys)

# Keys handled by the widgets themselves, listed for the help screen.
NAVIGATION: tuple[tuple[str, str], ...] = (
    ("j / ↓", "next contact (or line)"),
    ("k / ↑", "previous contact"),
    ("pgup/dn", "a page up or down"),
    ("home/end", "first or last contact"),
    ("enter", "open the contact (in the follow-ups pane: go to its contact)"),
    ("tab", "next pane (shift+tab: previous)"),
    ("escape", "leave the search, then clear the filters"),
    ("^p", "command palette: every command, and jump to any contact by name"),
)
FORM_KEYS: tuple[tuple[str, str], ...] = (
    ("^s", "save"),
    ("escape", "cancel (asks first when something was typed)"),
    ("tab", "next field"),
)


def bindings(pane: str = "", namespace: str = "") -> list[Binding]:
    """Bindings of the commands that work everywhere (``pane`` "") or in one pane.

    A pane's keys are bound on its widget, so the footer shows them while it
    has the focus and they may reuse a key that means something else elsewhere
    (``e`` edits the contact, or in the follow-ups pane the follow-up)."""
    return [command.binding(namespace) for command in COMMANDS if command.pane == pane]
