"""The dashboard: overall position, RAG grid, chart of ratings, red standards, overdue actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from selfassess.framework import Framework
from selfassess.gui.models import ActionsModel, describe_result
from selfassess.gui.session import Session
from selfassess.gui.widgets import heading, muted, paint_pill, rating_text
from selfassess.presentation import SIGNOFF_WORDS, format_percent, rating_colours, rating_letter
from selfassess.scoring import OverallResult, StandardResult, overall_result, overdue_actions


def _scaled(font: QFont, factor: float, bold: bool = False) -> QFont:
    scaled = QFont(font)
    scaled.setPointSizeF(font.pointSizeF() * factor)
    scaled.setBold(bold)
    return scaled


class FigureTile(QFrame):
    """A headline figure: a large value, what it is, and a line saying how it was found."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.caption = QLabel(caption)
        self.caption.setFont(_scaled(self.font(), 1.1, bold=True))
        self.value = QLabel()
        self.value.setFont(_scaled(self.font(), 2.6, bold=True))
        self.detail = muted()
        for widget in (self.caption, self.value, self.detail):
            layout.addWidget(widget)
        layout.addStretch(1)

    def set_figure(self, value: str, detail: str) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.setAccessibleName(f"{self.caption.text()}: {value}. {detail}")


class StandardTile(QAbstractButton):
    """A standard in the RAG grid, in its band's colour with number, title and rating word."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: StandardResult | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_result(self, result: StandardResult) -> None:
        self.result = result
        self.setAccessibleName(describe_result(result))
        self.setToolTip(describe_result(result) + "\nClick to open the standard.")
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 14, line * 6)

    def paintEvent(self, _event: object) -> None:
        if self.result is None:
            return
        fill, text_colour = rating_colours(self.result)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        paint_pill(painter, rect, fill, text_colour, "")
        if self.hasFocus():
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 3)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 6, 6)
        painter.setPen(QColor(text_colour))
        line = QFontMetrics(self.font()).height()
        inner = rect.adjusted(line * 0.6, line * 0.4, -line * 0.6, -line * 0.4)
        big = _scaled(self.font(), 2.0, bold=True)
        painter.setFont(big)
        painter.drawText(
            inner,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            str(self.result.standard.number),
        )
        painter.setFont(_scaled(self.font(), 1.15, bold=True))
        percent = format_percent(self.result.percent) if self.result.percent is not None else ""
        painter.drawText(
            inner,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            f"{rating_letter(self.result)}  {rating_text(self.result, with_override=False)}"
            f"\n{percent}",
        )
        painter.setFont(_scaled(self.font(), 1.0))
        title_rect = inner.adjusted(0, QFontMetrics(big).height(), 0, 0)
        title = self.result.standard.title + (" (override)" if self.result.overridden else "")
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            | int(Qt.TextFlag.TextWordWrap),
            title,
        )


class RatingsChart(QWidget):
    """Each standard's percentage as a bar in its band's colour, with the band thresholds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overall: OverallResult | None = None
        self.framework: Framework | None = None
        self.setMinimumHeight(self.fontMetrics().height() * 16)

    def set_results(self, framework: Framework, overall: OverallResult) -> None:
        self.framework, self.overall = framework, overall
        words = [
            f"{r.standard.number}: {rating_text(r)} {format_percent(r.percent)}"
            for r in overall.standards
        ]
        self.setAccessibleName("Chart of each standard's percentage and rating")
        self.setAccessibleDescription("; ".join(words))
        self.update()

    def paintEvent(self, _event: object) -> None:
        if self.overall is None or self.framework is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = metrics.height()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        left, top = metrics.horizontalAdvance("100%") + line, line
        plot = QRectF(left, top, self.width() - left - line, self.height() - top - line * 2.2)
        # Axis and gridlines every 25 %, in the text colour so they show on light and dark.
        grid = QColor(text)
        grid.setAlpha(60)
        for percent in (0, 25, 50, 75, 100):
            y = plot.bottom() - plot.height() * percent / 100
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - line / 2, left - line / 3, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{percent}%",
            )
        for band in self.framework.bands_low_to_high[1:]:
            y = plot.bottom() - plot.height() * band.min_percent / 100
            pen = QPen(QColor(band.colour), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        results = self.overall.standards
        slot = plot.width() / max(1, len(results))
        bar_width = slot * 0.62
        bold = _scaled(self.font(), 1.0, bold=True)
        for index, result in enumerate(results):
            x = plot.left() + slot * index + (slot - bar_width) / 2
            fill, text_colour = rating_colours(result)
            # An overridden rating is starred: the bar's height is the derived percentage,
            # its colour the rating given, and the star says the two were set apart.
            label = rating_letter(result) + ("*" if result.overridden else "")
            if result.percent is not None and result.status == "rated":
                height = max(plot.height() * result.percent / 100, line * 1.4)
                bar = QRectF(x, plot.bottom() - height, bar_width, height)
                painter.setFont(bold)
                paint_pill(painter, bar, fill, text_colour, "")
                painter.setPen(QColor(text_colour))
                painter.drawText(
                    bar.adjusted(0, line * 0.2, 0, 0),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    label,
                )
                painter.setPen(text)
                painter.setFont(self.font())
                painter.drawText(
                    QRectF(x - slot, bar.top() - line * 1.1, bar_width + 2 * slot, line),
                    Qt.AlignmentFlag.AlignCenter,
                    format_percent(result.percent),
                )
            else:
                # No percentage: a short neutral marker that says why, never an empty gap.
                marker = QRectF(x, plot.bottom() - line * 1.4, bar_width, line * 1.4)
                painter.setFont(self.font())
                paint_pill(painter, marker, fill, text_colour, label)
            painter.setPen(text)
            painter.setFont(bold)
            painter.drawText(
                QRectF(x - slot / 2, plot.bottom() + line * 0.3, bar_width + slot, line),
                Qt.AlignmentFlag.AlignCenter,
                str(result.standard.number),
            )
        painter.setFont(self.font())
        caption = "Standard"
        if any(result.overridden for result in results):
            caption += "     * rating overridden (the bar shows the percentage before the override)"
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + line * 1.2, plot.width(), line),
            Qt.AlignmentFlag.AlignCenter,
            caption,
        )


