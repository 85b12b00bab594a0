"""The main window: menus and shortcuts, the sidebar of standards, and the page being shown."""

from __future__ import annotations

import copy
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selfassess.demo import demo_document
from selfassess.document import EXTENSION, Document, read_document
from selfassess.errors import DefinitionsError, DocumentLockedError, SelfAssessError
from selfassess.framework import Framework, bundled_framework, load_framework
from selfassess.gui import dialogs, settings
from selfassess.gui.autosave import Autosaver, pending_recoveries
from selfassess.gui.dashboard import Dashboard
from selfassess.gui.models import StandardsModel
from selfassess.gui.navigation import NavigationView
from selfassess.gui.new_assessment_dialog import NewAssessmentDialog
from selfassess.gui.session import Session
from selfassess.gui.signoff import SignOffPage
from selfassess.gui.standard_page import StandardPage
from selfassess.gui.start_page import StartPage
from selfassess.gui.tasks import run_in_background
from selfassess.lock import acquire_lock
from selfassess.paths import default_framework_path
from selfassess.presentation import format_date

APP_NAME = "SEND Self-Assessment"


def _export_workbook(document: Document, path: Path) -> None:
    from selfassess.exports.workbook import write_workbook  # slow import, on the worker thread

    write_workbook(document, path)


def _export_report(document: Document, path: Path) -> None:
    from selfassess.exports.report import write_report

    write_report(document, path)


