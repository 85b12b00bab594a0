"""The first page: start a new assessment, open one, open the demo, or pick a recent file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.gui import settings
from selfassess.gui.widgets import heading, muted


class StartPage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    demoRequested = Signal()
    recentChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        line = self.fontMetrics().height()
        outer = QHBoxLayout(self)
        column = QVBoxLayout()
        column.setSpacing(line)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        column.addStretch(1)
        column.addWidget(heading("SEND Self-Assessment", 1))
        column.addWidget(
            muted(
                "Score your organisation against the SWSCN SEND best practice standards, "
                "see each standard's Red, Amber or Green rating as you go, plan actions, "
                "and export the workbook and report for your governance meeting."
            )
        )
        buttons = QHBoxLayout()
        for text, signal, tip in (
            ("&New assessment…", self.newRequested, "Start an assessment for your organisation"),
            ("&Open…", self.openRequested, "Open a .sendassess file"),
            (
                "Open the &demo",
                self.demoRequested,
                "A filled-in sample for a fictitious ICB, to look around",
            ),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setMinimumHeight(line * 3)
            button.clicked.connect(signal)
            buttons.addWidget(button)
        column.addLayout(buttons)
        column.addWidget(heading("Recent assessments", 3))
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent assessments")
        self.recent.itemActivated.connect(
            lambda item: self.recentChosen.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.recent.setMaximumHeight(line * 14)
        column.addWidget(self.recent, 2)
        self.none_yet = muted("None yet: the assessments you open or save appear here.")
        column.addWidget(self.none_yet)
        column.addStretch(2)

    def showEvent(self, event: object) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.recent.clear()
        for path in settings.recent_files():
            item = QListWidgetItem(f"{Path(path).name}    —    {Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        self.recent.setVisible(self.recent.count() > 0)
        self.none_yet.setVisible(self.recent.count() == 0)
        if self.recent.count():
            self.recent.setCurrentRow(0)
