"""Editors for a standard's criteria: a judgement on the scale, yes/no, or a measure."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from selfassess.assessment import CriterionAnswer
from selfassess.framework import Criterion, Framework
from selfassess.gui.commands import edited
from selfassess.gui.widgets import muted, wrapped
from selfassess.presentation import format_percent
from selfassess.scoring import CriterionResult


def _number(text: str) -> float | None:
    text = text.strip().replace(",", "")
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _number_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class CriterionEditor(QFrame):
    """One criterion: its text and guidance, the answer, and the percentage it gives."""

    answerEdited = Signal(str, object, str)  # criterion id, new CriterionAnswer, merge key

    def __init__(
        self,
        framework: Framework,
        criterion: Criterion,
        applicable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.framework, self.criterion = framework, criterion
        self.answer = CriterionAnswer()
        self.applicable = applicable
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        text = wrapped(criterion.text)
        text.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(text, 0, 0, 1, 2)
        row = 1
        if criterion.guidance:
            grid.addWidget(muted(criterion.guidance), row, 0, 1, 2)
            row += 1
        self.result_label = QLabel()
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.inputs = QWidget()
        self.inputs_layout = QHBoxLayout(self.inputs)
        self.inputs_layout.setContentsMargins(0, 0, 0, 0)
        if applicable:
            self._build()
            grid.addWidget(self.inputs, row, 0)
            grid.addWidget(self.result_label, row, 1)
        else:
            grid.addWidget(muted("Does not apply to this organisation type."), row, 0, 1, 2)
        grid.setColumnStretch(0, 1)

    def _build(self) -> None:
        raise NotImplementedError

    def show_answer(self, answer: CriterionAnswer | None, result: CriterionResult) -> None:
        """Show the stored answer and its result; never emits answerEdited."""
        self.answer = answer or CriterionAnswer()
        if not self.applicable:
            return
        self._show(self.answer)
        text = self._result_text(result)
        if self.answer.carried_forward:  # copied from the last period: stands until reviewed
            text += " (carried forward — review)"
        self.result_label.setText(text)
        self.result_label.setAccessibleName(f"Result: {text}")

    def _show(self, answer: CriterionAnswer) -> None:
        raise NotImplementedError

    def _result_text(self, result: CriterionResult) -> str:
        text = (
            "Not answered" if result.percent is None else f"Scores {format_percent(result.percent)}"
        )
        # An answer copied from the last period stands until someone looks at it again.
        return f"{text} (carried forward — review)" if self.answer.carried_forward else text

    def _emit(self, merge_key: str = "", **changes: object) -> None:
        # Touching a carried-forward answer makes it this period's answer.
        self.answer = edited(self.answer, carried_forward=False, **changes)
        self.answerEdited.emit(self.criterion.id, self.answer, merge_key)


class _ChoiceEditor(CriterionEditor):
    """A criterion answered by picking one option (judgement or yes/no)."""

    field = ""

    def _options(self) -> list[tuple[str, object, str]]:
        raise NotImplementedError

    def _build(self) -> None:
        self.combo = QComboBox()
        self.combo.setAccessibleName(f"Answer: {self.criterion.text}")
        for label, value, tip in [("Not answered", None, ""), *self._options()]:
            self.combo.addItem(label, value)
            self.combo.setItemData(self.combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        # Stepping through the options with the arrow keys is one edit, undone in one step.
        merge_key = f"{self.criterion.id}.{self.field}"
        self.combo.activated.connect(
            lambda i: self._emit(merge_key, **{self.field: self.combo.itemData(i)})
        )
        self.inputs_layout.addWidget(self.combo, 1)

    def _show(self, answer: CriterionAnswer) -> None:
        value = getattr(answer, self.field)
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)) if value is not None else 0)


class JudgementEditor(_ChoiceEditor):
    field = "score"

    def _options(self) -> list[tuple[str, object, str]]:
        return [
            (f"{level.score} — {level.label}", level.score, level.description)
            for level in self.framework.scale
        ]


class YesNoEditor(_ChoiceEditor):
    field = "met"

    def _options(self) -> list[tuple[str, object, str]]:
        return [("Yes", True, ""), ("No", False, "")]


class MeasureEditor(CriterionEditor):
    """Numerator and denominator (shown as a percentage), or a single value with its unit."""

    def _line(self, name: str, placeholder: str, accessible: str, numeric: bool) -> QLineEdit:
        line = QLineEdit()
        line.setPlaceholderText(placeholder)
        line.setAccessibleName(accessible)
        if numeric:
            validator = QDoubleValidator(0 if self._ratio else -1e12, 1e12, 3, line)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            line.setValidator(validator)
            line.textEdited.connect(
                lambda text: self._emit(f"{self.criterion.id}.{name}", **{name: _number(text)})
            )
        else:
            line.textEdited.connect(
                lambda text: self._emit(f"{self.criterion.id}.{name}", **{name: text})
            )
        self.lines[name] = line
        return line

    def _build(self) -> None:
        measure = self.criterion.measure
        assert measure is not None
        self._ratio = measure.is_ratio
        self.lines: dict[str, QLineEdit] = {}
        if self._ratio:
            self.inputs_layout.addWidget(
                self._line(
                    "numerator", measure.numerator, f"{measure.numerator} (numerator)", True
                ),
                1,
            )
            self.inputs_layout.addWidget(QLabel("out of"))
            self.inputs_layout.addWidget(
                self._line(
                    "denominator", measure.denominator, f"{measure.denominator} (denominator)", True
                ),
                1,
            )
        else:
            self.inputs_layout.addWidget(
                self._line("value", measure.numerator, measure.numerator, True), 1
            )
            self.inputs_layout.addWidget(QLabel(measure.unit))
        self.inputs_layout.addWidget(
            self._line("data_period", "Data period", "Data period", False), 1
        )
        self.inputs_layout.addWidget(self._line("source", "Source", "Data source", False), 1)

    def _show(self, answer: CriterionAnswer) -> None:
        for name, line in self.lines.items():
            value = getattr(answer, name)
            if name in ("data_period", "source"):
                if line.text() != value:
                    line.setText(value)
            elif _number(line.text()) != value:
                line.setText(_number_text(value))

    def _result_text(self, result: CriterionResult) -> str:
        if result.measured is None:
            return "Not answered"
        measure = self.criterion.measure
        assert measure is not None
        unit = "%" if measure.is_ratio else f" {measure.unit}"
        band = self.framework.band(result.measure_band).label if result.measure_band else ""
        return f"{result.measured:.1f}{unit} → {band}, scores {format_percent(result.percent)}"


def criterion_editor(
    framework: Framework, criterion: Criterion, applicable: bool
) -> CriterionEditor:
    kinds = {"judgement": JudgementEditor, "yes_no": YesNoEditor, "measure": MeasureEditor}
    return kinds[criterion.kind](framework, criterion, applicable)
