"""Typography of the PDF report: embedded fonts, NHS colours, paragraph and table styles."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Table,
    TableStyle,
)

from selfassess.errors import ExportError
from selfassess.exports.sheet_text import clean_text
from selfassess.paths import resources_dir
from selfassess.presentation import (
    NHS_BLUE,
    TEXT_COLOUR,
    rating_colours,
    rating_letter,
    rating_word,
)
from selfassess.scoring import StandardResult

# Liberation Sans has Arial's metrics (the NHS fallback font) and may be embedded freely
# (SIL OFL); registering it under our own names means no base-14 font is ever referenced,
# so every glyph in the PDF comes from an embedded file.
FONT = "LiberationSans"
FONT_BOLD = "LiberationSans-Bold"
FONT_ITALIC = "LiberationSans-Italic"
FONT_BOLD_ITALIC = "LiberationSans-BoldItalic"
_FONT_FILES = {
    FONT: "LiberationSans-Regular.ttf",
    FONT_BOLD: "LiberationSans-Bold.ttf",
    FONT_ITALIC: "LiberationSans-Italic.ttf",
    FONT_BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}

BLUE = colors.HexColor(NHS_BLUE)
TEXT = colors.HexColor(TEXT_COLOUR)
SECONDARY = colors.HexColor("#4C6272")  # NHS dark grey: captions, metadata
RULE = colors.HexColor("#D8DDE0")  # NHS pale grey: table rules
PANEL = colors.HexColor("#F0F4F5")  # NHS light grey: quoted statements, key figures
ALERT = colors.HexColor("#D5281B")  # NHS red: overdue flags (always with a word)
WHITE = colors.white

PAGE_MARGIN = 20 * mm
HEADING_ROOM = 32 * mm  # a heading, a table's header row and its first rows
SHORT_TABLE_ROWS = 12  # rows that fit on a page however they wrap, near enough


@functools.cache
def register_fonts() -> None:
    """Register the bundled TTFs once per process (parsing them is the slow part)."""
    folder = resources_dir() / "fonts"
    try:
        for name, file in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    except (OSError, TTFError) as exc:
        raise ExportError(
            f"Cannot write the report: the fonts in {folder} are missing or damaged ({exc}). "
            "Reinstall SEND Self-Assessment."
        ) from None
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )


def _style(name: str, parent: ParagraphStyle | None = None, **kw: Any) -> ParagraphStyle:
    """A style in the report's font; one with a parent changes only what `kw` names."""
    if parent is not None:
        return ParagraphStyle(name, parent=parent, **kw)
    base: dict[str, Any] = {
        "fontName": FONT,
        "bulletFontName": FONT,  # reportlab's default bullet font is Helvetica
        "fontSize": 9.5,
        "leading": 13.5,
        "textColor": TEXT,
    }
    return ParagraphStyle(name, **(base | kw))


BODY = _style("body", spaceAfter=6)
LEAD = _style("lead", fontSize=11, leading=15.5, spaceAfter=8)
SMALL = _style("small", fontSize=8, leading=10.5, textColor=SECONDARY, spaceAfter=4)
H1 = _style("h1", fontName=FONT_BOLD, fontSize=20, leading=24, textColor=BLUE, spaceAfter=10)
H2 = _style(
    "h2",
    fontName=FONT_BOLD,
    fontSize=13,
    leading=16,
    textColor=BLUE,
    spaceBefore=14,
    spaceAfter=6,
)
KICKER = _style("kicker", fontName=FONT_BOLD, fontSize=9, leading=12, textColor=BLUE, spaceAfter=2)
H3 = _style("h3", fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=8, spaceAfter=3)
CELL = _style("cell", fontSize=8.5, leading=11)
CELL_BOLD = _style("cell-bold", parent=CELL, fontName=FONT_BOLD)
CELL_RIGHT = _style("cell-right", parent=CELL, alignment=TA_RIGHT)
CELL_NOTE = _style("cell-note", parent=CELL, fontSize=7.5, leading=9.5, textColor=SECONDARY)
# Paths and URLs have no spaces to break at; CJK wrapping breaks anywhere instead of overflowing.
CELL_PATH = _style("cell-path", parent=CELL_NOTE, wordWrap="CJK")
CELL_HEAD = _style("cell-head", parent=CELL, fontName=FONT_BOLD, textColor=WHITE)
CELL_HEAD_RIGHT = _style("cell-head-right", parent=CELL_HEAD, alignment=TA_RIGHT)
FIGURE = _style(
    "figure", fontName=FONT_BOLD, fontSize=20, leading=24, textColor=BLUE, alignment=TA_CENTER
)
FIGURE_CAPTION = _style(
    "figure-caption", fontSize=8, leading=10.5, textColor=SECONDARY, alignment=TA_CENTER
)
COVER_TITLE = _style("cover-title", fontName=FONT_BOLD, fontSize=26, leading=31, textColor=WHITE)
COVER_SUBTITLE = _style("cover-subtitle", fontSize=13, leading=18, textColor=WHITE)


