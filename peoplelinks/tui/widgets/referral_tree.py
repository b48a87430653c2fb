"""The referral graph as a tree rooted at "You", built lazily.

Only expanded nodes have children, and the first generation (possibly
thousands of people) is added a page at a time, so opening the pane costs the
same at 30 or 30,000 contacts. Labels are Rich ``Text`` built from plain
strings: names never go through markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from peoplelinks.domain import graph
from peoplelinks.domain.enums import Status
from peoplelinks.domain.models import Contact
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.cells import safe_strip

PAGE = 200
MORE = -1  # data of the "more…" node


class ReferralTree(Tree[int]):
    """Who introduced whom. Node data is the contact id (0 for "You")."""

    def __init__(self, service: PeopleLinks, *, id: str | None = None) -> None:
        super().__init__("You", data=0, id=id)
        self._service = service
        self._loaded: set[int] = set()
        self._roots: list[Contact] = []
        self.show_root = True
        self.guide_depth = 3

    def process_label(self, label: str | Text) -> Text:  # type: ignore[override]
        """Plain strings are literal here (Tree would parse them as markup)."""
        text = Text(label) if isinstance(label, str) else label
        return text.split()[0] if text.plain else text

    def render_line(self, y: int) -> Strip:
        # Mended: a label cut at the pane's edge may split a joined emoji (see tui.cells).
        return safe_strip(super().render_line(y))

    # ---- building ---------------------------------------------------------------

    def label_for(self, contact: Contact) -> Text:
        """Name, company and generation; leads italic and marked."""
        gen = self._service.generation(contact.id)
        lead = contact.status == Status.LEAD
        return Text.assemble(
            ("◦ " if lead else "", "italic"),
            (contact.name, "italic" if lead else "bold"),
            (f" · {contact.company}" if contact.company else "", "dim"),
            (f"  g{gen}", "dim"),
        )

    def load(self) -> None:
        """(Re)build the first level; deeper levels load when expanded."""
        contacts = self._service.db.contacts
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
        node = event.node
        if node.data == MORE and node.parent is not None:
            parent = node.parent
            shown = len(parent.children) - 1
            node.remove()
            db = self._service.db
            people = self._roots if parent is self.root else sorted(
                (db.contacts[i] for i in db.introduced(parent.data or 0)),
                key=lambda c: c.name.casefold())
            self._add_page(parent, [c for c in people if not c.in_trash], shown)

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
