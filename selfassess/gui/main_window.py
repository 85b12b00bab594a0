"""The main window: menus and shortcuts, the sidebar of standards, and the page being shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
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
from selfassess.document import EXTENSION, Document, read_document, save_document
from selfassess.errors import DocumentLockedError, SelfAssessError
from selfassess.framework import bundled_framework
from selfassess.gui import dialogs, settings
from selfassess.gui.autosave import Autosaver, pending_recoveries
from selfassess.gui.dashboard import Dashboard
from selfassess.gui.definitions_choice import (
    chosen_framework,
    edit_definitions,
    load_definitions,
    use_bundled_definitions,
)
from selfassess.gui.exporting import EXPORTS, export
from selfassess.gui.models import StandardsModel
from selfassess.gui.navigation import NavigationView
from selfassess.gui.new_assessment_dialog import NewAssessmentDialog
from selfassess.gui.session import Session
from selfassess.gui.signoff import SignOffPage
from selfassess.gui.standard_page import StandardPage
from selfassess.gui.start_page import StartPage
from selfassess.lock import acquire_lock
from selfassess.paths import resources_dir
from selfassess.presentation import count_of, format_date
from selfassess.returns.cycle import start_next_period

APP_NAME = "SEND Self-Assessment"


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
        self.setWindowIcon(QIcon(str(resources_dir() / "icons" / "selfassess.png")))
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
                lambda: self._export("workbook"),
                [QKeySequence("Ctrl+E")],
            ),
            "report": self._action(
                file,
                EXPORTS["report"][0],
                lambda: self._export("report"),
                [QKeySequence("Ctrl+Shift+E")],
            ),
        }
        file.addSeparator()
        self.period_actions = [
            self._action(file, "Start &next period…", self.start_next_period),
            self._action(file, "Compare &with an earlier assessment…", self.compare_with_earlier),
        ]
        self._action(file, "N&etwork returns…", self.show_network_returns)
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
        self.load_definitions_action = self._action(
            standards, "&Load definitions…", lambda: load_definitions(self)
        )
        self.edit_definitions_action = self._action(
            standards, "&Edit definitions…", lambda: edit_definitions(self)
        )
        self._action(
            standards, "Use the &bundled definitions", lambda: use_bundled_definitions(self)
        )

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
            *self.period_actions,
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

    def new_assessment(self) -> None:
        if not self.maybe_discard():
            return
        framework, source, _path = chosen_framework(self)
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

    def start_next_period(self) -> None:
        """Make the next period's assessment from the open one, save it and open it."""
        document = self.session.document
        if document is None or not self.maybe_discard():
            return
        new, carried = start_next_period(document)
        previous, period = document.assessment.period.label, new.assessment.period.label
        suggested = f"{new.assessment.organisation.name} {period}".replace("/", "-") + EXTENSION
        path = dialogs.ask_save_path(
            self, f"Save the {period} assessment as", suggested, dialogs.DOCUMENT_FILTER, EXTENSION
        )
        if path is None:
            return
        if self.session.path is not None and path.resolve() == self.session.path.resolve():
            dialogs.show_error(
                self,
                "Choose another name",
                f"{path.name} holds the {previous} assessment, which stays as it is. "
                f"Save the {period} assessment under another name.",
            )
            return
        try:
            lock = acquire_lock(path)  # before writing: never overwrite a file someone has open
            try:
                save_document(new, path)
            except SelfAssessError:
                lock.release()
                raise
        except SelfAssessError as exc:
            dialogs.show_error(
                self,
                f"Cannot start {period}",
                f"{exc}\n\nThe {previous} assessment is still open and unchanged.",
            )
            return
        self.session.load(new, path, lock)
        settings.add_recent_file(path)
        self.show_dashboard()
        dialogs.show_info(
            self,
            f"Started {period}",
            f"{path.name} is the {period} assessment, started from {previous}.\n\n"
            f"Carried forward for review: {count_of(carried.answers, 'answer')}, "
            f"{count_of(carried.evidence, 'evidence item')} and "
            f"{count_of(carried.open_actions, 'open action')}.\n"
            f"Left closed in {previous}: "
            f"{count_of(carried.closed_actions, 'completed or cancelled action')}.\n"
            f"Cleared: {count_of(carried.overrides_cleared, 'rating override')} and the "
            "sign-off (it starts as a draft).",
        )

    def compare_with_earlier(self) -> None:
        # Imported here: the comparison's writers load reportlab, which slows starting up.
        from selfassess.gui.comparison import compare_with_earlier

        if self.session.document is not None:
            compare_with_earlier(self, self.session.document)

    def _export(self, kind: str) -> None:
        if self.session.document is not None:
            export(self, self.session.document, kind)

    # --- the rest ------------------------------------------------------------------------

    def show_network_returns(self) -> None:
        # Imported here: a window for the regional network that most sessions never open.
        from selfassess.gui.network_returns import show_network_returns

        show_network_returns(self)

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
