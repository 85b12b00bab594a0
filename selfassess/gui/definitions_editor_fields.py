"""Form fields for the definitions editor: widgets bound to field paths, marked when wrong."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.framework import path_text
from selfassess.gui.definitions_editor_draft import (
    FIELD_LABELS,
    Draft,
    FieldPath,
    is_hex_colour,
    number_or_text,
    show_number,
)
from selfassess.presentation import NHS_BLUE, PROBLEM_COLOUR

# The editor's change(path, value, *, merge, rebuild, focus, node): the one way fields edit.
ChangeFn = Callable[..., None]


class Binder:
    """Makes one page's widgets, each bound to a field path, and marks and focuses them by path."""

    def __init__(self, draft: Draft, change: ChangeFn) -> None:
        self.draft = draft
        self.change = change
        self.fields: dict[FieldPath, QWidget] = {}
        self._live: list[Callable[[], None]] = []
        self._marked: dict[QWidget, str] = {}

    def _bind(self, path: FieldPath, widget: QWidget, name: str) -> None:
        widget.setObjectName(path_text(path))
        widget.setAccessibleName(name)
        self.fields[path] = widget

    def line(
        self, path: FieldPath, name: str, placeholder: str = "", *, chars: int = 0
    ) -> QLineEdit:
        edit = QLineEdit(str(self.draft.get_or(path, "")))
        edit.setCursorPosition(0)  # show a long text from its start
        edit.setPlaceholderText(placeholder)
        if chars:
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("M" * chars) + 16)
        edit.textEdited.connect(lambda text: self.change(path, text, merge=True))
        self._bind(path, edit, name)
        return edit

    def number(
        self, path: FieldPath, name: str, *, integer: bool = False, optional: bool = False
    ) -> QLineEdit:
        """A number typed as text; with `optional`, an empty field leaves the default."""
        edit = QLineEdit(show_number(self.draft.get_or(path, "")))
        edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * 9 + 16)
        edit.textEdited.connect(
            lambda text: self.change(
                path,
                None if optional and not text.strip() else number_or_text(text, integer=integer),
                merge=True,
            )
        )
        self._bind(path, edit, name)
        return edit

    def text(self, path: FieldPath, name: str, lines: int = 4) -> QPlainTextEdit:
        edit = _text_box(str(self.draft.get_or(path, "")), lines)
        edit.textChanged.connect(lambda: self.change(path, edit.toPlainText(), merge=True))
        self._bind(path, edit, name)
        return edit

    def lines(self, path: FieldPath, name: str, lines: int = 4) -> QPlainTextEdit:
        """A list of short texts, edited one per line."""
        edit = _text_box("\n".join(self.draft.get_or(path, [])), lines)
        edit.setPlaceholderText("One per line")
        edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        edit.textChanged.connect(
            lambda: self.change(
                path,
                [row.strip() for row in edit.toPlainText().splitlines() if row.strip()],
                merge=True,
            )
        )
        self._bind(path, edit, name)
        return edit

    def choice(
        self,
        path: FieldPath,
        name: str,
        options: Sequence[tuple[str, str]],
        *,
        on_pick: Callable[[Any], None] | None = None,
    ) -> QComboBox:
        """A drop-down list; `on_pick` replaces the plain change, for choices that reshape pages."""
        combo = QComboBox()
        current = self.draft.get_or(path, "")
        for value, label in options:
            combo.addItem(label, value)
        if combo.findData(current) < 0:
            # Keep a value that is no longer offered visible, so validation can name it.
            combo.addItem(f"{current} (unknown)", current)
        combo.setCurrentIndex(combo.findData(current))
        combo.currentIndexChanged.connect(
            lambda _index: (on_pick or (lambda value: self.change(path, value)))(
                combo.currentData()
            )
        )
        self._bind(path, combo, name)
        return combo

    def checks(
        self,
        path: FieldPath,
        name: str,
        options: Sequence[tuple[str, str]],
        *,
        everything: list[str] | None = None,
        hint: str = "",
    ) -> QWidget:
        """Checkboxes for a list of ids; with `everything`, ticking all of it stores no list."""
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout()
        outer.addLayout(layout)
        stored = self.draft.get_or(path, None)
        chosen = everything if stored is None else stored
        boxes: list[tuple[str, QCheckBox]] = []

        def toggled() -> None:
            ticked = [value for value, check in boxes if check.isChecked()]
            same = everything is not None and sorted(ticked) == sorted(everything)
            self.change(path, None if same else ticked)

        for value, label in options:
            check = QCheckBox(label)
            check.setObjectName(f"{path_text(path)}:{value}")
            check.setAccessibleName(f"{name}: {label}")
            check.setChecked(value in (chosen or []))
            check.toggled.connect(toggled)
            layout.addWidget(check)
            boxes.append((value, check))
        layout.addStretch(1)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            outer.addWidget(note)
        if boxes:
            box.setFocusProxy(boxes[0][1])
        self._bind(path, box, name)
        return box

    def colour(self, path: FieldPath, name: str) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        edit = QLineEdit(str(self.draft.get_or(path, "")))
        edit.setMaxLength(7)
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("#DDDDDD") + 20)
        pick = QToolButton()
        pick.setAccessibleName(f"Choose {name.lower()}")
        pick.setToolTip(f"Choose {name.lower()}…")

        def show_swatch() -> None:
            text = edit.text()
            pixmap = QPixmap(16, 16)
            pixmap.fill(QColor(text) if is_hex_colour(text) else Qt.GlobalColor.transparent)
            pick.setIcon(QIcon(pixmap))

        def choose() -> None:
            start = QColor(edit.text()) if is_hex_colour(edit.text()) else QColor(NHS_BLUE)
            chosen = QColorDialog.getColor(start, box.window(), f"Choose {name.lower()}")
            if chosen.isValid():
                edit.setText(chosen.name().upper())
                self.change(path, edit.text())

        edit.textChanged.connect(show_swatch)
        edit.textEdited.connect(lambda text: self.change(path, text.strip(), merge=True))
        pick.clicked.connect(choose)
        show_swatch()
        layout.addWidget(pick)
        layout.addWidget(edit)
        self._bind(path, edit, name)
        return box

    def live(self, update: Callable[[], None]) -> None:
        """Run `update` now and after every change, for previews that follow other fields."""
        self._live.append(update)
        update()

    def refresh_live(self) -> None:
        for update in self._live:
            update()

    def container(self, path: FieldPath, widget: QWidget) -> None:
        """Register a whole list under its path, so a problem with the list can be shown on it."""
        widget.setObjectName(path_text(path))
        self.fields[path] = widget

    def widgets_for(self, path: FieldPath) -> list[QWidget]:
        """The widgets showing `path`: itself, else a list row's fields, else its nearest owner."""
        if path in self.fields:
            return [self.fields[path]]
        if path and isinstance(path[-1], int):
            row = [
                w for p, w in self.fields.items() if len(p) > len(path) and p[: len(path)] == path
            ]
            if row:
                return row
        for end in range(len(path) - 1, 0, -1):
            if path[:end] in self.fields:
                return [self.fields[path[:end]]]
        return []

    def focus(self, path: FieldPath) -> QWidget | None:
        """Put the keyboard focus on the field for `path`; the widget focused, if any."""
        widgets = self.widgets_for(path)
        if not widgets:
            return None
        widget = widgets[0]
        select = getattr(widget, "select_path", None)
        if select is not None:
            select(path)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return widget

    def mark(self, problems: dict[FieldPath, list[str]]) -> None:
        """Border and describe the fields with problems; clear the ones put right."""
        wanted: dict[QWidget, str] = {}
        for path, messages in problems.items():
            for widget in self.widgets_for(path):
                wanted[widget] = "\n".join([*filter(None, [wanted.get(widget, "")]), *messages])
        # Only what changed is touched: validation runs after every pause in typing.
        for widget in [w for w in self._marked if w not in wanted]:
            widget.setProperty("problem", False)
            widget.setStyleSheet("")
            widget.setToolTip("")
            widget.setAccessibleDescription("")
            del self._marked[widget]
        for widget, note in wanted.items():
            if self._marked.get(widget) == note:
                continue
            widget.setProperty("problem", True)
            # The selector keeps the border off the widget's children.
            widget.setStyleSheet(
                f'*[problem="true"] {{ border: 2px solid {PROBLEM_COLOUR}; border-radius: 3px; }}'
            )
            widget.setToolTip(note)
            widget.setAccessibleDescription(note)
            self._marked[widget] = note


