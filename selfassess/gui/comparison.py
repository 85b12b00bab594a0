"""Comparing the open assessment with an earlier one: each standard's rating then and now."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from selfassess.document import Document, read_document
from selfassess.errors import SelfAssessError
from selfassess.gui import dialogs
from selfassess.gui.exporting import export_file
from selfassess.presentation import format_percent, movement_text, rating_colours, rating_word
from selfassess.returns.compare import Comparison, StandardChange, compare
from selfassess.returns.compare_report import write_comparison_report
from selfassess.returns.compare_workbook import comparison_heading, write_comparison_workbook
from selfassess.scoring import OverallResult, StandardResult

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

NOT_ASSESSED = "Not assessed"  # the standard is not in the earlier definitions


class ComparisonModel(QAbstractTableModel):
    """One row per standard: number, title, rating then, rating now and how it moved."""

    def __init__(self, comparison: Comparison, parent: Any = None) -> None:
        super().__init__(parent)
        self.comparison = comparison
        old, new = comparison.old.assessment, comparison.new.assessment
        self.headers = (
            "#",
            "Standard",
            f"Then ({old.period.label})",
            f"Now ({new.period.label})",
            "Movement",
        )

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.comparison.standards)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        change = self.comparison.standards[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return _describe(change)
        if column in (2, 3):
            return _rating(change.before if column == 2 else change.after, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == 4 and change.movement != "same":
            font = QFont()
            font.setBold(True)  # what moved stands out from the many that did not
            return font
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            str(change.standard.number),
            change.standard.title,
            "",
            "",
            movement_text(change.movement),
        )[column]


def _rating(result: StandardResult | None, role: int) -> Any:
    """A rating cell: its word on the band's colours; a standard new since then has no colour."""
    if role == Qt.ItemDataRole.DisplayRole:
        return rating_word(result) if result else NOT_ASSESSED
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(Qt.AlignmentFlag.AlignCenter)
    if result is not None and role in (
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
    ):
        fill, text = rating_colours(result)
        return QColor(fill if role == Qt.ItemDataRole.BackgroundRole else text)
    return None


def _with_percent(result: StandardResult | None) -> str:
    if result is None:
        return NOT_ASSESSED.lower()
    percent = "" if result.percent is None else f" ({format_percent(result.percent)})"
    return f"{rating_word(result)}{percent}"


def _describe(change: StandardChange) -> str:
    movement = movement_text(change.movement) or "nothing to compare"
    return (
        f"Standard {change.standard.number}, {change.standard.title}: "
        f"then {_with_percent(change.before)}, now {_with_percent(change.after)} — {movement}"
    )


def _position(overall: OverallResult) -> str:
    level = overall.level.label if overall.level else "not assessed"
    return f"{format_percent(overall.percent)}, assurance {level}"


class ComparisonDialog(QDialog):
    """The comparison on screen, with its workbook and PDF report a click away."""

    def __init__(self, comparison: Comparison, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison = comparison
        old, new = comparison.old.assessment, comparison.new.assessment
        self.setWindowTitle("Compare with an earlier assessment")
        layout = QVBoxLayout(self)

        heading = QLabel(comparison_heading(comparison))
        heading.setWordWrap(True)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        if not comparison.same_organisation:
            layout.addWidget(QLabel(f"The earlier assessment is of {old.organisation.name}."))

        figures = QFormLayout()
        figures.addRow(f"Overall then ({old.period.label}):", QLabel(_position(comparison.before)))
        figures.addRow(f"Overall now ({new.period.label}):", QLabel(_position(comparison.after)))
        layout.addLayout(figures)

        self.model = ComparisonModel(comparison, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        # Tall enough for every standard of a usual framework (the SWSCN one has 11).
        rows = min(self.model.rowCount(), 16)
        self.table.setMinimumHeight(
            header.sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )

        red = "; ".join(
            f"standard {change.standard.number}, {change.standard.title}"
            for change in comparison.newly_red
        )
        self.newly_red = QLabel(f"Newly red: {red or 'none'}")
        self.newly_red.setWordWrap(True)
        self.actions = QLabel(
            f"Actions: {len(comparison.closed)} closed, {len(comparison.opened)} opened"
        )
        for label in (self.newly_red, self.actions):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.workbook_button = buttons.addButton(
            "Export &workbook…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.report_button = buttons.addButton(
            "Export &PDF…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.workbook_button.clicked.connect(lambda: self.export("workbook"))
        self.report_button.clicked.connect(lambda: self.export("report"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()  # not the table: a focus frame on its first cell looks like a choice
        self.resize(self.fontMetrics().horizontalAdvance("M") * 70, self.sizeHint().height())

    def export(self, kind: str) -> None:
        comparison = self.comparison
        organisation = comparison.new.assessment.organisation.name
        periods = (
            f"{comparison.old.assessment.period.label} to {comparison.new.assessment.period.label}"
        )
        if kind == "workbook":
            what, suffix, file_filter = "comparison workbook", ".xlsx", "Excel workbooks (*.xlsx)"
            write = write_comparison_workbook
        else:
            what, suffix, file_filter = "comparison report", ".pdf", "PDF documents (*.pdf)"
            write = write_comparison_report
        export_file(
            self,
            what,
            f"{organisation} {periods} {what}",
            suffix,
            file_filter,
            lambda path: write(comparison, path),
        )


def compare_with_earlier(window: QMainWindow, document: Document) -> ComparisonDialog | None:
    """Ask for an earlier assessment and show how the open one compares with it."""
    path = dialogs.ask_open_path(
        window, "Compare with an earlier assessment", dialogs.DOCUMENT_FILTER
    )
    if path is None:
        return None
    try:
        # A copy of the open document: the comparison shows this moment, and exports of it
        # are written off the GUI thread.
        comparison = compare(read_document(path), copy.deepcopy(document))
    except SelfAssessError as exc:
        dialogs.show_error(window, "Cannot compare the assessments", str(exc))
        return None
    dialog = ComparisonDialog(comparison, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
