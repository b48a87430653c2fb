"""Every command of the TUI, defined once.

The bindings, the footer, the command palette, the help screen and the
README's key table are all generated from :data:`COMMANDS` and :data:`MOVES`,
so they can never disagree about a key.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

# How keys read in help, the palette and the README (the footer asks Textual).
KEY_NAMES = {"slash": "/", "question_mark": "?", "delete": "del", "pagedown": "pgdn",
             "pageup": "pgup", "down": "↓", "up": "↑", "right": "→", "left": "←",
             "escape": "esc"}


def key_name(key: str) -> str:
    """One key as the user reads it: ``ctrl+z`` is ``^z``, ``slash`` is ``/``."""
    return key.replace("ctrl+", "^") if key.startswith("ctrl+") else KEY_NAMES.get(key, key)


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
    pane: str = ""  # "" everywhere; else the pane where the key works ("graph", ...)
    # Checked when the key arrives, before it is queued for the focused widget, so
    # that what is typed right after it goes where it moved the focus (a form's
    # field, a pane); the screen turns the keys off while a text field is focused.
    priority: bool = True
    more: str = ""  # more words for the README's key table (Markdown)
    # The footer drops keys when they do not fit, the lowest rank first; 9: never.
    rank: int = 5

    @property
    def keys_shown(self) -> str:
        """The key as the footer shows it (the first of its keys)."""
        if self.key_display:
            return self.key_display
        return key_name(self.key.split(",")[0])

    @property
    def keys_all(self) -> str:
        """Every key of the command, as help and the README list them: ``del / D``."""
        return " / ".join(key_name(key) for key in self.key.split(","))

    def binding(self, namespace: str = "") -> Binding:
        """The Textual binding of this command (its id lets users remap the key);
        ``namespace`` (e.g. "screen") says where a widget's binding runs the action."""
        action = f"{namespace}.{self.action}" if namespace else self.action
        return Binding(self.key, action, self.title, show=self.show,
                       key_display=self.key_display, id=self.id, priority=self.priority)


FOLLOWUPS_PANE = "follow-ups"
GRAPH_PANE = "graph"
CARD_PANE = "card"