def _text_box(text: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    # Tab moves on to the next field, as in every other form field; statements need no tabs.
    edit.setTabChangesFocus(True)
    # Exactly `lines` lines high, so a short description shows whole without a scroll bar.
    edit.setFixedHeight(
        edit.fontMetrics().lineSpacing() * lines
        + int(edit.document().documentMargin() * 2)
        + edit.frameWidth() * 2
        + 2
    )
    return edit


@dataclass(frozen=True)
class Column:
    """One field of a row in a RowList; `kind` is line, number, integer, colour or band."""

    key: str
    kind: str = "line"
    stretch: int = 0
    chars: int = 0  # a short text field's width in characters


def small_button(text: str, name: str, action: Callable[[], None]) -> QToolButton:
    """A compact symbol button; its accessible name and tooltip say what it does."""
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(name)
    button.setToolTip(name)
    button.clicked.connect(action)
    return button


class RowList(QFrame):
    """An editable list of records shown as rows: add, remove and reorder them."""

    def __init__(
        self,
        binder: Binder,
        path: FieldPath,
        columns: Sequence[Column],
        *,
        item_name: str,
        new_item: Callable[[], dict[str, Any]],
        description: bool = False,
        extra: Callable[[int], QWidget] | None = None,
    ) -> None:
        super().__init__()
        self._binder, self._path = binder, path
        self._items: list[dict[str, Any]] = list(binder.draft.get_or(path, []))
        self._item_name, self._new_item = item_name, new_item
        self._first_key = columns[0].key
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        for col, column in enumerate(columns):
            heading = QLabel(FIELD_LABELS.get(column.key, column.key))
            grid.addWidget(heading, 0, col)
            grid.setColumnStretch(col, column.stretch)
        if not any(column.stretch for column in columns):
            grid.setColumnStretch(len(columns) + 1, 1)  # keep short fields short
        row = 1
        count = len(self._items)
        for index in range(count):
            row_path = (*path, index)
            label = f"{item_name} {index + 1}"
            for col, column in enumerate(columns):
                name = f"{label} {FIELD_LABELS.get(column.key, column.key).lower()}"
                grid.addWidget(self._field(column, (*row_path, column.key), name), row, col)
            tools = QHBoxLayout()
            tools.setSpacing(2)
            if extra is not None:
                tools.addWidget(extra(index))
            for text, what, step, enabled in (
                ("↑", "up", -1, index > 0),
                ("↓", "down", 1, index < count - 1),
            ):
                button = small_button(
                    text, f"Move {label.lower()} {what}", lambda s=step, i=index: self._move(i, s)
                )
                button.setEnabled(enabled)
                tools.addWidget(button)
            tools.addWidget(
                small_button("−", f"Remove {label.lower()}", lambda i=index: self._remove(i))
            )
            grid.addLayout(tools, row, len(columns))
            row += 1
            if description:
                notes = binder.text((*row_path, "description"), f"{label} description", lines=2)
                notes.setPlaceholderText("Description")
                grid.addWidget(
                    notes,
                    row,
                    0,
                    1,
                    len(columns),
                )
                row += 1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(grid)
        add = QPushButton(f"Add {item_name.lower()}")
        add.clicked.connect(self._add)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        self.setFocusProxy(add)
        binder.container(path, self)

    def _field(self, column: Column, path: FieldPath, name: str) -> QWidget:
        binder = self._binder
        if column.kind in ("number", "integer"):
            return binder.number(path, name, integer=column.kind == "integer")
        if column.kind == "colour":
            return binder.colour(path, name)
        if column.kind == "band":
            return binder.choice(path, name, binder.draft.band_choices())
        return binder.line(path, name, chars=column.chars)

    def _add(self) -> None:
        index = len(self._items)
        self._binder.change(
            self._path,
            [*self._items, self._new_item()],
            rebuild=True,
            focus=(*self._path, index, self._first_key),
        )

    def _remove(self, index: int) -> None:
        items = self._items[:index] + self._items[index + 1 :]
        focus = (*self._path, index - 1, self._first_key) if index > 0 else self._path
        self._binder.change(self._path, items, rebuild=True, focus=focus)

    def _move(self, index: int, step: int) -> None:
        items = list(self._items)
        items[index], items[index + step] = items[index + step], items[index]
        self._binder.change(
            self._path, items, rebuild=True, focus=(*self._path, index + step, self._first_key)
        )
