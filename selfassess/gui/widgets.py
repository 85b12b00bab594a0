"""Small shared widgets: the rating badge (colour plus letter and word) and page furniture."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from selfassess.presentation import rating_colours, rating_letter, rating_word
from selfassess.scoring import StandardResult

# Red, bold text for a refused entry: NHS red is readable on light and dark backgrounds.
ERROR_STYLE = "color: #D5281B; font-weight: bold"


def paint_pill(painter: QPainter, rect: QRectF, fill: str, text_colour: str, text: str) -> None:
    """A rounded, filled rectangle with centred text: the one look of a rating on screen."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # A thin outline keeps the pale "not rated" grey visible on a light window.
    painter.setPen(QColor(fill).darker(125))
    painter.setBrush(QColor(fill))
    radius = min(rect.height(), rect.width()) / 4
    painter.drawRoundedRect(rect, radius, radius)
    painter.setPen(QColor(text_colour))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def rating_text(result: StandardResult, *, with_override: bool = True) -> str:
    word = rating_word(result)
    return f"{word} (override)" if with_override and result.overridden else word


class RatingBadge(QWidget):
    """A standard's rating as a coloured pill with its letter and word; never colour alone."""

    def __init__(self, parent: QWidget | None = None, *, point_size_factor: float = 1.0) -> None:
        super().__init__(parent)
        self._result: StandardResult | None = None
        self._factor = point_size_factor
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_result(self, result: StandardResult | None) -> None:
        self._result = result
        text = "" if result is None else rating_text(result)
        self.setAccessibleName(f"Rating: {text}" if text else "")
        self.setToolTip(text)
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        if self._result is None:
            return ""
        letter = rating_letter(self._result)
        word = rating_text(self._result)
        return word if letter == word else f"{letter}  {word}"

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * self._factor)
        return font

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self._font())
        return QSize(
            metrics.horizontalAdvance(self.text()) + metrics.height() * 2, metrics.height() * 2
        )

    def paintEvent(self, _event: object) -> None:
        if self._result is None:
            return
        fill, text_colour = rating_colours(self._result)
        painter = QPainter(self)
        painter.setFont(self._font())
        paint_pill(
            painter, QRectF(self.rect()).adjusted(1, 1, -1, -1), fill, text_colour, self.text()
        )


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * {1: 1.6, 2: 1.25, 3: 1.05}[level])
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def muted(text: str = "") -> QLabel:
    """Secondary text in the palette's placeholder colour, so it works in light and dark."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def set_editable(root: QWidget, editable: bool) -> None:
    """Make every input under `root` editable or read-only; text stays selectable and readable.

    Buttons that change the document carry the property `edits` and are disabled when read-only.
    """
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
            widget.setReadOnly(not editable)
        elif isinstance(widget, QComboBox) or (
            isinstance(widget, QAbstractButton) and widget.property("edits")
        ):
            widget.setEnabled(editable)


def edits(button: QAbstractButton) -> QAbstractButton:
    """Mark a button as one that changes the document (disabled when read-only)."""
    button.setProperty("edits", True)
    return button


class OptionalDateEdit(QDateEdit):
    """A date that may be left blank: the lowest date shows as 'Not set' and means None."""

    _BLANK = QDate(1900, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd MMM yyyy")  # as presentation.DATE_FORMAT
        self.setMinimumDate(self._BLANK)
        self.setSpecialValueText("Not set")
        self.set_value(None)
        self.calendarWidget().installEventFilter(self)

    def value(self) -> date | None:
        current = self.date()
        return (
            None if current == self._BLANK else date(current.year(), current.month(), current.day())
        )

    def set_value(self, value: date | None) -> None:
        self.setDate(self._BLANK if value is None else QDate(value.year, value.month, value.day))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The calendar opens on this month, rather than on 1900, when the date is not set.
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)
