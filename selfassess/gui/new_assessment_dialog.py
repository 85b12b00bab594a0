"""The form that starts a new assessment: organisation, ODS code, type, period."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from selfassess.assessment import Assessment, Organisation, Period, new_assessment
from selfassess.framework import Framework
from selfassess.gui.widgets import ERROR_STYLE, OptionalDateEdit, heading, muted


def financial_year(today: date) -> tuple[str, date, date]:
    """The NHS financial year (1 April to 31 March) that `today` falls in."""
    start_year = today.year if today.month >= 4 else today.year - 1
    return (
        f"{start_year}/{(start_year + 1) % 100:02d}",
        date(start_year, 4, 1),
        date(start_year + 1, 3, 31),
    )


class NewAssessmentDialog(QDialog):
    """On OK, `assessment` holds the new, empty assessment against `framework`."""

    def __init__(
        self,
        framework: Framework,
        source: str,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.framework = framework
        self.assessment: Assessment | None = None
        self.setWindowTitle("New assessment")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 42)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("New assessment", 2))
        layout.addWidget(
            muted(f"Against {framework.title}, version {framework.version} ({source}).")
        )
        form = QFormLayout()
        self.org_name = QLineEdit()
        self.org_name.setPlaceholderText("e.g. NHS Severn Vale Integrated Care Board")
        self.ods_code = QLineEdit()
        self.ods_code.setPlaceholderText("e.g. QR1 (optional)")
        self.ods_code.setMaxLength(10)
        self.org_type = QComboBox()
        for org_type in framework.organisation_types:
            self.org_type.addItem(org_type.label, org_type.id)
            self.org_type.setItemData(self.org_type.count() - 1, org_type.description, 3)  # tooltip
        label, start, end = financial_year(today or date.today())
        self.period_label = QLineEdit(label)
        self.start, self.end = OptionalDateEdit(), OptionalDateEdit()
        self.start.set_value(start)
        self.end.set_value(end)
        form.addRow("&Organisation name", self.org_name)
        form.addRow("ODS &code", self.ods_code)
        form.addRow("&Type", self.org_type)
        form.addRow("&Period", self.period_label)
        form.addRow("Period &starts", self.start)
        form.addRow("Period &ends", self.end)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if not self.org_name.text().strip():
            return self._refuse("Enter the organisation's name.", self.org_name)
        if not self.period_label.text().strip():
            return self._refuse("Enter a label for the period, such as 2025/26.", self.period_label)
        try:
            organisation = Organisation(
                name=self.org_name.text(),
                ods_code=self.ods_code.text().strip().upper(),
                type=self.org_type.currentData(),
            )
            period = Period(
                label=self.period_label.text(), start=self.start.value(), end=self.end.value()
            )
        except ValidationError:
            return self._refuse("The period ends before it starts: check the dates.", self.end)
        self.assessment = new_assessment(self.framework, organisation, period)
        super().accept()
        return None

    def _refuse(self, message: str, field: QWidget) -> None:
        self.error.setText(message)
        self.error.show()
        field.setFocus()
