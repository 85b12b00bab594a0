"""The definitions editor's navigation: sections, standards and criteria, flagged when wrong."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QTreeWidget, QTreeWidgetItem

from selfassess.errors import Problem
from selfassess.framework import path_text
from selfassess.gui.definitions_editor_draft import (
    Draft,
    FieldPath,
    parse_path,
    show_number,
)

Node = tuple[str | int, ...]
_NODE_ROLE = Qt.ItemDataRole.UserRole
SECTIONS: dict[Node, str] = {
    ("framework",): "Framework",
    ("bands",): "Scale and bands",
    ("assurance",): "Assurance",
}


def node_of(draft: Draft, path: FieldPath) -> Node:
    """The navigation node whose page shows the field at `path`."""
    head = path[0] if path else ""
    if head in ("scale", "bands"):
        return ("bands",)
    if head == "assurance":
        return ("assurance",)
    standards = draft.data.get("standards", [])
    if head != "standards" or not standards:
        return ("framework",)
    index = path[1] if len(path) > 1 and isinstance(path[1], int) else 0
    if index >= len(standards):
        return ("standards", len(standards) - 1)
    criteria = standards[index].get("criteria", [])
    criterion = path[3] if len(path) > 3 and path[2] == "criteria" else None
    if isinstance(criterion, int) and criterion < len(criteria):
        return ("standards", index, "criteria", criterion)
    return ("standards", index)


class NavigationTree(QTreeWidget):
    """Framework, Scale and bands, Assurance, then each standard with its criteria."""

    nodeChosen = Signal(str)  # the field path of the node the user moved to

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.setAccessibleName("Sections and standards")
        self.setUniformRowHeights(True)
        self.items: dict[Node, QTreeWidgetItem] = {}
        self._counts: dict[Node, int] = {}
        self._flagged: set[Node] = set()
        self._quiet = False
        self.currentItemChanged.connect(self._moved)

    def rebuild(self, draft: Draft, problems: list[Problem]) -> None:
        """Make a node for every section, standard and criterion the draft now has."""
        self._quiet = True
        try:
            self.clear()
            self.items, self._flagged = {}, set()
            for node in SECTIONS:
                self._add(self, node)
            for s_index, standard in enumerate(draft.data.get("standards", [])):
                parent = self._add(self, ("standards", s_index))
                for c_index in range(len(standard.get("criteria", []))):
                    self._add(parent, ("standards", s_index, "criteria", c_index))
            self.update_marks(draft, problems)
        finally:
            self._quiet = False

    def _add(self, parent: Any, node: Node) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent)
        # Plain text, not a Python object, so Qt keeps its own copy.
        item.setData(0, _NODE_ROLE, path_text(node))
        self.items[node] = item
        return item

    def update_marks(self, draft: Draft, problems: list[Problem]) -> None:
        """Flag the nodes with problems (a criterion's also flags its standard); relabel all."""
        self._counts = {}
        for problem in problems:
            node = node_of(draft, parse_path(problem.path))
            for owner in {node, node[:2]}:
                self._counts[owner] = self._counts.get(owner, 0) + 1
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        # Only what changed is touched: this runs after every pause in typing.
        for node, item in self.items.items():
            flagged = node in self._counts
            if flagged != (node in self._flagged):
                item.setIcon(0, warning if flagged else QIcon())
                self._flagged.symmetric_difference_update({node})
        self.relabel(draft)

    def relabel(self, draft: Draft) -> None:
        """Label each node as the draft now names it, saying how many problems it has."""
        for node, item in self.items.items():
            label = _label(draft, node)
            if item.text(0) != label:
                item.setText(0, label)
                item.setToolTip(0, label)
            count = self._counts.get(node, 0)
            if count:
                label += f", {count} problem{'s' if count != 1 else ''}"
            if item.data(0, Qt.ItemDataRole.AccessibleTextRole) != label:
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, label)

    def select(self, node: Node) -> None:
        """Make `node` current without announcing it as the user's choice."""
        self._quiet = True
        try:
            self.setCurrentItem(self.items[node])
        finally:
            self._quiet = False

    def _moved(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        if current is not None and not self._quiet:
            self.nodeChosen.emit(current.data(0, _NODE_ROLE))


def _label(draft: Draft, node: Node) -> str:
    if node in SECTIONS:
        return SECTIONS[node]
    standard = draft.get_or(node[:2], {})
    number = show_number(standard.get("number"))
    if len(node) == 2:
        return f"{number}  {str(standard.get('title', '')).strip() or '(no title yet)'}"
    text = " ".join(str(draft.get_or((*node, "text"), "")).split())
    return f"{number}.{int(node[3]) + 1}  {text or '(no text yet)'}"
