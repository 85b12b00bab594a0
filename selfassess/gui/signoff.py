"""Sign-off and assessment details: status, who signed it off and where, organisation and period."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from selfassess.assessment import STATUSES
from selfassess.gui import dialogs
from selfassess.gui.commands import ReplacePart, edited
from selfassess.gui.session import Session
from selfassess.gui.widgets import ERROR_STYLE, OptionalDateEdit, heading, muted, set_editable
from selfassess.presentation import SIGNOFF_WORDS, format_date


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(";") if name.strip()]


class SignOffPage(QScrollArea):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.addWidget(heading("Sign-off", 1))
        layout.addWidget(
            muted(
                "Record who signed the assessment off and at which meeting. An approved "
                "assessment is read-only; reopen it to change anything, and it returns to draft."
            )
        )
        box = QGroupBox("Status")
        form = QFormLayout(box)
        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem(SIGNOFF_WORDS[status], status)
        self.status.activated.connect(self._status_chosen)
        self.name, self.role, self.meeting = QLineEdit(), QLineEdit(), QLineEdit()
        self.date = OptionalDateEdit()
        self.meeting.setPlaceholderText("e.g. Quality and Performance Committee, 12 March 2026")
        form.addRow("&Status", self.status)
        form.addRow("Signed off by (&name)", self.name)
        form.addRow("&Role", self.role)
        form.addRow("&Date", self.date)
        form.addRow("&Meeting", self.meeting)
        for field, line in (("name", self.name), ("role", self.role), ("meeting", self.meeting)):
            line.textEdited.connect(lambda text, f=field: self._edit_signoff(f, text))
        self.date.dateChanged.connect(lambda _d: self._edit_signoff("date", self.date.value()))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        self.reopen = QPushButton("Reopen for editing…")
        self.reopen.clicked.connect(self.reopen_for_editing)
        form.addRow(self.reopen)
        layout.addWidget(box)

        details = QGroupBox("Assessment details")
        details_form = QFormLayout(details)
        self.org_name, self.ods_code, self.period_label = QLineEdit(), QLineEdit(), QLineEdit()
        self.org_type = QLabel()
        self.assessors = QLineEdit()
        # Semicolons, because an assessor is often written "Name, Role".
        self.assessors.setPlaceholderText("Names and roles, separated by semicolons")
        details_form.addRow("&Organisation", self.org_name)
        details_form.addRow("ODS &code", self.ods_code)
        details_form.addRow("Type", self.org_type)
        details_form.addRow("&Period", self.period_label)
        details_form.addRow("&Assessors", self.assessors)
        self.org_name.textEdited.connect(lambda text: self._edit_part("organisation", "name", text))
        self.ods_code.textEdited.connect(
            lambda text: self._edit_part("organisation", "ods_code", text.strip().upper())
        )
        self.period_label.textEdited.connect(lambda text: self._edit_part("period", "label", text))
        self.assessors.textEdited.connect(self._edit_assessors)
        layout.addWidget(details)
        layout.addStretch(1)
        session.replaced.connect(self.refresh)
        session.changed.connect(lambda standard_id: standard_id or self.refresh())

    def refresh(self) -> None:
        document = self.session.document
        if document is None:
            return
        assessment = document.assessment
        signoff = assessment.signoff
        self.status.setCurrentIndex(self.status.findData(signoff.status))
        for line, value in (
            (self.name, signoff.name),
            (self.role, signoff.role),
            (self.meeting, signoff.meeting),
        ):
            if line.text() != value:
                line.setText(value)
        if self.date.value() != signoff.date:
            blocked = self.date.blockSignals(True)
            self.date.set_value(signoff.date)
            self.date.blockSignals(blocked)
        org, period = assessment.organisation, assessment.period
        # A field being typed into may hold text the model refused (blank); keep it.
        for line, value in (
            (self.org_name, org.name),
            (self.ods_code, org.ods_code),
            (self.period_label, period.label),
        ):
            if line.text().strip() != value and not (line.hasFocus() and not line.text().strip()):
                line.setText(value)
        self.org_type.setText(document.framework.organisation_type(org.type).label)
        if _names(self.assessors.text()) != assessment.assessors:
            self.assessors.setText("; ".join(assessment.assessors))
        self.reopen.setVisible(assessment.is_approved)

    def set_read_only(self, read_only: bool) -> None:
        set_editable(self, not read_only)
        self.reopen.setEnabled(self.session.locked_by is None)

    # --- editing -------------------------------------------------------------------------

    def _edit_signoff(self, field: str, value: object) -> None:
        document = self.session.document
        if document is None or self.session.read_only:
            return
        signoff = edited(document.assessment.signoff, **{field: value})
        self.session.push(
            ReplacePart(
                self.session, "signoff", signoff, "Edit sign-off", merge_key=f"signoff.{field}"
            )
        )

    def _edit_part(self, part: str, field: str, value: str) -> None:
        document = self.session.document
        blank = not value.strip() and field != "ods_code"
        if document is None or self.session.read_only or blank:
            return  # a name or label cannot be blank; the model keeps the last one given
        new = edited(getattr(document.assessment, part), **{field: value})
        self.session.push(
            ReplacePart(self.session, part, new, f"Edit {part}", merge_key=f"{part}.{field}")
        )

    def _edit_assessors(self, text: str) -> None:
        if self.session.document is None or self.session.read_only:
            return
        names = _names(text)
        self.session.push(
            ReplacePart(self.session, "assessors", names, "Edit assessors", merge_key="assessors")
        )

    def _status_chosen(self, index: int) -> None:
        document = self.session.document
        assert document is not None
        status = self.status.itemData(index)
        signoff = document.assessment.signoff
        self.error.hide()
        if status == signoff.status:
            return
        if status != "draft" and not (signoff.name.strip() and signoff.date):
            self.error.setText(
                f"To mark the assessment {SIGNOFF_WORDS[status].lower()}, first give the name of "
                "who signed it off and the date."
            )
            self.error.show()
            self.status.setCurrentIndex(self.status.findData(signoff.status))
            return
        if status == "approved" and not dialogs.confirm(
            self,
            "Approve the assessment",
            f"Record approval by {signoff.name} on {format_date(signoff.date)}?\n\n"
            "An approved assessment is read-only until it is reopened.",
            "Approve",
        ):
            self.status.setCurrentIndex(self.status.findData(signoff.status))
            return
        self.session.push(
            ReplacePart(
                self.session,
                "signoff",
                edited(signoff, status=status),
                f"Mark {SIGNOFF_WORDS[status].lower()}",
            )
        )

    def reopen_for_editing(self) -> None:
        document = self.session.document
        if document is None or not document.assessment.is_approved:
            return
        if not dialogs.confirm(
            self,
            "Reopen the assessment",
            "Reopen this approved assessment for editing?\n\nIts status returns to draft, and it "
            "will need to be approved again.",
            "Reopen",
        ):
            return
        signoff = edited(document.assessment.signoff, status="draft")
        self.session.push(ReplacePart(self.session, "signoff", signoff, "Reopen for editing"))
