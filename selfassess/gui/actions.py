"""A standard's SMART actions: what, measurable outcome, owner, due date and status."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from selfassess.assessment import ACTION_STATUSES, Action
from selfassess.gui.item_panels import ItemForm, ItemsPanel
from selfassess.gui.models import ActionsModel
from selfassess.gui.widgets import OptionalDateEdit
from selfassess.presentation import ACTION_STATUS_WORDS


class ActionForm(ItemForm):
    item_type = Action
    noun = "action"

    def __init__(self, item: Action | None, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.what = QLineEdit(item.what if item else "")
        self.what.setPlaceholderText("Specific: what will be done")
        self.outcome = QLineEdit(item.outcome if item else "")
        self.outcome.setPlaceholderText("Measurable: how you will know it is done")
        self.owner = QLineEdit(item.owner if item else "")
        self.owner.setPlaceholderText("Name and role")
        self.due = OptionalDateEdit()
        self.due.set_value(item.due if item else None)
        self.status = QComboBox()
        for status in ACTION_STATUSES:
            self.status.addItem(ACTION_STATUS_WORDS[status], status)
        self.status.setCurrentIndex(self.status.findData(item.status if item else "not_started"))
        self.notes = QPlainTextEdit(item.notes if item else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)
        self.form.addRow("&What", self.what)
        self.form.addRow("Measurable &outcome", self.outcome)
        self.form.addRow("O&wner", self.owner)
        self.form.addRow("&Due", self.due)
        self.form.addRow("&Status", self.status)
        self.form.addRow("&Notes", self.notes)

    def build(self) -> Action:
        if not self.what.text().strip():
            raise ValueError("Say what will be done.")
        values = {
            "what": self.what.text(),
            "outcome": self.outcome.text().strip(),
            "owner": self.owner.text().strip(),
            "due": self.due.value(),
            "status": self.status.currentData(),
            "notes": self.notes.toPlainText(),
        }
        return self.make(values)


class ActionsPanel(ItemsPanel):
    field = "actions"
    noun = "action"
    stretch_columns = (0, 1)
    model_type = ActionsModel

    def form(self, item: Action | None) -> ActionForm:
        return ActionForm(item, self)

    def show_items(self, standard_id: str, rows: list[Action]) -> None:  # type: ignore[override]
        standard = (
            None
            if self.session.document is None
            else self.session.document.framework.standard(standard_id)
        )
        super().show_items(standard_id, [(standard, action) for action in rows])
