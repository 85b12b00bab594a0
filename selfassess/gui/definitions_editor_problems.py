"""Problems with definitions: the editor's live list, and the dialog for a file that won't load."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfassess.errors import Problem

_PATH_ROLE = Qt.ItemDataRole.UserRole

# (where, in the editor's words; what is wrong; the field path)
ProblemRow = tuple[str, str, str]


class ProblemsPanel(QWidget):
    """A one-line verdict above every problem found; activating one asks to go to its field."""

    activated = Signal(str)  # the field path of the problem chosen

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ProblemRow] | None = None
        self.icon = QLabel()
        self.status = QLabel()
        self.status.setAccessibleName("Validation")
        self.status.setWordWrap(True)
        self.listing = QTreeWidget()
        self.listing.setAccessibleName("Problems")
        self.listing.setRootIsDecorated(False)
        self.listing.setUniformRowHeights(True)
        self.listing.setHeaderLabels(["Where", "Problem"])
        self.listing.itemActivated.connect(
            lambda item: self.activated.emit(item.data(0, _PATH_ROLE))
        )
        head = QHBoxLayout()
        head.addWidget(self.icon)
        head.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(head)
        layout.addWidget(self.listing)

    def show_rows(self, rows: list[ProblemRow]) -> None:
        if rows == self.rows:
            return  # validation runs after every pause in typing; most runs change nothing
        self.rows = rows
        self.listing.clear()
        for where, message, path in rows:
            item = QTreeWidgetItem([where, message])
            item.setData(0, _PATH_ROLE, path)
            item.setToolTip(0, path or "the whole file")
            item.setToolTip(1, message)
            self.listing.addTopLevelItem(item)
        self.listing.resizeColumnToContents(0)
        count = len(rows)
        if count:
            icon = QStyle.StandardPixmap.SP_MessageBoxWarning
            self.status.setText(
                f"{count} problem{'s' if count != 1 else ''} to correct before saving. "
                "Double-click one, or press F8, to go to it."
            )
        else:
            icon = QStyle.StandardPixmap.SP_DialogApplyButton
            self.status.setText("No problems: these definitions can be saved.")
        size = self.status.fontMetrics().height()
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))

    def step(self, step: int) -> None:
        """Go to the next (1) or previous (-1) problem, round the list."""
        count = self.listing.topLevelItemCount()
        if not count:
            return
        current = self.listing.currentItem()
        index = self.listing.indexOfTopLevelItem(current) if current else -1
        item = self.listing.topLevelItem((index + step) % count)
        self.listing.setCurrentItem(item)
        self.activated.emit(item.data(0, _PATH_ROLE))


class ProblemsDialog(QDialog):
    """Every problem that stops a definitions file being used, one per line."""

    def __init__(self, parent: QWidget, file: Path, problems: list[Problem]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cannot open these definitions")
        count = len(problems)
        heading = QLabel(
            f"{file.name} cannot be used as standards definitions: "
            f"{count} problem{'s' if count != 1 else ''}. Correct the file, or choose another."
        )
        heading.setWordWrap(True)
        listing = QListWidget()
        listing.setObjectName("problems")
        listing.setAccessibleName("Problems")
        listing.addItems([str(problem) for problem in problems])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(listing)
        layout.addWidget(buttons)
        self.resize(720, 360)