# (menu text, what it is called in messages, suffix, file filter, writer)
EXPORTS: dict[str, tuple[str, str, str, str, Callable[[Document, Path], None]]] = {
    "workbook": (
        "Export &workbook…",
        "workbook",
        ".xlsx",
        "Excel workbooks (*.xlsx)",
        _export_workbook,
    ),
    "report": (
        "Export &PDF report…",
        "PDF report",
        ".pdf",
        "PDF documents (*.pdf)",
        _export_report,
    ),
}


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.session = Session(self)
        self.autosaver = Autosaver(self.session)
        self.autosaver.failed.connect(lambda message: self.statusBar().showMessage(message, 10_000))
        self.autosaver.saved.connect(lambda message: self.statusBar().showMessage(message, 5_000))
        self.standards_model = StandardsModel(self.session)
        self.current: str = ""  # "dashboard", "signoff" or a standard's id
        self._build_pages()
        self._build_actions()
        self.session.stateChanged.connect(self._state_changed)
        self.session.replaced.connect(self._replaced)
        self.resize(1280, 840)
        geometry = settings.settings().value("window_geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self._replaced()

    # --- building ------------------------------------------------------------------------

    def _build_pages(self) -> None:
        self.pages = QStackedWidget()
        self.start_page = StartPage()
        self.start_page.newRequested.connect(self.new_assessment)
        self.start_page.openRequested.connect(self.open_dialog)
        self.start_page.demoRequested.connect(self.open_demo)
        self.start_page.recentChosen.connect(lambda path: self.open_path(Path(path)))
        self.pages.addWidget(self.start_page)

        workspace = QWidget()
        outer = QVBoxLayout(workspace)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = QFrame()
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet("QFrame { background: #FFB81C; } QLabel { color: #212B32; }")
        banner_layout = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_button = QPushButton()
        self.banner_button.clicked.connect(self._banner_clicked)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.banner_button)
        outer.addWidget(self.banner)

        splitter = QSplitter()
        sidebar = QWidget()
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(6, 6, 0, 6)
        self.dashboard_button = QPushButton("&Dashboard")
        self.dashboard_button.setCheckable(True)
        self.dashboard_button.clicked.connect(self.show_dashboard)
        self.navigation = NavigationView(self.standards_model)
        self.navigation.standardChosen.connect(self.show_standard)
        self.signoff_button = QPushButton("Sign-off and &details")
        self.signoff_button.setCheckable(True)
        self.signoff_button.clicked.connect(self.show_signoff)
        # The page being shown is marked in the palette's highlight (right in light and dark).
        for button in (self.dashboard_button, self.signoff_button):
            button.setStyleSheet(
                "QPushButton { padding: 0.4em; }"
                "QPushButton:checked { background: palette(highlight);"
                " color: palette(highlighted-text); font-weight: bold; }"
            )
        side.addWidget(self.dashboard_button)
        side.addWidget(self.navigation, 1)
        side.addWidget(self.signoff_button)
        splitter.addWidget(sidebar)

        self.content = QStackedWidget()
        self.dashboard = Dashboard(self.session)
        self.dashboard.standardChosen.connect(self.show_standard)
        self.standard_pages: dict[str, StandardPage] = {}  # made on first visit
        self.signoff_page = SignOffPage(self.session)
        for page in (self.dashboard, self.signoff_page):
            self.content.addWidget(page)
        splitter.addWidget(self.content)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self.fontMetrics().horizontalAdvance("M") * 30, 1000])
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)
        self.pages.addWidget(workspace)
        self.workspace = workspace
        self.setCentralWidget(self.pages)

    def _action(
        self,
        menu: object,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[QKeySequence | str] | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&New assessment…", self.new_assessment, [QKeySequence.StandardKey.New])
        self._action(file, "&Open…", self.open_dialog, [QKeySequence.StandardKey.Open])
        self._action(file, "Open the &demo", self.open_demo)
        self.recent_menu = file.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        self.save_action = self._action(file, "&Save", self.save, [QKeySequence.StandardKey.Save])
        self.save_as_action = self._action(
            file, "Save &as…", self.save_as, [QKeySequence("Ctrl+Shift+S")]
        )
        file.addSeparator()
        self.export_actions = {
            "workbook": self._action(
                file,
                EXPORTS["workbook"][0],
                lambda: self.export("workbook"),
                [QKeySequence("Ctrl+E")],
            ),
            "report": self._action(
                file,
                EXPORTS["report"][0],
                lambda: self.export("report"),
                [QKeySequence("Ctrl+Shift+E")],
            ),
        }
        file.addSeparator()
        self.close_action = self._action(
            file, "&Close", self.close_document, [QKeySequence.StandardKey.Close]
        )
        self._action(file, "&Quit", self.close, [QKeySequence.StandardKey.Quit])

        edit = bar.addMenu("&Edit")
        self.undo_action = self.session.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.session.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)

        go = bar.addMenu("&Go")
        self.go_actions = [
            self._action(go, "&Dashboard", self.show_dashboard, [QKeySequence("Ctrl+D")]),
            self._action(
                go,
                "&Next standard",
                lambda: self.step_standard(1),
                [QKeySequence("Ctrl+PgDown"), QKeySequence("Alt+Down")],
            ),
            self._action(
                go,
                "&Previous standard",
                lambda: self.step_standard(-1),
                [QKeySequence("Ctrl+PgUp"), QKeySequence("Alt+Up")],
            ),
            self._action(
                go, "&Sign-off and details", self.show_signoff, [QKeySequence("Ctrl+Shift+D")]
            ),
        ]

        standards = bar.addMenu("&Standards")
        self._action(standards, "&Load definitions…", self.load_definitions)
        self._action(standards, "&Edit definitions…", self.edit_definitions)
        self._action(standards, "Use the &bundled definitions", self.use_bundled_definitions)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About", self.about)

    # --- state ---------------------------------------------------------------------------

    @property
    def standard_page(self) -> StandardPage | None:
        """The standard's page on screen, or None on the dashboard or sign-off."""
        return self.standard_pages.get(self.current)

    def _replaced(self) -> None:
        for page in self.standard_pages.values():
            self.content.removeWidget(page)
            page.deleteLater()
        self.standard_pages = {}
        has_document = self.session.document is not None
        self.pages.setCurrentWidget(self.workspace if has_document else self.start_page)
        self.current = ""
        self._state_changed()

    def _state_changed(self) -> None:
        session = self.session
        document = session.document
        if document is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
        else:
            name = (
                session.path.name
                if session.path
                else f"Untitled — {document.assessment.organisation.name}"
            )
            suffix = " (read-only)" if session.read_only else ""
            self.setWindowTitle(f"{name}[*]{suffix} — {APP_NAME}")
            self.setWindowModified(session.is_dirty)
        for action in (
            self.save_action,
            self.save_as_action,
            self.close_action,
            *self.export_actions.values(),
            *self.go_actions,
        ):
            action.setEnabled(document is not None)
        self.save_action.setEnabled(document is not None and session.locked_by is None)
        self._show_banner()
        read_only = session.read_only
        for page in self.standard_pages.values():
            page.set_read_only(read_only)
        self.signoff_page.set_read_only(read_only)

    def _show_banner(self) -> None:
        session, document = self.session, self.session.document
        if document is not None and session.locked_by is not None:
            self.banner_text.setText(
                f"Read-only: {session.locked_by.describe()} has this assessment open. "
                "Use Save as to keep a copy of it elsewhere."
            )
            self.banner_button.setText("Save as…")
        elif document is not None and document.assessment.is_approved:
            signoff = document.assessment.signoff
            self.banner_text.setText(
                f"Approved by {signoff.name or 'the signatory'} on "
                f"{format_date(signoff.date) or 'an unrecorded date'}"
                f"{', ' + signoff.meeting if signoff.meeting else ''}. It is read-only."
            )
            self.banner_button.setText("Reopen for editing…")
        else:
            self.banner.hide()
            return
        self.banner.show()

    def _banner_clicked(self) -> None:
        if self.session.locked_by is not None:
            self.save_as()
        else:
            self.signoff_page.reopen_for_editing()

    # --- moving around -------------------------------------------------------------------

    def _mark(self, current: str) -> None:
        self.current = current
        self.dashboard_button.setChecked(current == "dashboard")
        self.signoff_button.setChecked(current == "signoff")

    def show_dashboard(self) -> None:
        if self.session.document is None:
            return
        self.content.setCurrentWidget(self.dashboard)
        self.navigation.select_standard(None)
        self._mark("dashboard")

    def show_signoff(self) -> None:
        if self.session.document is None:
            return
        self.signoff_page.refresh()
        self.content.setCurrentWidget(self.signoff_page)
        self.navigation.select_standard(None)
        self._mark("signoff")

    def show_standard(self, standard_id: str) -> None:
        if self.session.document is None:
            return
        page = self.standard_pages.get(standard_id)
        if page is None:
            page = StandardPage(self.session, standard_id)
            page.set_read_only(self.session.read_only)
            self.standard_pages[standard_id] = page
            self.content.addWidget(page)
        self.content.setCurrentWidget(page)
        self.navigation.select_standard(standard_id)
        self._mark(standard_id)

    def step_standard(self, step: int) -> None:
        document = self.session.document
        if document is None:
            return
        ids = [standard.id for standard in document.framework.standards]
        if self.current in ids:
            index = min(max(ids.index(self.current) + step, 0), len(ids) - 1)
        else:
            index = 0 if step > 0 else len(ids) - 1
        self.show_standard(ids[index])

    # --- documents -----------------------------------------------------------------------

    def maybe_discard(self) -> bool:
        """True when the open document may be closed: saved, or the user chose not to."""
        if not self.session.is_dirty:
            return True
        name = self.session.path.name if self.session.path else "this new assessment"
        choice = dialogs.ask_save_changes(self, name)
        if choice is dialogs.Choice.SAVE:
            return self.save()
        return choice is dialogs.Choice.DISCARD

    def open_dialog(self) -> None:
        path = dialogs.ask_open_path(self, "Open an assessment", dialogs.DOCUMENT_FILTER)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        if not self.maybe_discard():
            return False
        try:
            document = read_document(path)
        except SelfAssessError as exc:
            dialogs.show_error(
                self, "Cannot open the assessment", f"{exc}\n\nThe file has not been changed."
            )
            return False
        lock, locked_by = None, None
        try:
            lock = acquire_lock(path)
        except DocumentLockedError as exc:
            choice = dialogs.ask_locked(self, str(exc))
            if choice is dialogs.Choice.READ_ONLY:
                locked_by = exc.holder
            elif choice is dialogs.Choice.BREAK_LOCK:
                try:
                    lock = acquire_lock(path, break_existing=True)
                except DocumentLockedError as again:
                    dialogs.show_error(self, "Cannot open the assessment", str(again))
                    return False
            else:
                return False
        self.session.load(document, path, lock, locked_by=locked_by)  # type: ignore[arg-type]
        settings.add_recent_file(path)
        self.show_dashboard()
        return True

    def open_demo(self) -> None:
        if not self.maybe_discard():
            return
        self.session.load(demo_document(bundled_framework()))
        self.show_dashboard()

    def chosen_framework(self) -> tuple[Framework, str, Path | None]:
        """The definitions a new assessment uses, with a description of where they came from."""
        path = settings.definitions_path()
        if path is not None:
            try:
                return load_framework(path), path.name, path
            except DefinitionsError as exc:
                dialogs.show_error(
                    self,
                    "Chosen definitions cannot be used",
                    f"The definitions chosen for new assessments ({path}) cannot be used now, "
                    "so the bundled standards are used instead. Load them again once fixed.",
                    str(exc),
                )
        return bundled_framework(), "the bundled standards", None

    def new_assessment(self) -> None:
        if not self.maybe_discard():
            return
        framework, source, _path = self.chosen_framework()
        dialog = NewAssessmentDialog(framework, source, self)
        if dialog.exec() != NewAssessmentDialog.DialogCode.Accepted or dialog.assessment is None:
            return
        self.session.load(Document(dialog.assessment, framework), never_saved=True)
        self.step_standard(1)

    def close_document(self) -> None:
        if self.maybe_discard():
            self.session.close()

    def save(self) -> bool:
        if self.session.document is None:
            return False
        if self.session.path is None or self.session.locked_by is not None:
            return self.save_as()
        return self._save_to(self.session.path)

    def save_as(self) -> bool:
        document = self.session.document
        if document is None:
            return False
        org = document.assessment.organisation.name
        suggested = f"{org} {document.assessment.period.label}".replace("/", "-") + EXTENSION
        path = dialogs.ask_save_path(
            self, "Save the assessment as", suggested, dialogs.DOCUMENT_FILTER, EXTENSION
        )
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            self.session.save(path)
        except DocumentLockedError as exc:
            dialogs.show_error(
                self,
                "Cannot save there",
                f"{exc}\n\nChoose another name or folder; your work is still open.",
            )
            return False
        except SelfAssessError as exc:
            dialogs.show_error(
                self,
                "Cannot save the assessment",
                f"{exc}\n\nYour work is still open and has not been lost. Try again, or use "
                "Save as "
                "to save it somewhere else.",
            )
            return False
        settings.add_recent_file(path)
        self.statusBar().showMessage(f"Saved {path.name}", 5_000)
        return True

    def offer_recovery(self) -> bool:
        """After a crash, offer the autosaved copies; True when one was recovered."""
        for recovery in pending_recoveries():
            if dialogs.ask_recover(self, recovery.description) is not dialogs.Choice.RECOVER:
                recovery.discard()
                continue
            try:
                document = recovery.read()
            except SelfAssessError as exc:
                dialogs.show_error(
                    self, "Cannot recover", f"The automatic copy cannot be read: {exc}"
                )
                recovery.discard()
                continue
            path, lock = recovery.original, None
            if path is not None:
                try:
                    lock = acquire_lock(path)
                except DocumentLockedError:
                    path = None  # someone has the original now: save the recovered work elsewhere
            self.session.load(document, path, lock, never_saved=True)
            self.autosaver.adopt(recovery)
            self.show_dashboard()
            self.statusBar().showMessage("Recovered unsaved work: save it to keep it.", 15_000)
            return True
        return False

    # --- exports -------------------------------------------------------------------------

    def export(self, kind: str) -> None:
        document = self.session.document
        if document is None:
            return
        _text, what, suffix, file_filter, write = EXPORTS[kind]
        assessment = document.assessment
        suggested = (
            f"{assessment.organisation.name} {assessment.period.label} {what}".replace("/", "-")
            + suffix
        )
        path = dialogs.ask_save_path(self, f"Export the {what}", suggested, file_filter, suffix)
        if path is None:
            return
        snapshot = copy.deepcopy(document)  # the user may go on editing while it is written
        self.statusBar().showMessage(f"Writing the {what}…")

        def work() -> Path:
            write(snapshot, path)
            return path

        self._export_progress = run_in_background(
            self,
            f"Writing the {what}…",
            work,
            lambda result: self._exported(what, result),
            lambda exc: self._export_failed(what, exc),
        )

    def _exported(self, what: str, path: Path) -> None:
        self.statusBar().showMessage(f"Exported the {what} to {path}", 10_000)
        if dialogs.ask_open_result(self, what, path):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _export_failed(self, what: str, exc: Exception) -> None:
        self.statusBar().clearMessage()
        if isinstance(exc, SelfAssessError):
            dialogs.show_error(
                self, f"Cannot export the {what}", f"{exc}\n\nYour assessment is unchanged."
            )
        else:
            detail = "".join(traceback.format_exception(exc))
            dialogs.show_error(
                self,
                f"Cannot export the {what}",
                f"The {what} could not be written because of an unexpected problem ({exc}). "
                "Your assessment is unchanged. Please report this, with the details below.",
                detail,
            )

    # --- definitions ---------------------------------------------------------------------

    def load_definitions(self) -> None:
        path = dialogs.ask_open_path(self, "Load standards definitions", dialogs.YAML_FILTER)
        if path is None:
            return
        try:
            framework = load_framework(path)
        except DefinitionsError as exc:
            count = len(exc.problems)
            dialogs.show_error(
                self,
                "Definitions not loaded",
                f"{path.name} has {count} problem{'s' if count != 1 else ''}, listed below. "
                "Fix them and load the file again; new assessments still use the previous choice.",
                "\n".join(str(problem) for problem in exc.problems),
            )
            return
        settings.set_definitions_path(path)
        dialogs.show_info(
            self,
            "Definitions loaded",
            f"New assessments will use {framework.title}, version {framework.version} "
            f"({len(framework.standards)} standards), from {path.name}.\n\n"
            "Assessments already made keep the definitions they were scored against.",
        )

    def use_bundled_definitions(self) -> None:
        settings.set_definitions_path(None)
        self.statusBar().showMessage("New assessments will use the bundled standards.", 8_000)

    def edit_definitions(self) -> None:
        # Imported here: the editor is a separate window most sessions never open, and
        # leaving it out of start-up keeps the main window quick to appear.
        from selfassess.gui.definitions_editor import DefinitionsEditorWindow

        framework, _source, path = self.chosen_framework()
        editor = DefinitionsEditorWindow(framework, path or default_framework_path(), self)
        editor.definitionsSaved.connect(self._definitions_saved)
        editor.show()

    def _definitions_saved(self, path: str) -> None:
        settings.set_definitions_path(Path(path))
        self.statusBar().showMessage(
            f"New assessments will use the definitions in {Path(path).name}.", 10_000
        )

    # --- the rest ------------------------------------------------------------------------

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in settings.recent_files():
            self._action(self.recent_menu, Path(path).name, lambda p=path: self.open_path(Path(p)))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("No recent assessments").setEnabled(False)

    def about(self) -> None:
        from selfassess import __version__

        dialogs.show_info(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nScores NHS commissioners (ICBs, formerly CCGs) and "
            "providers against the SWSCN SEND best practice standards (Version 5, October 2014).",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_discard():
            event.ignore()
            return
        settings.settings().setValue("window_geometry", self.saveGeometry())
        self.autosaver.discard()
        self.session.release_lock()
        event.accept()