def markup(text: str) -> str:
    """User text made safe for reportlab's mini-markup: `&`, `<`, `>` print literally."""
    return escape(clean_text(text)).replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of user (or plain) text, escaped."""
    return Paragraph(markup(text), style)


def rich(fragment: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph whose markup the report wrote itself; user text inside was escaped."""
    return Paragraph(fragment, style)


def heading(text: str, style: ParagraphStyle = H2) -> list[Flowable]:
    """A heading that goes to a new page rather than sit alone at the foot of this one.

    A check for room, not keepWithNext: keeping a heading with a long table lays the whole
    table out twice, and moves it to a fresh page even when it could have started here.
    """
    return [CondPageBreak(HEADING_ROOM), para(text, style)]


def titled(
    title: str, content: Sequence[Flowable], rows: int = 0, style: ParagraphStyle = H2
) -> list[Flowable]:
    """A heading with its content, such as a table of `rows` rows.

    Short content moves with its heading to the next page when it does not fit here. A long
    table starts here, below its heading, when there is room for its first rows: holding it
    together would leave most of a page blank and lay the whole table out twice.
    """
    if rows > SHORT_TABLE_ROWS:
        return [*heading(title, style), *content]
    return [KeepTogether([para(title, style), *content])]


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """`text` shortened with an ellipsis so that it fits in `width` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class RatingChip(Flowable):  # type: ignore[misc]
    """A rating as a filled lozenge with its word: readable in colour and in greyscale."""

    HEIGHT = 14.0
    SIZE = 8.5

    def __init__(self, word: str, fill: str, text: str) -> None:
        super().__init__()
        self.word, self.fill, self.text = word, colors.HexColor(fill), colors.HexColor(text)
        self.natural = stringWidth(word, FONT_BOLD, self.SIZE) + 14

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = min(self.natural, available_width)
        return self.width, self.HEIGHT

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.fill)
        canvas.setStrokeColor(SECONDARY)
        canvas.setLineWidth(0.4)
        canvas.roundRect(0, 0, self.width, self.HEIGHT, 3, stroke=1, fill=1)
        canvas.setFillColor(self.text)
        canvas.setFont(FONT_BOLD, self.SIZE)
        canvas.drawCentredString(self.width / 2, 4, self.word)


class FlowingTable(Table):  # type: ignore[misc]
    """A table that breaks between rows, and inside a row only if the row outgrows a page.

    Reportlab's in-row splitting, if always allowed, cuts rows that would fit on the next page
    and can repeat the header row above the cut; so it is allowed only at the top of a page,
    where a row that does not fit never will.
    """

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        self.splitInRow = int(bool(frame is not None and frame._atTop))
        parts: list[Flowable] = super().split(available_width, available_height)
        return parts


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    extra: Sequence[tuple[Any, ...]] = (),
    numeric: Sequence[int] = (),
) -> Table:
    """A table with a blue header row repeated on every page; rows may split across pages.

    Columns listed in `numeric` have their heading set flush right, above right-aligned figures.
    """
    heads = [
        para(title, CELL_HEAD_RIGHT if index in numeric else CELL_HEAD)
        for index, title in enumerate(header)
    ]
    data = [heads, *rows]
    style = [
        # Plain strings (dates, numbers) are drawn by the table itself, whose default font
        # is Helvetica; they are cheaper to lay out than Paragraphs.
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), CELL.fontSize),
        ("LEADING", (0, 0), (-1, -1), CELL.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
        *[("ALIGN", (column, 0), (column, -1), "RIGHT") for column in numeric],
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), BLUE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        *extra,
    ]
    return FlowingTable(
        data,
        colWidths=list(widths),
        style=TableStyle(style),
        repeatRows=1,
        hAlign="LEFT",
        spaceBefore=2,
        spaceAfter=10,
    )


def panel(content: list[Any], width: float, accent: colors.Color = BLUE) -> Table:
    """Content on a light panel with a coloured rule at the left, for quoted statements."""
    return FlowingTable(
        [[content]],
        colWidths=[width],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LINEBEFORE", (0, 0), (0, -1), 3, accent),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
        hAlign="LEFT",
        spaceBefore=2,
        spaceAfter=8,
    )


def rating_chip(result: StandardResult) -> RatingChip:
    """A standard's rating as a chip: the word, with the band's letter where it has one."""
    fill, text = rating_colours(result)
    word = rating_word(result)
    if result.status == "rated":
        word = f"{word} ({rating_letter(result)})"
    return RatingChip(word, fill, text)
