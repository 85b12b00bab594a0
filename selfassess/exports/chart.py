"""The column chart of how many standards have each rating, drawn with reportlab.graphics."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from selfassess.exports.report_styles import FONT, FONT_BOLD, RULE, SECONDARY, TEXT


@dataclass(frozen=True)
class Column:
    label: str  # the rating's word (and letter), so the chart reads without colour
    count: int
    fill: str


_HEIGHT = 165.0
_LEFT = 26.0  # room for the axis numbers
_BOTTOM = 22.0  # room for the rating words
_TOP = 22.0  # room for the axis caption and the count above the tallest column


def _text(x: float, y: float, text: str, font: str, size: float, anchor: str) -> String:
    # Every String names its font: the graphics default is Helvetica, which is not embedded.
    return String(x, y, text, fontName=font, fontSize=size, fillColor=TEXT, textAnchor=anchor)


def rating_chart(columns: Sequence[Column], width: float) -> Drawing:
    """Columns of standards per rating, each labelled with its word and count."""
    # The renderer starts every drawing in Helvetica unless told otherwise, even if no text uses it.
    drawing = Drawing(width, _HEIGHT, initialFontName=FONT)
    plot_width = width - _LEFT
    plot_height = _HEIGHT - _BOTTOM - _TOP
    top = max([1, *(column.count for column in columns)])
    step = 1 if top <= 6 else 2
    top = math.ceil(top / step) * step
    scale = plot_height / top

    caption = _text(0, _HEIGHT - 9, "Number of standards", FONT, 7.5, "start")
    caption.fillColor = SECONDARY
    drawing.add(caption)
    for tick in range(0, top + 1, step):
        y = _BOTTOM + tick * scale
        drawing.add(Line(_LEFT, y, width, y, strokeColor=RULE, strokeWidth=0.5))
        label = _text(_LEFT - 6, y - 2.5, str(tick), FONT, 7.5, "end")
        label.fillColor = SECONDARY
        drawing.add(label)

    slot = plot_width / max(1, len(columns))
    bar_width = min(slot * 0.55, 56.0)
    for index, column in enumerate(columns):
        centre = _LEFT + slot * (index + 0.5)
        height = column.count * scale
        if height:
            drawing.add(
                Rect(
                    centre - bar_width / 2,
                    _BOTTOM,
                    bar_width,
                    height,
                    fillColor=colors.HexColor(column.fill),
                    strokeColor=SECONDARY,
                    strokeWidth=0.5,
                )
            )
        drawing.add(_text(centre, _BOTTOM + height + 4, str(column.count), FONT_BOLD, 10, "middle"))
        drawing.add(_text(centre, _BOTTOM - 12, column.label, FONT, 8, "middle"))
    drawing.add(Line(_LEFT, _BOTTOM, width, _BOTTOM, strokeColor=SECONDARY, strokeWidth=0.8))
    return drawing