COMMANDS: tuple[Command, ...] = (
    Command("search", "slash", "Search", "Search contacts as you type (name, company, title, "
            "tags, notes; typos forgiven); enter goes back to the list, escape clears",
            "search", key_display="/", rank=4),
    Command("add", "a", "Add", "Add a contact", "add_contact", rank=3,
            more="(a form: `ctrl+s` saves, `escape` cancels and asks first if you typed)"),
    Command("edit", "e", "Edit", "Edit the highlighted contact", "edit_contact", rank=3,
            more="(the same form)"),
    Command("log", "l", "Log", "Log a conversation with the highlighted contact (referrals "
            "become leads, the next step a follow-up)", "quick_log", rank=6,
            more=": kind, date (natural language, shown as parsed), notes, what you gave and "
            "got, referrals (one per line, `Name @ Company - note`, each becomes a lead "
            "introduced by the contact), asked-for-referrals, next step and due date "
            "(face-to-face kinds propose \"Send a thank-you note\" tomorrow). \"With\" takes "
            "several names, comma separated, with a dropdown of matching contacts as you type "
            "(`tab` or `enter` takes one; the same dropdown helps in the follow-up form and in "
            "\"Introduced by\"); a new name adds the contact after asking"),
    Command("history", "h", "History", "The highlighted contact's talks and follow-ups, "
            "to edit or delete a talk or reopen a done follow-up", "history", show=False,
            more=": `enter` edits a talk, `D` deletes it (the follow-ups it made go with it; "
            "you choose whether the leads it made stay), `x` marks a follow-up done, `r` "
            "reopens it"),
    Command("followup", "f", "Follow-up", "Add a follow-up for the highlighted contact",
            "new_followup", show=False,
            more="(`enter` or `ctrl+s` saves; due \"in 1 week\" unless you change it)"),
    Command("delete", "delete,D", "Delete", "Move the highlighted contact to the trash "
            "(asks first; restore with undelete)", "delete_contact", show=False,
            key_display="del"),
    Command("graph", "g", "Graph", "Show the referral graph, rooted at you, with the "
            "highlighted contact revealed, and focus it (again: back to the card)", "graph",
            rank=4),
    Command("objective", "o", "Goals", "Objective & goals: the objective, this week's goals, "
            "the last 8 weeks and the streak, the shape of the network, the top referrers",
            "objective", rank=1,
            more="(`j`/`k` and the page keys scroll, `e` edits the objective, `ctrl+z` "
            "undoes, `escape` closes)"),
    Command("edit_objective", "O", "Edit the objective", "Edit the objective (role, level, "
            "industries, target companies, locations, pitch) and the weekly goals",
            "edit_objective", show=False,
            more="(a form: lists take one entry a line; `ctrl+s` saves both as one change)"),
    Command("coverage", "c", "Companies", "Target companies: whom you know at each (warmest "
            "first), open leads, and the warmest way in where nobody is yet; companies with "
            "nobody first", "coverage", show=False,
            more="(`enter` opens a person, `w` the warm paths into a company)"),
    Command("warm_paths", "w", "Warm paths", "Warm paths into the highlighted contact's "
            "company: who can introduce you to whom, shortest then warmest first, never "
            "through people marked not-helpful or do-not-contact", "warm_paths", show=False,
            more="(`enter` opens a person, `p` plans a meeting with the first one to ask)"),
    Command("brief", "b", "Brief", "A one-page brief on the highlighted contact, to read "
            "before meeting them: the plan, how you are connected, the last talks, give and "
            "ask, open follow-ups", "brief", show=False),
    Command("followups", "u", "Due", "Show and focus the follow-ups pane: overdue, today, "
            "this week, later, keep in touch", "followups", key_display="u", rank=2),
    Command("today", "t", "Today", "Today: what to do now, ranked — meetings planned, "
            "follow-ups due, keep in touch, this week's goals, target companies with nobody, "
            "leads, who to ask for referrals — each with why", "today", rank=2,
            more="(`enter` does what the line offers; `l` log, `p` plan, `x` done, `s` snooze, "
            "`o` open the contact)"),
    Command("plan", "p", "Plan", "Plan a meeting with the highlighted contact: when and "
            "where, why, agenda, how you can help them, what to learn, whom to ask to meet",
            "plan_meeting", show=False),
    Command("import", "I", "Import", "Import people from a file: LinkedIn connections "
            "(Connections.csv), vCards (a file or a folder), Google Contacts, any CSV "
            "(columns mapped by name) or a peoplelinks export; a preview of what would be added, "
            "updated and skipped first, then one change that `ctrl+z` takes back",
            "import_file", show=False),
    Command("export", "X", "Export", "Export to a file: everything as JSON (to restore or "
            "move), the contacts as vCards (one file, or a vdir for khard and vdirsyncer) "
            "or CSV, follow-ups and plans as a calendar (.ics), the network as Markdown",
            "export_file", show=False),
    Command("duplicates", "M", "Duplicates", "Likely duplicates (the same email, phone or "
            "profile, or names alike at one company), the highlighted contact's first; `m` "
            "merges one into the other, keeping everything of both", "duplicates", show=False),
    Command("sort", "S", "Sort", "Sort contacts by name, last contact, next due or company",
            "cycle_sort", show=False),
    Command("filter", "F", "Filter", "Filter contacts by circle, status, employment, tag, "
            "company or generation (shown in the pane title; escape clears)", "filter",
            show=False),
    Command("done", "x", "Done", "Mark the highlighted follow-up done", "done_followup",
            pane=FOLLOWUPS_PANE, rank=8),
    Command("snooze", "s", "Snooze", "Move the highlighted follow-up to a date you type "
            "(tomorrow, next tue, in 2 weeks)", "snooze_followup", pane=FOLLOWUPS_PANE,
            rank=8),
    Command("edit_followup", "e", "Edit", "Change the highlighted follow-up's action or "
            "due date (on a keep-in-touch reminder: edit the contact)", "edit_followup",
            pane=FOLLOWUPS_PANE, rank=8),
    Command("card_history", "enter", "History", "The contact's talks and follow-ups, as "
            "`h` opens them", "history", pane=CARD_PANE, priority=False, rank=7),
    # The graph's own keys run on the tree itself (no namespace), after the screen's.
    Command("expand", "right", "Expand", "Show who the highlighted person introduced "
            "(expanded: go to the first of them)", "expand_node", pane=GRAPH_PANE,
            priority=False, rank=8),
    Command("collapse", "left", "Collapse", "Hide who they introduced (collapsed: go up to "
            "who introduced them)", "collapse_node", pane=GRAPH_PANE, priority=False,
            rank=8),
    Command("open", "enter", "Open", "Open the highlighted person's card", "open_node",
            pane=GRAPH_PANE, priority=False, rank=7, more="(`space` expands or collapses too)"),
    Command("undo", "ctrl+z", "Undo", "Undo the last change (any change: an add, an edit, "
            "a log, a follow-up done or snoozed, a delete) and say what was undone; again: "
            "the one before", "undo", rank=5),
    Command("redo", "ctrl+y", "Redo", "Redo the last undone change", "redo", show=False),
    Command("theme", "T", "Theme", "Pick a theme from a list (the current one marked, the "
            "default first); it is remembered", "pick_theme", show=False),
    Command("help", "question_mark", "Help", "Show every key", "help", key_display="?",
            rank=9),
    # Not priority: the app, not the screen, would decide whether q may quit.
    Command("quit", "q", "Quit", "Quit peoplelinks", "app.quit", priority=False, rank=9),
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


def bindings(pane: str = "", namespace: str = "") -> list[BindingType]:
    """Bindings of the commands that work everywhere (``pane`` "") or in one pane.

    A pane's keys are bound on its widget, so the footer shows them while it
    has the focus and they may reuse a key that means something else elsewhere
    (``e`` edits the contact, or in the follow-ups pane the follow-up)."""
    return [command.binding(namespace) for command in COMMANDS if command.pane == pane]


# ---- moving: the same keys in every list ------------------------------------------

@dataclass(frozen=True)
class Move:
    """A key that moves the highlight, the same in every list-like pane and modal."""

    id: str
    key: str
    action: str  # in a list (the highlight moves)
    scroll: str  # in a text that only scrolls (the card, help)
    help: str


MOVES: tuple[Move, ...] = (
    Move("down", "j,down", "cursor_down", "scroll_down", "next line"),
    Move("up", "k,up", "cursor_up", "scroll_up", "previous line"),
    Move("page_down", "pagedown", "page_down", "page_down", "a page down"),
    Move("page_up", "pageup", "page_up", "page_up", "a page up"),
    Move("first", "home", "first", "scroll_home", "first line"),
    Move("last", "end", "last", "scroll_end", "last line"),
)
MOVES_WHERE = "in every list: contacts, follow-ups, graph, card, help, theme picker"


def move_bindings(*, scroll: bool = False) -> list[BindingType]:
    """The moving keys of :data:`MOVES` for a list (its ``cursor_down``, ``cursor_up``,
    ``page_down``, ``page_up``, ``first``, ``last`` actions) or, ``scroll``, for a
    text that only scrolls."""
    return [Binding(move.key, move.scroll if scroll else move.action, move.help.capitalize(),
                    show=False, id=f"move.{move.id}") for move in MOVES]


# Keys handled by the widgets themselves, listed for the help screen.
NAVIGATION: tuple[tuple[str, str], ...] = (
    *((" / ".join(key_name(key) for key in move.key.split(",")), move.help)
      for move in MOVES),
    ("enter", "open the contact (in the follow-ups pane: go to its contact; in the graph: "
              "its card)"),
    ("tab", "next pane (shift+tab: previous)"),
    ("esc", "leave the search, then clear the filters"),
    ("^p", "command palette: every command, and jump to any contact by name"),
)
FORM_KEYS: tuple[tuple[str, str], ...] = (
    ("^s", "save"),
    ("esc", "cancel (asks first when something was typed)"),
    ("tab", "next field"),
)


# ---- the README's key table ----------------------------------------------------------

README_START = "<!-- keys: generated from peoplelinks/tui/commands.py by scripts/readme_keys.py -->"
README_END = "<!-- /keys -->"


def readme_table() -> str:
    """The README's key table (Markdown), between its two marker lines."""
    def keys(text: str) -> str:
        return ", ".join(" / ".join(f"`{_spelled(key)}`" for key in group.split(" / "))
                         for group in text.split(", "))

    rows = ["| key | what it does |", "|---|---|"]
    moves = NAVIGATION[:len(MOVES)]
    rows.append(f"| {', '.join(keys(key) for key, _text in moves)} | move: "
                f"{', '.join(text for _key, text in moves)} ({MOVES_WHERE}) |")
    for command in COMMANDS:
        more = command.more if command.more.startswith(":") else f" {command.more}"
        text = command.help + more.rstrip()
        if command.pane:  # "follow-ups pane: mark the highlighted follow-up done"
            text = f"{command.pane} pane: {text[0].lower()}{text[1:]}"
        rows.append(f"| {keys(command.keys_all)} | {text} |")
    for key, text in NAVIGATION[len(MOVES):]:
        rows.append(f"| {keys(key)} | {text} |")
    return "\n".join([README_START, *rows, README_END])


def _spelled(key: str) -> str:
    """A key as the README spells it: ``ctrl+z`` rather than ``^z``."""
    return f"ctrl+{key[1:]}" if key.startswith("^") and len(key) == 2 else key
