"""The standards definitions editor: edit a copy of a framework, see every problem, save anew."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMainWindow, QScrollArea, QSplitter, QWidget

from selfassess.errors import DefinitionsError, Problem, SelfAssessError
from selfassess.framework import Framework, load_framework, save_framework
from selfassess.gui import dialogs
from selfassess.gui.definitions_editor_draft import Draft, FieldPath, parse_path
from selfassess.gui.definitions_editor_fields import Binder
from selfassess.gui.definitions_editor_nav import NavigationTree, Node, node_of
from selfassess.gui.definitions_editor_pages import new_page
from selfassess.gui.definitions_editor_problems import ProblemsDialog, ProblemsPanel
from selfassess.paths import standards_dir

# Long enough not to validate between keystrokes, short enough to feel live.
VALIDATE_AFTER_MS = 300


def _is_bundled(path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(standards_dir().resolve())
    except FileNotFoundError:
        return False


class _Change(QUndoCommand):
    """Set one value in the draft; successive typing into one field merges into one step."""

    def __init__(
        self,
        editor: DefinitionsEditorWindow,
        path: FieldPath,
        new: Any,
        *,
        merge: bool,
        rebuild: bool,
        focus: FieldPath | None,
        node: Node | None,
    ) -> None:
        super().__init__(f"Edit {editor.draft.describe(path)}")
        self._editor, self._path = editor, path
        self._old = copy.deepcopy(editor.draft.get_or(path, None))
        self._new = copy.deepcopy(new)
        self._merge, self._rebuild, self._focus, self._node = merge, rebuild, focus, node
        self._done_once = False

    def id(self) -> int:
        return 1 if self._merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _Change) or other._path != self._path or not other._merge:
            return False
        self._new = other._new
        self.setObsolete(self._new == self._old)
        return True

    def redo(self) -> None:
        # The first time, the widget that made the edit already shows it.
        again = self._done_once
        self._done_once = True
        self._editor.apply(
            self._path,
            self._new,
            rebuild=self._rebuild or again,
            focus=self._focus if not again else (self._focus or self._path),
            node=self._node,
        )

    def undo(self) -> None:
        self._editor.apply(self._path, self._old, rebuild=True, focus=self._path, node=None)


class DefinitionsEditorWindow(QMainWindow):
    """Edits a working copy of a framework; saves it only as a valid, new definitions file."""

    definitionsSaved = Signal(str)

    def __init__(
        self,
        framework: Framework,
        source_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.draft = Draft(framework)
        self._file = None if source_path is None or _is_bundled(source_path) else source_path
        self._source_name = source_path.name if source_path else ""
        self._valid: Framework | None = framework
        self._problems: list[Problem] = []
        self._node: Node = ("framework",)
        self._binder = Binder(self.draft, self._change)

        self.undo_stack = QUndoStack(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATE_AFTER_MS)
        self._timer.timeout.connect(self.validate_now)

        self.nav = NavigationTree()
        self.nav.nodeChosen.connect(lambda node: self._show(parse_path(node)))
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setAccessibleName("Form")
        self.problems = ProblemsPanel()
        self.problems.activated.connect(self.go_to)

        self._build_layout()
        self._build_actions()
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.nav.rebuild(self.draft, self._problems)
        self._show(("framework",))
        self.validate_now()
        self._update_title()
        self.resize(1180, 820)

    # ----- layout and actions -------------------------------------------------------------

    def _build_layout(self) -> None:
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.nav)
        top.addWidget(self.scroll)
        top.setStretchFactor(1, 1)
        top.setSizes([300, 880])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.problems)
        split.setStretchFactor(0, 1)
        split.setSizes([680, 140])
        self.setCentralWidget(split)

    def _action(
        self, menu: Any, text: str, slot: Any, shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action(
            file_menu, "&Open definitions…", self.open_file, QKeySequence.StandardKey.Open
        )
        self.save_action = self._action(
            file_menu, "&Save", self.save, QKeySequence.StandardKey.Save
        )
        self.save_as_action = self._action(
            file_menu, "Save &as…", self.save_as, QKeySequence.StandardKey.SaveAs
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Close", self.close, QKeySequence.StandardKey.Close)

        edit = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addActions([undo, redo])
        edit.addSeparator()
        self._action(edit, "Add &standard", self.add_standard)
        self.remove_standard_action = self._action(
            edit, "Remove s&tandard", self._remove_current_standard
        )
        edit.addSeparator()
        self.add_criterion_action = self._action(
            edit, "Add &criterion", self._add_criterion_here, "Ctrl+Shift+N"
        )
        self.remove_criterion_action = self._action(
            edit, "Remove c&riterion", self._remove_current_criterion, "Ctrl+Shift+Delete"
        )
        self.move_up_action = self._action(
            edit, "Move criterion &up", lambda: self._move_current_criterion(-1), "Ctrl+Shift+Up"
        )
        self.move_down_action = self._action(
            edit,
            "Move criterion &down",
            lambda: self._move_current_criterion(1),
            "Ctrl+Shift+Down",
        )

        go = self.menuBar().addMenu("&Go")
        self._action(go, "&Next problem", lambda: self.problems.step(1), "F8")
        self._action(go, "&Previous problem", lambda: self.problems.step(-1), "Shift+F8")
        self._action(go, "Next &pane", self._next_pane, "F6")

    # ----- navigation ---------------------------------------------------------------------

    def open_node(self, node: Node) -> None:
        """Show a node's page with the node selected and focused in the navigation."""
        self._show(node)
        self.nav.setFocus()
        self.nav.setFocus()

    def _show(self, node: Node, focus: FieldPath | None = None) -> None:
        """Build the page for `node`, select it in the navigation and focus `focus`, if given."""
        if node not in self.nav.items:
            node = ("framework",)
        self._node = node
        self.nav.select(node)
        self._binder = Binder(self.draft, self._change)
        page = new_page(self._binder, self, node)
        old = self.scroll.takeWidget()
        if old is not None:
            # Deleted later: the edit that asked for a new page may come from a widget on it.
            old.deleteLater()
        self.scroll.setWidget(page)
        self._binder.mark(self._problem_map())
        if focus is not None:
            widget = self._binder.focus(focus)
            if widget is not None:
                self.scroll.ensureWidgetVisible(widget)
        self._update_actions()

    def go_to(self, path: str) -> None:
        """Show and focus the field a problem's path names."""
        parts = parse_path(path)
        self._show(node_of(self.draft, parts), focus=parts)

    # ----- editing ------------------------------------------------------------------------

    def _change(
        self,
        path: FieldPath,
        value: Any,
        *,
        merge: bool = False,
        rebuild: bool = False,
        focus: FieldPath | None = None,
        node: Node | None = None,
    ) -> None:
        command = _Change(self, path, value, merge=merge, rebuild=rebuild, focus=focus, node=node)
        self.undo_stack.push(command)

    def apply(
        self,
        path: FieldPath,
        value: Any,
        *,
        rebuild: bool,
        focus: FieldPath | None,
        node: Node | None,
    ) -> None:
        """Put `value` at `path` in the draft and bring the window up to date with it."""
        self.draft.set(path, copy.deepcopy(value))
        if rebuild:
            self.nav.rebuild(self.draft, self._problems)
            target = node or (node_of(self.draft, focus) if focus is not None else self._node)
            self._show(target, focus)
            if focus is None:
                self.nav.setFocus()
        else:
            self.nav.relabel(self.draft)
            self._binder.refresh_live()
        self._timer.start()

    def add_standard(self) -> None:
        standards = list(self.draft.data.get("standards", []))
        index = len(standards)
        self._change(
            ("standards",),
            [*standards, self.draft.new_standard()],
            rebuild=True,
            focus=("standards", index, "title"),
        )

    def _remove_current_standard(self) -> None:
        if len(self._node) < 2:
            return
        index = int(self._node[1])
        standards = list(self.draft.data["standards"])
        del standards[index]
        node = ("standards", index - 1) if index > 0 else ("framework",)
        self._change(("standards",), standards, rebuild=True, node=node if standards else None)

    def add_criterion(self, standard: int, at: int) -> None:
        path: FieldPath = ("standards", standard, "criteria")
        criteria = list(self.draft.get_or(path, []))
        standard_id = str(self.draft.get_or(("standards", standard, "id"), "s"))
        criteria.insert(at, self.draft.new_criterion(standard_id))
        self._change(path, criteria, rebuild=True, focus=(*path, at, "text"))

    def remove_criterion(self, standard: int, index: int) -> None:
        path: FieldPath = ("standards", standard, "criteria")
        criteria = list(self.draft.get(path))
        del criteria[index]
        self._criteria_changed(path, criteria, max(index - 1, 0))

    def move_criterion(self, standard: int, index: int, step: int) -> None:
        path: FieldPath = ("standards", standard, "criteria")
        criteria = list(self.draft.get(path))
        if not 0 <= index + step < len(criteria):
            return
        criteria[index], criteria[index + step] = criteria[index + step], criteria[index]
        self._criteria_changed(path, criteria, index + step)

    def _criteria_changed(self, path: FieldPath, criteria: list[Any], selected: int) -> None:
        """Change a standard's criteria list, staying on the page the change was made from."""
        if len(self._node) == 4 and criteria:
            self._change(path, criteria, rebuild=True, node=(*path, selected))
        else:
            self._change(path, criteria, rebuild=True, node=path[:2], focus=(*path, selected))

    def _current_standard(self) -> int | None:
        return int(self._node[1]) if len(self._node) >= 2 else None

    def _add_criterion_here(self) -> None:
        standard = self._current_standard()
        if standard is not None:
            at = int(self._node[3]) + 1 if len(self._node) == 4 else 0
            if len(self._node) == 2:
                at = len(self.draft.get_or(("standards", standard, "criteria"), []))
            self.add_criterion(standard, at)

    def _remove_current_criterion(self) -> None:
        if len(self._node) == 4:
            self.remove_criterion(int(self._node[1]), int(self._node[3]))

    def _move_current_criterion(self, step: int) -> None:
        if len(self._node) == 4:
            self.move_criterion(int(self._node[1]), int(self._node[3]), step)

    def _update_actions(self) -> None:
        on_standard = len(self._node) >= 2
        on_criterion = len(self._node) == 4
        self.remove_standard_action.setEnabled(on_standard)
        self.add_criterion_action.setEnabled(on_standard)
        self.remove_criterion_action.setEnabled(on_criterion)
        self.move_up_action.setEnabled(on_criterion and int(self._node[3]) > 0)
        count = len(self.draft.get_or(self._node[:3], [])) if on_criterion else 0
        self.move_down_action.setEnabled(on_criterion and int(self._node[3]) < count - 1)

    # ----- validation ---------------------------------------------------------------------

    def validate_now(self) -> None:
        """Validate the draft as a definitions file would be, and show every problem."""
        self._timer.stop()
        self._valid, self._problems = self.draft.validate()
        self.problems.show_rows(
            [(self.draft.describe(parse_path(p.path)), p.message, p.path) for p in self._problems]
        )
        valid = self._valid is not None
        if self.save_action.isEnabled() != valid:
            self.save_action.setEnabled(valid)
            self.save_as_action.setEnabled(valid)
        self._binder.mark(self._problem_map())
        self.nav.update_marks(self.draft, self._problems)

    def _problem_map(self) -> dict[FieldPath, list[str]]:
        found: dict[FieldPath, list[str]] = {}
        for problem in self._problems:
            found.setdefault(parse_path(problem.path), []).append(problem.message)
        return found

    def _next_pane(self) -> None:
        """Move the keyboard focus on: navigation, then the form's first field, then problems."""
        focused = self.focusWidget()
        panes: list[QWidget] = [self.nav, self.scroll, self.problems.listing]
        current = next(
            (
                i
                for i, pane in enumerate(panes)
                if focused and (focused is pane or pane.isAncestorOf(focused))
            ),
            -1,
        )
        target = panes[(current + 1) % len(panes)]
        if target is self.scroll:
            fields = [
                widget
                for widget in self.scroll.widget().findChildren(QWidget)
                if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(self)
            ]
            target = fields[0] if fields else self.nav
        target.setFocus(Qt.FocusReason.TabFocusReason)

    # ----- files --------------------------------------------------------------------------

    def _update_title(self) -> None:
        where = self._file.name if self._file else "unsaved copy"
        if self._file is None and self._source_name:
            where = f"copy of {self._source_name}"
        title = str(self.draft.data.get("title", "")) or "Definitions"
        self.setWindowTitle(f"Edit definitions – {title} ({where})[*]")
        self.setWindowModified(not self.undo_stack.isClean())

    def save(self) -> bool:
        if self._file is None:
            return self.save_as()
        return self._write(self._file)

    def save_as(self) -> bool:
        self.validate_now()
        if self._valid is None:
            return False
        suggested = f"{self._valid.id}-custom.yaml"
        if self._file is not None:
            suggested = str(self._file.parent / suggested)
        path = dialogs.ask_save_path(
            self, "Save definitions as", suggested, dialogs.YAML_FILTER, ".yaml"
        )
        if path is None:
            return False
        if _is_bundled(path):
            dialogs.show_error(
                self,
                "Choose another folder",
                "The definitions bundled with the application are kept as shipped. "
                "Save your version in another folder, such as your documents.",
            )
            return False
        return self._write(path)

    def _write(self, path: Path) -> bool:
        self.validate_now()
        if self._valid is None:
            return False
        try:
            save_framework(self._valid, path)
        except SelfAssessError as error:
            dialogs.show_error(self, "Definitions not saved", str(error))
            return False
        self._file = path
        self.undo_stack.setClean()
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 8000)
        self.definitionsSaved.emit(str(path))
        return True

    def open_file(self) -> None:
        if not self._settle_changes():
            return
        path = dialogs.ask_open_path(self, "Open definitions", dialogs.YAML_FILTER)
        if path is None:
            return
        try:
            framework = load_framework(path)
        except DefinitionsError as error:
            ProblemsDialog(self, path, error.problems).exec()
            return
        self.draft = Draft(framework)
        self._file = None if _is_bundled(path) else path
        self._source_name = path.name
        self.undo_stack.clear()
        self.nav.rebuild(self.draft, self._problems)
        self._show(("framework",))
        self.validate_now()
        self._update_title()

    def _settle_changes(self) -> bool:
        """Ask what to do with unsaved edits; False if the user would rather keep editing."""
        if self.undo_stack.isClean():
            return True
        self.validate_now()
        if self._valid is None:
            count = len(self._problems)
            return dialogs.confirm(
                self,
                "Discard changes?",
                f"Your changes have {count} problem{'s' if count != 1 else ''}, so they cannot "
                "be saved yet. Discard them, or cancel and correct them?",
                "Discard changes",
            )
        choice = dialogs.ask_save_changes(self, "the definitions")
        if choice == dialogs.Choice.SAVE:
            return self.save()
        return choice == dialogs.Choice.DISCARD

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._settle_changes():
            event.accept()
        else:
            event.ignore()
