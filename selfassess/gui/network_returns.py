"""The "Network returns" window: read a region's returns, see the heat map, export the summary.

Returns are read on a worker thread with a progress dialog that can be cancelled; the window
only shows what the core's aggregation found and hands exports to the core's writers.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from selfassess.document import EXTENSION
from selfassess.framework import Framework
from selfassess.gui import dialogs, settings
from selfassess.gui.exporting import export_file
from selfassess.gui.network_models import HeatMapModel, NotCountedModel, TypeFilterModel
from selfassess.presentation import count_of
from selfassess.returns.aggregate import (
    Cancelled,
    OrganisationReturn,
    RegionalData,
    aggregate,
    expand_inputs,
)
from selfassess.returns.regional_report import write_regional_report
from selfassess.returns.regional_workbook import type_label, write_regional_workbook

RETURNS_FILTER = f"Returns (*{EXTENSION} *.xlsx *.xlsm)"
OpenReturn = Callable[[OrganisationReturn], None]


def ask_folder(parent: QWidget, title: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, settings.last_folder())
    if not name:
        return None
    settings.remember_folder(Path(name) / "returns")  # remembers the folder, not its parent
    return Path(name)


def ask_files(parent: QWidget, title: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, settings.last_folder(), RETURNS_FILTER)
    if names:
        settings.remember_folder(Path(names[0]))
    return [Path(name) for name in names]


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class _AggregationJob(QRunnable):
    """Reads the returns on the thread pool, reporting progress and stopping when cancelled."""

    def __init__(self, current: list[Path], previous: list[Path], framework: Framework) -> None:
        super().__init__()
        self.current, self.previous, self.framework = current, previous, framework
        self.signals = _Signals()
        self.cancel = threading.Event()

    def run(self) -> None:
        try:
            result = aggregate(
                self.current,
                self.framework,
                self.previous,
                progress=self.signals.progress.emit,
                cancelled=self.cancel.is_set,
            )
        except Exception as exc:  # Cancelled included: reported to the GUI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class NetworkReturnsWindow(QMainWindow):
    """Pick returns, see the heat map by organisation and standard, open one, export."""

    def __init__(
        self, framework: Framework, open_return: OpenReturn, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle("Network returns — SEND Self-Assessment")
        self.framework = framework
        self.open_return = open_return
        self.inputs: list[Path] = []
        self.previous_inputs: list[Path] = []
        self.regional: RegionalData | None = None
        self._shown_inputs: list[Path] = []
        self.job: _AggregationJob | None = None
        self.progress: QProgressDialog | None = None
        self.heat_model = HeatMapModel(self)
        self.proxy = TypeFilterModel(self.heat_model)
        self.not_counted_model = NotCountedModel(self)
        self._build()
        self._refresh()
        self.resize(1360, 760)

    # --- building ------------------------------------------------------------------------

    def _action(
        self, bar: QToolBar, text: str, slot: Callable[[], object], tip: str, keys: str = ""
    ) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        bar.addAction(action)
        return action

    def _build(self) -> None:
        bar = self.addToolBar("Returns")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_folder_action = self._action(
            bar, "Add a &folder…", self.add_folder, "Read every return in a folder", "Ctrl+O"
        )
        self.add_files_action = self._action(
            bar, "Add &files…", self.add_files, "Read returns chosen one by one", "Ctrl+Shift+O"
        )
        self.previous_action = self._action(
            bar,
            "&Previous round…",
            self.choose_previous,
            "A folder of last round's returns: the exports then show each organisation's movement",
        )
        self.clear_action = self._action(bar, "&Clear", self.clear, "Start again with no returns")
        bar.addSeparator()
        self.open_action = self._action(
            bar, "&Open return", self.open_selected, "Open the selected organisation's return"
        )
        bar.addSeparator()
        self.export_workbook_action = self._action(
            bar, "Export &workbook…", lambda: self.export("workbook"),
            "The regional workbook: summary, heat map, movement and returns not counted", "Ctrl+E",
        )  # fmt: skip
        self.export_report_action = self._action(
            bar, "Export &PDF…", lambda: self.export("report"),
            "The regional report as a PDF", "Ctrl+Shift+E",
        )  # fmt: skip

        central = QWidget()
        layout = QVBoxLayout(central)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        self.type_filter = QComboBox()
        self.type_filter.setAccessibleName("Show organisations of type")
        self.type_filter.addItem("All organisations", "")
        for org_type in self.framework.organisation_types:
            self.type_filter.addItem(org_type.label, org_type.id)
        self.type_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_type(self.type_filter.currentData())
        )
        show = QLabel(" &Show: ")
        show.setBuddy(self.type_filter)
        bar.addSeparator()
        bar.addWidget(show)
        bar.addWidget(self.type_filter)

        self.tabs = QTabWidget()
        self.heat_view = QTableView()
        self.heat_view.setModel(self.proxy)
        self.heat_view.setSortingEnabled(True)
        self.heat_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # as read: type, then name
        self.heat_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.heat_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.heat_view.setAlternatingRowColors(False)  # the fills are the point
        self.heat_view.setAccessibleName("Heat map of ratings by organisation and standard")
        self.heat_view.doubleClicked.connect(lambda _index: self.open_selected())
        self.heat_view.activated.connect(lambda _index: self.open_selected())
        self.heat_view.verticalHeader().setVisible(False)
        self.tabs.addTab(self.heat_view, "&Heat map")

        self.not_counted_view = QTableView()
        self.not_counted_view.setModel(self.not_counted_model)
        self.not_counted_view.setWordWrap(True)
        self.not_counted_view.verticalHeader().setVisible(False)
        header = self.not_counted_view.horizontalHeader()
        for column, mode in enumerate(
            (QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
             QHeaderView.ResizeMode.ResizeToContents)
        ):  # fmt: skip
            header.setSectionResizeMode(column, mode)
        self.not_counted_view.setAccessibleName("Returns not counted, and why")
        self.tabs.addTab(self.not_counted_view, "&Not counted")
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar()

    # --- reading returns -----------------------------------------------------------------

    def add_folder(self) -> None:
        folder = ask_folder(self, "Add the returns in a folder")
        if folder is not None:
            self.add_paths([folder])

    def add_files(self) -> None:
        files = ask_files(self, "Add returns")
        if files:
            self.add_paths(files)

    def choose_previous(self) -> None:
        folder = ask_folder(self, "The previous round's returns")
        if folder is not None:
            self.previous_inputs = [folder]
            self.read_returns()

    def add_paths(self, paths: Sequence[Path]) -> None:
        self.inputs += [path for path in paths if path not in self.inputs]
        self.read_returns()

    def clear(self) -> None:
        self.inputs, self.previous_inputs = [], []
        self._show(None)

    def read_returns(self) -> None:
        """Read every return given so far, off the GUI thread, with a progress dialog."""
        if self.job is not None or not self.inputs:
            return
        current, previous = expand_inputs(self.inputs), expand_inputs(self.previous_inputs)
        total = len(current) + len(previous)
        if not current:
            dialogs.show_info(
                self,
                "No returns found",
                f"There are no returns ({EXTENSION} documents or Excel workbooks) in "
                f"{', '.join(str(p) for p in self.inputs)}.",
            )
            self.inputs = []
            return
        self.job = _AggregationJob(current, previous, self.framework)
        progress = QProgressDialog(f"Reading {total} returns…", "Cancel", 0, total, self)
        progress.setWindowTitle("Reading returns")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        progress.canceled.connect(self.job.cancel.set)
        self.progress = progress
        self.job.signals.progress.connect(self._progressed)
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)
        self.job.setAutoDelete(False)
        QThreadPool.globalInstance().start(self.job)

    def _progressed(self, done: int, total: int, name: str) -> None:
        progress, job = self.progress, self.job
        if progress is None or job is None:
            return
        if progress.wasCanceled():  # however it was cancelled: the button, Esc or closing it
            job.cancel.set()
        progress.setLabelText(f"Read {done} of {total}: {name}")
        # Last: a modal dialog's setValue handles pending events, the job's end among them.
        progress.setValue(done)

    def _job_over(self) -> None:
        self.job = None
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _finished(self, regional: RegionalData) -> None:
        self._job_over()
        self._show(regional)

    def _failed(self, exc: Exception) -> None:
        self._job_over()
        if isinstance(exc, Cancelled):
            # Nothing half-read is shown: the returns read before stay on screen.
            self.inputs = self._shown_inputs
            self.statusBar().showMessage("Reading the returns was cancelled.", 10_000)
            return
        dialogs.show_error(self, "Cannot read the returns", str(exc))

    # --- showing -------------------------------------------------------------------------

    def _show(self, regional: RegionalData | None) -> None:
        self.regional = regional
        self._shown_inputs = list(self.inputs)
        self.heat_model.set_regional(regional)
        self.not_counted_model.set_regional(regional)
        self.heat_view.resizeColumnsToContents()
        self.not_counted_view.resizeRowsToContents()
        self._refresh()

    def _refresh(self) -> None:
        regional = self.regional
        has_returns = regional is not None and bool(regional.returns)
        for action in (self.export_workbook_action, self.export_report_action, self.open_action):
            action.setEnabled(has_returns)
        self.clear_action.setEnabled(bool(self.inputs))
        if regional is None:
            self.summary.setText(
                "Add a folder of returns, or returns one by one: SEND self-assessment "
                f"documents ({EXTENSION}), filled-in return templates and compliance workbooks. "
                "Each is read and rated; one that cannot be read is listed with the reason."
            )
            self.tabs.setTabText(1, "&Not counted")
            return
        types = ", ".join(
            count_of(count, type_label(regional, key).lower())
            for key, count in regional.type_counts().items()
        )
        parts = [f"{count_of(len(regional.returns), 'return')} counted ({types})"]
        if regional.unreadable:
            parts.append(f"{len(regional.unreadable)} could not be read")
        if regional.duplicates:
            parts.append(f"{count_of(len(regional.duplicates), 'duplicate')} not counted again")
        if regional.previous is not None:
            parts.append(f"compared with {len(regional.previous.returns)} from the previous round")
        often = regional.most_often_red(3)
        red = regional.framework.band(regional.lowest_band).label
        text = " · ".join(parts) + "."
        if often:
            listed = ", ".join(f"{c.standard.number}. {c.standard.title}" for c in often)
            text += f" Most often {red}: {listed}."
        self.summary.setText(text)
        not_counted = len(regional.unreadable) + len(regional.duplicates)
        self.tabs.setTabText(1, f"&Not counted ({not_counted})")

    def selected_entry(self) -> OrganisationReturn | None:
        rows = self.heat_view.selectionModel().selectedRows()
        index = rows[0] if rows else self.heat_view.currentIndex()
        if not index.isValid():
            return None
        return self.heat_model.entry(self.proxy.mapToSource(index).row())

    def open_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.open_return(entry)

    # --- exporting -----------------------------------------------------------------------

    def export(self, kind: str) -> None:
        regional = self.regional
        if regional is None or not regional.returns:
            return
        what, suffix, file_filter = {
            "workbook": ("regional workbook", ".xlsx", "Excel workbooks (*.xlsx)"),
            "report": ("regional report", ".pdf", "PDF documents (*.pdf)"),
        }[kind]
        period = regional.periods[0] if regional.periods else ""
        write = write_regional_workbook if kind == "workbook" else write_regional_report
        export_file(
            self,
            what,
            f"SEND regional summary {period}".strip(),
            suffix,
            file_filter,
            lambda path: write(regional, path),
            self.statusBar(),
        )

    def closeEvent(self, event: Any) -> None:
        if self.job is not None:
            self.job.cancel.set()  # the worker stops at the next return; its result is dropped
        super().closeEvent(event)


def open_in_main_window(main: Any, entry: OrganisationReturn) -> None:
    """Open one organisation's return in the main window: a document as itself, a workbook as
    a new, unsaved assessment (to save as a document if wanted)."""
    if entry.source.suffix.lower() == EXTENSION:
        main.open_path(entry.source)
    elif main.maybe_discard():
        main.session.load(copy.deepcopy(entry.document), never_saved=True)
        main.show_dashboard()
        main.statusBar().showMessage(
            f"Opened the return {entry.source.name} as a new assessment: save it to keep it.",
            10_000,
        )
    main.raise_()
    main.activateWindow()


def show_network_returns(main: Any) -> NetworkReturnsWindow:
    """The main window's one Network returns window, made on first use."""
    window = main.findChild(NetworkReturnsWindow)
    if window is None:
        from selfassess.gui.definitions_choice import chosen_framework

        framework, _source, _path = chosen_framework(main)
        window = NetworkReturnsWindow(framework, lambda entry: open_in_main_window(main, entry),
                                      main)  # fmt: skip
    window.show()
    window.raise_()
    window.activateWindow()
    return window
