"""Qt item models that adapt the core's standards, evidence and actions for views."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from selfassess.assessment import Action, EvidenceItem
from selfassess.framework import Standard
from selfassess.gui.session import Session
from selfassess.gui.widgets import rating_text
from selfassess.presentation import ACTION_STATUS_WORDS, format_date, format_percent
from selfassess.scoring import OverallResult, StandardResult, overall_result

Index = QModelIndex | QPersistentModelIndex
Today = Callable[[], date]

RESULT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
_ROOT = QModelIndex()  # the invisible root: these models are flat
_BOLD = QFont()
_BOLD.setBold(True)


def describe_result(result: StandardResult) -> str:
    """'Standard 3: Title — Amber, 72%': what a screen reader says for a standard."""
    percent = "" if result.percent is None else f", {format_percent(result.percent)}"
    standard = result.standard
    return f"Standard {standard.number}: {standard.title} — {rating_text(result)}{percent}"


class StandardsModel(QAbstractListModel):
    """The standards in order, each with its current rating (recomputed as the user scores)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.session = session
        self.overall: OverallResult | None = None
        session.replaced.connect(self._reset)
        session.changed.connect(self.refresh)
        self._reset()

    def _compute(self) -> None:
        document = self.session.document
        self.overall = (
            None if document is None else overall_result(document.framework, document.assessment)
        )

    def _reset(self) -> None:
        self.beginResetModel()
        self._compute()
        self.endResetModel()

    def refresh(self, _standard_id: str = "") -> None:
        self._compute()
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid() or self.overall is None:
            return 0
        return len(self.overall.standards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.overall is None or index.row() >= self.rowCount():
            return None
        result = self.overall.standards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{result.standard.number}. {result.standard.title}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe_result(result)
        if role == RESULT_ROLE:
            return result
        if role == ID_ROLE:
            return result.standard.id
        return None

    def row_of(self, standard_id: str) -> int:
        if self.overall is None:
            return -1
        ids = [result.standard.id for result in self.overall.standards]
        return ids.index(standard_id) if standard_id in ids else -1


class RowsModel(QAbstractTableModel):
    """A read-only table of rows, with a header and one function per column."""

    headers: tuple[str, ...] = ()

    def __init__(self, today: Today = date.today, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.today = today

    def set_rows(self, rows: list[Any]) -> None:
        if rows == self.rows:
            return  # unchanged: keep the selection and scroll position
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or index.row() >= len(self.rows)
            or index.column() >= len(self.headers)
        ):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.FontRole and self.flagged(row, index.column()):
            return _BOLD
        return None

    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def flagged(self, row: Any, column: int) -> bool:
        """A cell that needs attention (a passed date) is bold as well as saying so."""
        return False


class EvidenceModel(RowsModel):
    headers = ("Title", "Kind", "Where", "Dated", "Owner", "Review by")

    def cell(self, row: EvidenceItem, column: int) -> str:
        if column == 0:
            return row.title
        if column == 1:
            return row.kind.capitalize()
        if column == 2:
            return f"Attached: {row.attachment}" if row.attachment else row.link
        if column == 3:
            return format_date(row.date)
        if column == 4:
            return row.owner
        review = format_date(row.review_by)
        return f"{review} — review due" if row.is_review_due(self.today()) else review

    def flagged(self, row: EvidenceItem, column: int) -> bool:
        return column == 5 and row.is_review_due(self.today())


class ActionsModel(RowsModel):
    """Actions, each row `(standard, action)`; with `show_standard` the standard is a column."""

    def __init__(
        self, today: Today = date.today, parent: Any = None, *, show_standard: bool = False
    ) -> None:
        super().__init__(today, parent)
        self.show_standard = show_standard
        base = ("What", "Measurable outcome", "Owner", "Due", "Status")
        self.headers = ("Standard", *base) if show_standard else base

    def cell(self, row: tuple[Standard, Action], column: int) -> str:
        standard, action = row
        if self.show_standard:
            if column == 0:
                return f"{standard.number}. {standard.title}"
            column -= 1
        if column == 0:
            return action.what
        if column == 1:
            return action.outcome
        if column == 2:
            return action.owner
        if column == 3:
            due = format_date(action.due)
            return f"{due} — overdue" if action.is_overdue(self.today()) else due
        return ACTION_STATUS_WORDS[action.status]

    def flagged(self, row: tuple[Standard, Action], column: int) -> bool:
        due_column = 4 if self.show_standard else 3
        return column == due_column and row[1].is_overdue(self.today())
