"""Qt item models for network returns: the heat map, its filter by type, returns not counted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from selfassess.presentation import SIGNOFF_WORDS, format_percent, rating_colours, rating_word
from selfassess.returns.aggregate import OrganisationReturn, RegionalData
from selfassess.returns.regional_workbook import type_label
from selfassess.scoring import StandardResult

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

TYPE_ROLE = Qt.ItemDataRole.UserRole + 1  # the organisation type's id, for the filter
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what a column sorts by: ratings by band, not name

FIXED_COLUMNS = ("Organisation", "Type", "Period", "Status", "Overall", "Assurance")
_UNRATED_RANK = {"not_rated": -1.0, "not_applicable": -2.0}


def heat_word(result: StandardResult) -> str:
    """The rating's word; 'N/A' keeps a heat map column narrow (its tooltip says it in full)."""
    return "N/A" if result.status == "not_applicable" else rating_word(result)


def _rank(result: StandardResult) -> float:
    """Bands sort by where they start, so Red < Amber < Green; unrated and N/A sort first."""
    if result.status == "rated" and result.band is not None:
        return result.band.min_percent
    return _UNRATED_RANK[result.status]


class HeatMapModel(QAbstractTableModel):
    """One row per organisation: its details, then its rating for each standard."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.regional: RegionalData | None = None

    def set_regional(self, regional: RegionalData | None) -> None:
        self.beginResetModel()
        self.regional = regional
        self.endResetModel()

    def entry(self, row: int) -> OrganisationReturn:
        assert self.regional is not None
        return self.regional.returns[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid() or self.regional is None:
            return 0
        return len(self.regional.returns)

    def columnCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid():
            return 0
        standards = len(self.regional.framework.standards) if self.regional else 0
        return len(FIXED_COLUMNS) + standards

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Vertical or not 0 <= section < self.columnCount():
            return None
        if section < len(FIXED_COLUMNS):
            return FIXED_COLUMNS[section] if role == Qt.ItemDataRole.DisplayRole else None
        assert self.regional is not None
        standard = self.regional.framework.standards[section - len(FIXED_COLUMNS)]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(standard.number)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"Standard {standard.number}: {standard.title}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.regional is None or index.row() >= self.rowCount():
            return None
        entry = self.entry(index.row())
        if role == TYPE_ROLE:
            return entry.org_type
        column = index.column()
        if column < len(FIXED_COLUMNS):
            return self._detail(entry, column, role)
        return self._rating(entry.overall.standards[column - len(FIXED_COLUMNS)], entry, role)

    def _detail(self, entry: OrganisationReturn, column: int, role: int) -> Any:
        overall = entry.overall
        assert self.regional is not None
        if column == 4 and role == SORT_ROLE:
            return -1.0 if overall.percent is None else overall.percent
        if column == 4 and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entry.name}, from {entry.source.name}"
        values = (
            entry.name,
            type_label(self.regional, entry.org_type),
            entry.period,
            SIGNOFF_WORDS[entry.document.assessment.signoff.status],
            format_percent(overall.percent),
            overall.level.label if overall.level else "Not assessed",
        )
        text = values[column]
        return text.casefold() if role == SORT_ROLE else text

    def _rating(self, result: StandardResult, entry: OrganisationReturn, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return heat_word(result)
        if role == SORT_ROLE:
            return _rank(result)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            fill, text = rating_colours(result)
            return QColor(fill if role == Qt.ItemDataRole.BackgroundRole else text)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            standard = result.standard
            percent = "" if result.percent is None else f", {format_percent(result.percent)}"
            return (
                f"{entry.name} — standard {standard.number}, {standard.title}: "
                f"{rating_word(result)}{percent}"
            )
        return None


class TypeFilterModel(QSortFilterProxyModel):
    """The heat map sorted by any column and showing one organisation type, or all."""

    def __init__(self, source: HeatMapModel) -> None:
        super().__init__(source)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.org_type = ""  # '' shows every type

    def set_type(self, org_type: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later, which deprecate the other
            self.beginFilterChange()
            self.org_type = org_type
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.org_type = org_type
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self.org_type:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return bool(index.data(TYPE_ROLE) == self.org_type)


NOT_COUNTED_COLUMNS = ("File", "Not counted because", "Folder")


class NotCountedModel(QAbstractTableModel):
    """Returns that could not be read, with the reason, then duplicates and what was kept."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, str]] = []

    def set_regional(self, regional: RegionalData | None) -> None:
        self.beginResetModel()
        self.rows = []
        if regional is not None:
            self.rows += [
                (u.source.name, u.reason, str(u.source.parent)) for u in regional.unreadable
            ]
            self.rows += [
                (
                    d.source.name,
                    f"A second return for {d.kept.name}, {d.kept.period}: "
                    f"{d.kept.source.name} is counted instead, because {d.why_kept}"
                    + (" (the answers are the same)." if d.identical else " (the answers differ)."),
                    str(d.source.parent),
                )
                for d in regional.duplicates
            ]
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(NOT_COUNTED_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(NOT_COUNTED_COLUMNS)
        ):
            return NOT_COUNTED_COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None
