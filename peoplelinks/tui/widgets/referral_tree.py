"""The referral graph as a tree rooted at "You", built lazily.

Only expanded nodes have children, and the first generation (possibly
thousands of people) is added a page at a time, so opening the pane costs the
same at 30 or 30,000 contacts. Labels are Rich ``Text`` built from plain
strings: names never go through markup. A label is drawn to the width the pane
has (a company shortened at a word, with "…"), so the tree never scrolls
sideways: ``→`` and ``←`` expand and collapse.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets._tree import TOGGLE_STYLE
from textual.widgets.tree import TreeNode

from peoplelinks.domain import graph
from peoplelinks.domain.companies import is_target, target_keys
from peoplelinks.domain.enums import Status
from peoplelinks.domain.models import Contact
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.cells import fit, fit_words, safe_strip
from peoplelinks.tui.commands import GRAPH_PANE, bindings, move_bindings
from peoplelinks.tui.widgets.contact_list import TARGET_MARK

PAGE = 200
MORE = -1  # data of the "more…" node


class ReferralTree(Tree[int]):
    """Who introduced whom. Node data is the contact id (0 for "You").

    ``→`` expands (expanded: goes to the first child), ``←`` collapses (collapsed:
    goes to the parent), ``enter`` opens the contact's card, ``space`` toggles."""

    PANE = GRAPH_PANE
    BINDINGS = [*move_bindings(), *bindings(pane=GRAPH_PANE)]
    DEFAULT_CSS = "ReferralTree { overflow-x: hidden; }"

    class Open(Message):
        """The user wants this contact's card."""

        def __init__(self, contact_id: int) -> None:
            super().__init__()
            self.contact_id = contact_id

    def __init__(self, service: PeopleLinks, *, id: str | None = None) -> None:
        super().__init__("You", data=0, id=id)
        self._service = service
        self._loaded: set[int] = set()
        self._roots: list[Contact] = []
        self._targets: frozenset[str] = frozenset()  # target companies' keys, at load
        self.show_root = True
        self.guide_depth = 3

    def process_label(self, label: str | Text) -> Text:
        """Plain strings are literal here (Tree would parse them as markup)."""
        text = Text(label) if isinstance(label, str) else label
        return text.split()[0] if text.plain else text

    def render_line(self, y: int) -> Strip:
        # Mended: a label cut at the pane's edge may split a joined emoji (see tui.cells).
        return safe_strip(super().render_line(y))

    # ---- building ---------------------------------------------------------------

    def label_for(self, contact: Contact, room: int | None = None) -> Text:
        """Name, company and generation; leads italic and marked. Within ``room``
        cells if given: the company shortened at a word (or left out), then the name
        cut with "…"; the generation always shows."""
        gen = f"  g{self._service.generation(contact.id)}"
        lead = contact.status == Status.LEAD
        mark, name, company = "◦ " if lead else "", contact.name, contact.company
        # A target company is marked as in the contact list: " · ◎Company".
        target = TARGET_MARK if company and is_target(company, self._targets) else ""
        if room is not None:
            left = room - cell_len(mark + name + gen)
            if company and cell_len(company) + 3 + len(target) > left:
                company = fit_words(company, left - 3 - len(target), cut=False)
            if left < 0:
                name = fit(name, max(room - cell_len(mark + gen), 1), ellipsis=True, pad=False)
        return Text.assemble(
            (mark, "italic"),
            (name, "italic" if lead else "bold"),
            (" · " if company else "", "dim"),
            (target if company else "", "bold green"),
            (company, "dim"),
            (gen, "dim"),
        )

    def render_label(self, node: TreeNode[int], base_style: Style, style: Style) -> Text:
        """The label fitted to what the pane has left right of the guides."""
        prefix = ("", base_style)
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            prefix = (icon, base_style + TOGGLE_STYLE)
        label = node.label if isinstance(node.label, Text) else Text(str(node.label))
        width = self.scrollable_content_region.width
        if width > 0:
            room = width - self._depth(node) * self.guide_depth - cell_len(prefix[0])
            if label.cell_len > room:
                cid = node.data
                contact = self._service.db.contacts.get(cid) if cid and cid > 0 else None
                label = (self.label_for(contact, max(room, 1)) if contact is not None
                         else Text(fit_words(label.plain, max(room, 1)), label.style))
        label = label.copy()
        label.stylize(style)
        return Text.assemble(prefix, label)

    @staticmethod
    def _depth(node: TreeNode[int]) -> int:
        depth = 0
        while node.parent is not None:
            node = node.parent
            depth += 1
        return depth

    def load(self) -> None:
        """(Re)build the first level; deeper levels load when expanded."""
        contacts = self._service.db.contacts
        self._targets = target_keys(self._service.db.objective.target_companies)
        self._roots = [c for c in self._service.contacts()
                       if c.introduced_by is None or c.introduced_by not in contacts]
        self.clear()
        self._loaded = {0}
        self.root.set_label(Text(f"You · {len(self._roots)} known directly"))
        self._add_page(self.root, self._roots, 0)
        self.root.expand()

    def _add(self, parent: TreeNode[int], contact: Contact) -> TreeNode[int]:
        children = [i for i in self._service.db.introduced(contact.id)
                    if not self._service.db.contacts[i].in_trash]
        return parent.add(self.label_for(contact), data=contact.id, allow_expand=bool(children))

    def _add_page(self, parent: TreeNode[int], people: list[Contact], start: int) -> None:
        for contact in people[start:start + PAGE]:
            self._add(parent, contact)
        rest = len(people) - start - PAGE
        if rest > 0:
            parent.add_leaf(Text(f"… {rest} more (enter)", "dim italic"), data=MORE)

    def _load_children(self, node: TreeNode[int]) -> None:
        cid = node.data
        if cid is None or cid in self._loaded or cid <= 0:
            return
        self._loaded.add(cid)
        people = [self._service.db.contacts[i] for i in self._service.db.introduced(cid)]
        people = [c for c in people if not c.in_trash]
        people.sort(key=lambda c: c.name.casefold())
        self._add_page(node, people, 0)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[int]) -> None:
        self._load_children(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[int]) -> None:
        self._more(event.node)

    def _more(self, node: TreeNode[int]) -> None:
        """``node`` is a "… more" line: replace it with the next page."""
        if node.data == MORE and node.parent is not None:
            parent = node.parent
            shown = len(parent.children) - 1
            node.remove()
            db = self._service.db
            people = self._roots if parent is self.root else sorted(
                (db.contacts[i] for i in db.introduced(parent.data or 0)),
                key=lambda c: c.name.casefold())
            self._add_page(parent, [c for c in people if not c.in_trash], shown)

    # ---- keys ---------------------------------------------------------------------

    def action_expand_node(self) -> None:
        """Expand the highlighted person; already expanded: go to the first child."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            node.expand()
        elif node.is_expanded and node.children:
            self.move_cursor(node.children[0], animate=False)

    def action_collapse_node(self) -> None:
        """Collapse the highlighted person; already collapsed: go to the parent."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent, animate=False)

    def action_open_node(self) -> None:
        """Open the highlighted person's card (on "… more": the next page)."""
        node = self.cursor_node
        if node is None:
            return
        if node.data == MORE:
            self._more(node)
        elif node.data:
            self.post_message(self.Open(node.data))
        else:
            node.toggle()  # "You"

    def action_first(self) -> None:
        self.move_cursor_to_line(0)

    def action_last(self) -> None:
        self.move_cursor_to_line(self.last_line)

    # ---- revealing a contact ----------------------------------------------------

    def reveal(self, contact_id: int) -> bool:
        """Expand the path to ``contact_id``, select it and scroll to it."""
        db = self._service.db
        if contact_id not in db.contacts:
            return False
        path = list(reversed(graph.chain(db.parents, contact_id)))
        node: TreeNode[int] = self.root
        for cid in path:
            if node is not self.root:
                self._load_children(node)
                node.expand()
            found = next((child for child in node.children if child.data == cid), None)
            if found is None:
                found = self._add(node, db.contacts[cid])
            node = found
        # Line numbers exist once the tree has laid out the newly expanded nodes.
        target = node
        self.call_after_refresh(lambda: self.move_cursor(target, animate=False))
        return True

