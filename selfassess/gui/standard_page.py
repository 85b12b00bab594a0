"""One standard's page: the standard, its criteria, rating, narrative, evidence and actions."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.assessment import CriterionAnswer, Override
from selfassess.framework import Standard
from selfassess.gui.actions import ActionsPanel
from selfassess.gui.commands import ReplaceResponse, edited
from selfassess.gui.criteria import CriterionEditor, criterion_editor
from selfassess.gui.evidence import EvidencePanel
from selfassess.gui.session import Session
from selfassess.gui.widgets import (
    ERROR_STYLE,
    OptionalDateEdit,
    RatingBadge,
    edits,
    heading,
    muted,
    set_editable,
    wrapped,
)
from selfassess.lock import current_holder
from selfassess.presentation import format_date, rating_explanation
from selfassess.scoring import StandardResult, standard_result


def _bullets(items: list[str]) -> str:
    return "".join(f"• {item}\n" for item in items).rstrip()


class StandardPage(QScrollArea):
    """One standard of the open document; every edit goes through an undo command.

    The window keeps a page per standard once visited, so moving between standards only
    shows a page and brings it up to date, and each keeps its scroll position.
    """

    def __init__(self, session: Session, standard_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.standard: Standard | None = None
        self.editors: dict[str, CriterionEditor] = {}
        self.result: StandardResult | None = None
        self._shown_override: Override | None = None
        self._shown_reason: str | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setSpacing(self.fontMetrics().height())
        self._build_header()
        self._build_about()
        self.criteria_box = QGroupBox("Criteria")
        self.criteria_layout = QVBoxLayout(self.criteria_box)
        self.layout_.addWidget(self.criteria_box)
        self._build_rating()
        self._build_position()
        self.evidence = EvidencePanel(session)
        self.actions = ActionsPanel(session)
        for title, panel in (("Evidence", self.evidence), ("Actions (SMART)", self.actions)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(panel)
            panel.table.setMinimumHeight(self.fontMetrics().height() * 9)
            self.layout_.addWidget(box)
        self.layout_.addStretch(1)
        self._show_standard(standard_id)
        session.changed.connect(self._changed)

    # --- building ------------------------------------------------------------------------

    def _build_header(self) -> None:
        row = QHBoxLayout()
        titles = QVBoxLayout()
        self.number_label = muted()
        self.title_label = heading("", 1)
        titles.addWidget(self.number_label)
        titles.addWidget(self.title_label)
        row.addLayout(titles, 1)
        self.badge = RatingBadge(point_size_factor=1.4)
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        self.layout_.addLayout(row)
        self.applies_label = QLabel()
        self.applies_label.setWordWrap(True)
        self.applies_label.setStyleSheet("font-weight: bold")
        self.layout_.addWidget(self.applies_label)
        self.statement = wrapped()
        font = self.statement.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.statement.setFont(font)
        self.layout_.addWidget(self.statement)

    def _build_about(self) -> None:
        self.about_toggle = QToolButton()
        self.about_toggle.setText("References, guidance and suggested evidence")
        self.about_toggle.setCheckable(True)
        self.about_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.about_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.about_toggle.setAutoRaise(True)
        self.about = QWidget()
        about = QFormLayout(self.about)
        about.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.references, self.guidance, self.suggested = wrapped(), wrapped(), wrapped()
        about.addRow(heading("References", 3), self.references)
        about.addRow(heading("What good looks like", 3), self.guidance)
        about.addRow(heading("Suggested evidence", 3), self.suggested)
        self.about.hide()

        def toggle(shown: bool) -> None:
            self.about.setVisible(shown)
            self.about_toggle.setArrowType(
                Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
            )

        self.about_toggle.toggled.connect(toggle)
        self.layout_.addWidget(self.about_toggle)
        self.layout_.addWidget(self.about)

    def _build_rating(self) -> None:
        box = QGroupBox("Rating")
        layout = QVBoxLayout(box)
        self.explanation = wrapped()
        layout.addWidget(self.explanation)

        override_row = QHBoxLayout()
        override_row.addWidget(QLabel("Override to"))
        self.override_band = QComboBox()
        self.override_band.setAccessibleName("Override rating")
        override_row.addWidget(self.override_band)
        self.override_justification = QLineEdit()
        self.override_justification.setPlaceholderText("Justification (required for an override)")
        self.override_justification.setAccessibleName("Override justification")
        override_row.addWidget(self.override_justification, 1)
        self.apply_override = edits(QPushButton("Apply override"))
        self.apply_override.clicked.connect(self._apply_override)
        override_row.addWidget(self.apply_override)
        layout.addLayout(override_row)
        self.override_note = muted()
        self.override_note.hide()
        layout.addWidget(self.override_note)
        self.override_error = QLabel()
        self.override_error.setStyleSheet(ERROR_STYLE)
        self.override_error.hide()
        layout.addWidget(self.override_error)

        na_row = QHBoxLayout()
        self.not_applicable = edits(QCheckBox("Not applicable to us, because"))
        na_row.addWidget(self.not_applicable)
        self.na_reason = QLineEdit()
        self.na_reason.setPlaceholderText("Reason (required)")
        self.na_reason.setAccessibleName("Reason the standard is not applicable")
        na_row.addWidget(self.na_reason, 1)
        self.apply_na = edits(QPushButton("Apply"))
        self.apply_na.setAccessibleName("Apply not applicable")
        self.apply_na.clicked.connect(self._apply_not_applicable)
        na_row.addWidget(self.apply_na)
        layout.addLayout(na_row)
        self.na_error = QLabel()
        self.na_error.setStyleSheet(ERROR_STYLE)
        self.na_error.hide()
        layout.addWidget(self.na_error)
        self.layout_.addWidget(box)

    def _build_position(self) -> None:
        box = QGroupBox("Current position")
        layout = QVBoxLayout(box)
        self.narrative = QPlainTextEdit()
        self.narrative.setAccessibleName("Current position narrative")
        self.narrative.setPlaceholderText(
            "Where the organisation is now against this standard, and why."
        )
        self.narrative.setTabChangesFocus(True)
        self.narrative.setMinimumHeight(self.fontMetrics().height() * 6)
        self.narrative.textChanged.connect(self._narrative_edited)
        layout.addWidget(self.narrative)
        row = QHBoxLayout()
        row.addWidget(QLabel("Lead"))
        self.lead = QLineEdit()
        self.lead.setAccessibleName("Lead for this standard")
        self.lead.textEdited.connect(lambda text: self._edit("Edit lead", "lead", lead=text))
        row.addWidget(self.lead, 1)
        row.addWidget(QLabel("Next review"))
        self.review_date = OptionalDateEdit()
        self.review_date.setAccessibleName("Next review date")
        self.review_date.dateChanged.connect(self._review_date_edited)
        row.addWidget(self.review_date)
        layout.addLayout(row)
        self.layout_.addWidget(box)

    # --- showing -------------------------------------------------------------------------

    def _show_standard(self, standard_id: str) -> None:
        document = self.session.document
        assert document is not None
        framework = document.framework
        self.standard = framework.standard(standard_id)
        self.number_label.setText(f"Standard {self.standard.number} of {len(framework.standards)}")
        self.title_label.setText(self.standard.title)
        self.statement.setText(self.standard.statement)
        self.references.setText(_bullets(self.standard.references) or "None listed.")
        self.guidance.setText(self.standard.guidance or "None given.")
        self.suggested.setText(_bullets(self.standard.suggested_evidence) or "None listed.")
        self.override_band.clear()
        self.override_band.addItem("No override", "")
        for band in framework.bands_low_to_high:
            self.override_band.addItem(band.label, band.id)
        org_type = document.assessment.organisation.type
        result = standard_result(
            framework, self.standard, self.session.response(standard_id), org_type
        )
        applies = org_type in self.standard.applies_to
        for criterion_result in result.criteria:
            editor = criterion_editor(
                framework, criterion_result.criterion, applies and criterion_result.applicable
            )
            editor.answerEdited.connect(self._answer_edited)
            self.criteria_layout.addWidget(editor)
            self.editors[criterion_result.criterion.id] = editor
        self.refresh()

    def _changed(self, standard_id: str) -> None:
        # A change to the whole assessment (say, the organisation type) can change this page
        # too; a page not on screen catches up when it is shown.
        visible = self.isVisibleTo(self.window())
        if visible and self.standard is not None and standard_id in (self.standard.id, ""):
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Bring every field up to date with the document, leaving unchanged fields alone."""
        document = self.session.document
        if self.standard is None or document is None:
            return
        framework, assessment = document.framework, document.assessment
        response = self.session.response(self.standard.id)
        org_type = assessment.organisation.type
        self.result = standard_result(framework, self.standard, response, org_type)
        applies = org_type in self.standard.applies_to
        self.applies_label.setVisible(not applies)
        if not applies:
            org_label = framework.organisation_type(org_type).label
            self.applies_label.setText(
                f"This standard does not apply to your organisation type ({org_label})."
            )
        self.badge.set_result(self.result)
        self.explanation.setText(rating_explanation(self.result, framework))
        for criterion_result in self.result.criteria:
            editor = self.editors[criterion_result.criterion.id]
            editor.show_answer(
                response.answers.get(criterion_result.criterion.id), criterion_result
            )
        if response.narrative != self.narrative.toPlainText():
            blocked = self.narrative.blockSignals(True)
            self.narrative.setPlainText(response.narrative)
            self.narrative.blockSignals(blocked)
        if response.lead != self.lead.text():
            self.lead.setText(response.lead)
        if response.review_date != self.review_date.value():
            blocked = self.review_date.blockSignals(True)
            self.review_date.set_value(response.review_date)
            self.review_date.blockSignals(blocked)
        if response.override != self._shown_override:
            self._fill_override(response.override)
        if response.not_applicable_reason != self._shown_reason:
            self._fill_not_applicable(response.not_applicable_reason)
        for widget in (
            self.override_band,
            self.override_justification,
            self.apply_override,
            self.not_applicable,
            self.na_reason,
            self.apply_na,
        ):
            widget.setVisible(applies)
        self.evidence.show_items(self.standard.id, response.evidence)
        self.actions.show_items(self.standard.id, response.actions)

    def _fill_override(self, override: Override | None) -> None:
        self._shown_override = override
        self.override_band.setCurrentIndex(
            max(0, self.override_band.findData(override.band if override else ""))
        )
        self.override_justification.setText(override.justification if override else "")
        self.override_justification.setCursorPosition(0)  # show how the reason starts
        self.override_note.setVisible(override is not None)
        if override is not None:
            who = f" by {override.by}" if override.by else ""
            when = f" on {format_date(override.on)}" if override.on else ""
            self.override_note.setText(f"Overridden{who}{when}: {override.justification}")
        self.override_error.hide()

    def _fill_not_applicable(self, reason: str | None) -> None:
        self._shown_reason = reason
        self.not_applicable.setChecked(reason is not None)
        self.na_reason.setText(reason or "")
        self.na_error.hide()

    def set_read_only(self, read_only: bool) -> None:
        set_editable(self, not read_only)

    # --- editing -------------------------------------------------------------------------

    def _edit(self, text: str, merge_key: str = "", **changes: object) -> None:
        assert self.standard is not None
        if self.session.read_only:
            return
        response = edited(self.session.response(self.standard.id), **changes)
        self.session.push(
            ReplaceResponse(self.session, self.standard.id, response, text, merge_key=merge_key)
        )

    def _answer_edited(self, criterion_id: str, answer: CriterionAnswer, merge_key: str) -> None:
        assert self.standard is not None
        answers = dict(self.session.response(self.standard.id).answers)
        if answer == CriterionAnswer():
            answers.pop(criterion_id, None)  # cleared: "not answered" again
        else:
            answers[criterion_id] = answer
        self._edit(
            f"Answer criterion {self.standard.criterion(criterion_id).text[:40]}",
            merge_key,
            answers=answers,
        )

    def _narrative_edited(self) -> None:
        self._edit("Edit current position", "narrative", narrative=self.narrative.toPlainText())

    def _review_date_edited(self) -> None:
        self._edit("Set next review date", "review_date", review_date=self.review_date.value())

    def _apply_override(self) -> None:
        band = self.override_band.currentData()
        justification = self.override_justification.text().strip()
        if band and not justification:
            self.override_error.setText(
                "An override needs a justification: say why the derived rating is not right."
            )
            self.override_error.show()
            self.override_justification.setFocus()
            return
        self.override_error.hide()
        override = (
            Override(
                band=band, justification=justification, by=current_holder().user, on=date.today()
            )
            if band
            else None
        )
        self._edit("Override rating" if band else "Remove override", override=override)

    def _apply_not_applicable(self) -> None:
        reason = self.na_reason.text().strip()
        if self.not_applicable.isChecked() and not reason:
            self.na_error.setText(
                "Give the reason the standard does not apply to your organisation."
            )
            self.na_error.show()
            self.na_reason.setFocus()
            return
        self.na_error.hide()
        checked = self.not_applicable.isChecked()
        self._edit(
            "Mark not applicable" if checked else "Mark applicable",
            not_applicable_reason=reason if checked else None,
        )
