"""A table of a standard's items (evidence or actions) with add, edit and remove, and its form."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from selfassess.gui.commands import ReplaceResponse, edited
from selfassess.gui.models import RowsModel
from selfassess.gui.session import Session
from selfassess.gui.widgets import edits


class ItemForm(QDialog):
    """A form for one item; OK builds the item through the core model, which validates it."""

    item_type: type[BaseModel]
    noun = ""

    def __init__(self, original: Any | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = original
        self.setWindowTitle(f"{'Edit' if original else 'Add'} {self.noun}")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 45)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #D5281B; font-weight: bold")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.item: Any = None

    def build(self) -> Any:
        """The item from the fields; raises ValueError or ValidationError with what is wrong."""
        raise NotImplementedError

    def make(self, values: dict[str, Any]) -> Any:
        """Validate `values` as the item, keeping the original's other fields (its id, links)."""
        base = self.original.model_dump() if self.original is not None else {}
        return self.item_type.model_validate({**base, **values})

    def accept(self) -> None:
        try:
            self.item = self.build()
        except ValidationError as exc:
            self.show_error(_field_message(exc))
            return
        except ValueError as exc:
            self.show_error(str(exc))
            return
        super().accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


def _field_message(exc: ValidationError) -> str:
    error = exc.errors()[0]
    field = str(error["loc"][-1]).replace("_", " ") if error["loc"] else "a field"
    return f"Check {field}: {error['msg'].lower()}."


class ItemsPanel(QWidget):
    """Items of one kind in a standard's response, edited through undoable commands."""

    field = ""  # the response's list: "evidence" or "actions"
    noun = ""
    model_type: type[RowsModel]
    stretch_columns: tuple[int, ...] = (0,)  # the columns of free text take the spare width

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.model = session, self.model_type()
        model = self.model
        self.standard_id = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setAccessibleName(self.noun.capitalize() + " list")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Sized to their contents when the rows change, not on every show: measuring a few
        # hundred rows each time a standard is shown would make moving between them slow.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in self.stretch_columns:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        model.modelReset.connect(self._fit_columns)
        # Double-click, or Enter on a row, edits it (activated covers both).
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.buttons = QHBoxLayout()
        layout.addWidget(self.table)
        layout.addLayout(self.buttons)
        self.add_buttons()
        self.buttons.addStretch(1)

    def button(self, text: str, slot: Any, *, changes: bool = True, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        if tip:
            button.setToolTip(tip)
        if changes:
            edits(button)
        self.buttons.addWidget(button)
        return button

    def add_buttons(self) -> None:
        self.button(f"Add {self.noun}…", self.add)
        self.button("Edit…", self.edit_selected)
        self.button("Remove", self.remove_selected)

    def items(self) -> list[Any]:
        return list(getattr(self.session.response(self.standard_id), self.field))

    def show_items(self, standard_id: str, rows: list[Any]) -> None:
        self.standard_id = standard_id
        self.model.set_rows(rows)

    def _fit_columns(self) -> None:
        for column in range(self.model.columnCount()):
            if column not in self.stretch_columns:
                self.table.resizeColumnToContents(column)

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def form(self, item: Any | None) -> ItemForm:
        raise NotImplementedError

    def commit(
        self, items: list[Any], text: str, attachments: dict[str, bytes] | None = None
    ) -> None:
        response = edited(self.session.response(self.standard_id), **{self.field: items})
        self.session.push(
            ReplaceResponse(self.session, self.standard_id, response, text, attachments=attachments)
        )

    def add(self) -> None:
        form = self.form(None)
        if form.exec() == QDialog.DialogCode.Accepted:
            self.commit([*self.items(), form.item], f"Add {self.noun}")
            self._select(len(self.items()) - 1)

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is None or self.session.read_only:
            return
        items = self.items()
        form = self.form(items[row])
        if form.exec() == QDialog.DialogCode.Accepted:
            items[row] = form.item
            self.commit(items, f"Edit {self.noun}")
            self._select(row)

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        items = self.items()
        del items[row]
        self.commit(items, f"Remove {self.noun}")

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