class Dashboard(QScrollArea):
    """Follows the session; `standardChosen(id)` when a tile or a red standard is clicked."""

    standardChosen = Signal(str)

    def __init__(
        self,
        session: Session,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.today = session, today
        self.overall: OverallResult | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        line = self.fontMetrics().height()
        layout.setSpacing(line)
        self.title = heading("", 1)
        self.subtitle = muted()
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        figures = QHBoxLayout()
        self.overall_tile = FigureTile("Overall")
        self.assurance_tile = FigureTile("Assurance level")
        self.completeness_tile = FigureTile("Completeness")
        self.overdue_tile = FigureTile("Overdue actions")
        for tile in (
            self.overall_tile,
            self.assurance_tile,
            self.completeness_tile,
            self.overdue_tile,
        ):
            figures.addWidget(tile, 1)
        layout.addLayout(figures)

        grid_box = QGroupBox("Standards")
        self.grid = QGridLayout(grid_box)
        self.tiles: list[StandardTile] = []
        layout.addWidget(grid_box)
        chart_box = QGroupBox("Percentage and rating of each standard")
        self.chart = RatingsChart()
        QVBoxLayout(chart_box).addWidget(self.chart)
        layout.addWidget(chart_box)

        bottom = QHBoxLayout()
        red_box = QGroupBox("Red standards")
        self.red_layout = QVBoxLayout(red_box)
        self.red_list = QLabel()
        self.red_list.setWordWrap(True)
        self.red_list.setTextFormat(Qt.TextFormat.RichText)
        self.red_list.linkActivated.connect(self.standardChosen)
        self.red_layout.addWidget(self.red_list)
        self.red_layout.addStretch(1)
        overdue_box = QGroupBox("Overdue actions")
        self.overdue_model = ActionsModel(today, self, show_standard=True)
        self.overdue_table = QTableView()
        self.overdue_table.setModel(self.overdue_model)
        self.overdue_table.setAccessibleName("Overdue actions")
        self.overdue_table.verticalHeader().hide()
        self.overdue_table.setTabKeyNavigation(False)
        header = self.overdue_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # On a meeting screen the table must fit without scrolling sideways: what is to be
        # done takes the room left and wraps; the outcome and status are on the standard's page.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 5):  # measurable outcome, status
            self.overdue_table.setColumnHidden(column, True)
        self.overdue_table.setWordWrap(True)
        self.overdue_table.setMinimumHeight(line * 10)
        QVBoxLayout(overdue_box).addWidget(self.overdue_table)
        bottom.addWidget(red_box, 1)
        bottom.addWidget(overdue_box, 3)
        layout.addLayout(bottom)
        layout.addStretch(1)
        session.replaced.connect(self.refresh)
        session.changed.connect(self._changed)

    def _changed(self, _standard_id: str) -> None:
        if self.isVisibleTo(self.window()):
            self.refresh()

    def showEvent(self, event: object) -> None:
        self.refresh()  # it skips work while hidden, so catch up when shown
        super().showEvent(event)

    def refresh(self) -> None:
        document = self.session.document
        if document is None:
            return
        framework, assessment = document.framework, document.assessment
        overall = overall_result(framework, assessment)
        self.overall = overall
        org = assessment.organisation
        self.title.setText(org.name + (f" ({org.ods_code})" if org.ods_code else ""))
        self.subtitle.setText(
            f"{framework.organisation_type(org.type).label} · {assessment.period.label} · "
            f"{SIGNOFF_WORDS[assessment.signoff.status]} · "
            f"{framework.title}, version {framework.version}"
        )
        compliant = framework.band(framework.assurance.compliant_band).label.lower()
        self.overall_tile.set_figure(
            format_percent(overall.percent), f"mean of the {overall.rated_count} rated standards"
        )
        self.assurance_tile.set_figure(
            overall.level.label if overall.level else "Not assessed",
            f"{format_percent(overall.compliant_percent)} of "
            f"{overall.applicable_count} applicable standards {compliant}",
        )
        answered = sum(r.answered for r in overall.standards if r.status != "not_applicable")
        total = sum(
            r.applicable_criteria for r in overall.standards if r.status != "not_applicable"
        )
        self.completeness_tile.set_figure(
            format_percent(overall.completeness),
            f"{answered} of {total} applicable criteria answered",
        )
        overdue = overdue_actions(framework, assessment, self.today())
        open_count = sum(1 for r in assessment.responses.values() for a in r.actions if a.is_open)
        self.overdue_tile.set_figure(str(len(overdue)), f"of {open_count} open actions")
        self._fill_grid(overall)
        self.chart.set_results(framework, overall)
        lowest = framework.bands_low_to_high[0]
        red = [r for r in overall.standards if r.band is not None and r.band.id == lowest.id]
        self.red_list.setText(
            "<br>".join(
                f'<a href="{r.standard.id}">{r.standard.number}. {r.standard.title}</a>'
                + (" (override)" if r.overridden else "")
                for r in red
            )
            or f"No standard is rated {lowest.label.lower()}."
        )
        self.overdue_model.set_rows(overdue)
        self.overdue_table.resizeRowsToContents()

    def _fill_grid(self, overall: OverallResult) -> None:
        columns = 4
        while len(self.tiles) < len(overall.standards):
            tile = StandardTile()
            tile.clicked.connect(
                lambda _checked=False, t=tile: self.standardChosen.emit(t.result.standard.id)
            )
            self.grid.addWidget(tile, len(self.tiles) // columns, len(self.tiles) % columns)
            self.tiles.append(tile)
        for tile, result in zip(self.tiles, overall.standards, strict=False):
            tile.set_result(result)
            tile.show()
        for tile in self.tiles[len(overall.standards) :]:
            tile.hide()
