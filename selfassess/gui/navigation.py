"""The list of standards down the side of the window, each with its rating badge."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from selfassess.gui.models import ID_ROLE, RESULT_ROLE, StandardsModel
from selfassess.gui.widgets import paint_pill, rating_text
from selfassess.presentation import format_percent, rating_colours, rating_letter
from selfassess.scoring import StandardResult

Index = QModelIndex | QPersistentModelIndex


class StandardDelegate(QStyledItemDelegate):
    """Paints a standard as: [badge letter]  number. title / rating word and percentage."""

    def _metrics(self, option: QStyleOptionViewItem) -> tuple[QFontMetrics, int]:
        metrics = QFontMetrics(option.font)
        return metrics, metrics.height()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        _metrics, line = self._metrics(option)
        return QSize(line * 12, line * 2 + line)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        result: StandardResult | None = index.data(RESULT_ROLE)
        if result is None:
            return
        style = option.widget.style() if option.widget else None
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget
            )
        _metrics, line = self._metrics(option)
        rect = option.rect.adjusted(line // 2, line // 4, -line // 2, -line // 4)
        badge = QRectF(
            rect.left(), rect.top() + (rect.height() - line * 1.6) / 2, line * 2.4, line * 1.6
        )
        fill, text_colour = rating_colours(result)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        paint_pill(painter, badge, fill, text_colour, rating_letter(result))

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_left = int(badge.right()) + line // 2
        text_rect = QRect(text_left, rect.top(), rect.right() - text_left, rect.height())
        painter.save()
        painter.setPen(option.palette.color(role))
        title = f"{result.standard.number}. {result.standard.title}"
        top = QRect(text_rect.left(), text_rect.top(), text_rect.width(), text_rect.height() // 2)
        bottom = QRect(
            text_rect.left(), top.bottom(), text_rect.width(), text_rect.height() - top.height()
        )
        painter.setFont(bold)
        elided = QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight, top.width())
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, elided)
        painter.setFont(option.font)
        if not selected:
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        percent = f" · {format_percent(result.percent)}" if result.percent is not None else ""
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            rating_text(result) + percent,
        )
        painter.restore()


class NavigationView(QListView):
    """Emits `standardChosen(id)` when the user moves to a standard (mouse or keyboard)."""

    standardChosen = Signal(str)

    def __init__(self, model: StandardsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(StandardDelegate(self))
        self.setAccessibleName("Standards")
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.selectionModel().currentChanged.connect(self._current_changed)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.standardChosen.emit(current.data(ID_ROLE))

    def select_standard(self, standard_id: str | None) -> None:
        """Show which standard is open, without announcing a new choice."""
        model = self.model()
        assert isinstance(model, StandardsModel)
        row = -1 if standard_id is None else model.row_of(standard_id)
        blocked = self.selectionModel().blockSignals(True)
        if row < 0:
            self.selectionModel().clearCurrentIndex()
            self.selectionModel().clearSelection()
        else:
            index = model.index(row)
            self.selectionModel().setCurrentIndex(
                index, self.selectionModel().SelectionFlag.ClearAndSelect
            )
            self.scrollTo(index)
        self.selectionModel().blockSignals(blocked)
