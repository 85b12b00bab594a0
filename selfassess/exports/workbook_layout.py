"""How the workbook looks and how cells are written: named styles, tables, row heights, print."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from selfassess.assessment import Assessment
from selfassess.document import Document
from selfassess.exports.sheet_text import cell_text, clean_text, could_be_formula, truncate
from selfassess.framework import Framework
from selfassess.presentation import (
    NHS_BLUE,
    NOT_APPLICABLE_COLOUR,
    NOT_RATED_COLOUR,
    OVERDUE_COLOURS,
    SHEET_DATE_FORMAT,
    SHEET_PERCENT_FORMAT,
    TEXT_COLOUR,
    band_colours,
    format_date,
    rating_word,
)
from selfassess.scoring import OverallResult, StandardResult

FONT = "Arial"
GRID_COLOUR = "#D8DDE0"  # NHS pale grey: cell borders that guide the eye without shouting
QUIET_COLOUR = "#4C6272"  # NHS secondary-text grey: still 6:1 on white, but recedes

# Named styles: one style object per look, shared by every cell that has it (fast, and a
# user who restyles the workbook finds them under Cell Styles).
TITLE = "SEND title"
HEADING = "SEND heading"
HEADER = "SEND header"
TEXT = "SEND text"
VALUE = "SEND value"  # unwrapped text that may run on into empty cells beside it
VALUE_DATE = "SEND value date"
LABEL = "SEND label"
DATE = "SEND date"
PERCENT = "SEND percent"
NUMBER = "SEND number"
FIGURE = "SEND figure"
FIGURE_PERCENT = "SEND figure percent"
OVERDUE = "SEND overdue"
ID = "SEND id"

Value = str | int | float | date | None


@dataclass(frozen=True)
class Styled:
    """A value written in a style other than its column's, such as a rating with its fill."""

    value: Value
    style: str


CellValue = Value | Styled


@dataclass(frozen=True)
class Column:
    """A table column; an unprinted one (an ID for programs) must come after all printed ones."""

    title: str
    width: float
    style: str = TEXT
    printed: bool = True


@dataclass(frozen=True)
class SheetContext:
    """What every sheet is written from: the document, its scores, and the day of export."""

    document: Document
    overall: OverallResult
    today: date

    @property
    def framework(self) -> Framework:
        return self.document.framework

    @property
    def assessment(self) -> Assessment:
        return self.document.assessment


def _argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


_SIDE = Side(style="thin", color=_argb(GRID_COLOUR))
_GRID = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)


def _named_style(
    name: str,
    *,
    bold: bool = False,
    size: float = 10,
    colour: str = TEXT_COLOUR,
    fill: str | None = None,
    number_format: str = "General",
    horizontal: str | None = None,
    wrap: bool = False,
    border: bool = True,
) -> NamedStyle:
    return NamedStyle(
        name=name,
        font=Font(name=FONT, size=size, bold=bold, color=_argb(colour)),
        fill=PatternFill("solid", fgColor=_argb(fill)) if fill else PatternFill(),
        border=_GRID if border else Border(),
        alignment=Alignment(horizontal=horizontal, vertical="top", wrap_text=wrap),
        number_format=number_format,
    )


def rating_style_name(key: str) -> str:
    return f"SEND rating {key}"


def add_styles(workbook: Workbook, framework: Framework) -> dict[str, StyleArray]:
    """Add the workbook's named styles; return each one's style array, by name."""
    styles = [
        _named_style(TITLE, bold=True, size=14, colour=NHS_BLUE, border=False),
        _named_style(HEADING, bold=True, size=11, colour=NHS_BLUE, border=False),
        _named_style(HEADER, bold=True, colour="#FFFFFF", fill=NHS_BLUE, wrap=True),
        _named_style(TEXT, wrap=True),
        _named_style(VALUE, border=False),
        _named_style(VALUE_DATE, number_format=SHEET_DATE_FORMAT, horizontal="left", border=False),
        _named_style(LABEL, bold=True, border=False),
        _named_style(DATE, number_format=SHEET_DATE_FORMAT, horizontal="left"),
        _named_style(PERCENT, number_format=SHEET_PERCENT_FORMAT, horizontal="center"),
        _named_style(NUMBER, horizontal="center"),
        _named_style(FIGURE, bold=True, horizontal="left", border=False),
        _named_style(
            FIGURE_PERCENT,
            bold=True,
            number_format=SHEET_PERCENT_FORMAT,
            horizontal="left",
            border=False,
        ),
    ]
    ratings = {band.id: band_colours(band) for band in framework.bands}
    ratings["not_rated"] = (NOT_RATED_COLOUR, TEXT_COLOUR)
    ratings["not_applicable"] = (NOT_APPLICABLE_COLOUR, TEXT_COLOUR)
    styles += [
        _named_style(rating_style_name(key), bold=True, colour=text, fill=fill, wrap=True)
        for key, (fill, text) in ratings.items()
    ]
    fill, text = OVERDUE_COLOURS
    styles.append(
        _named_style(OVERDUE, bold=True, colour=text, fill=fill, horizontal="center", wrap=True)
    )
    styles.append(_named_style(ID, size=8, colour=QUIET_COLOUR))
    for style in styles:
        workbook.add_named_style(style)
    return {style.name: style.as_tuple() for style in styles}


LINE_HEIGHT = 12.75  # points per line of 10-point Arial
MAX_ROW_HEIGHT = 409.0  # the most Excel allows
_MOST_LINES = int(MAX_ROW_HEIGHT // LINE_HEIGHT)


def _line_count(text: str, width: float) -> int:
    """Lines `text` wraps to in a column `width` characters wide (at most a full row's worth).

    Neither LibreOffice nor every Excel fits rows to wrapped text on opening a file, so the
    heights are set here. Excel gives a column 7 pixels per unit of width; English prose in
    10-point Arial averages 5.9 pixels a character, so a line holds about 1.18 characters
    per unit, and 1.1 leaves room for bold text and for words that do not fit.
    """
    per_line = max(1.0, width * 1.1)
    if len(text) <= per_line and "\n" not in text:
        return 1
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split(" "):
            if used and used + 1 + len(word) > per_line:
                lines += 1
                used = 0
            used += len(word) + (1 if used else 0)
            if used > per_line:  # a word longer than a line breaks across lines
                extra = math.ceil(used / per_line) - 1
                lines += extra
                used -= int(extra * per_line)
            if lines >= _MOST_LINES:
                return _MOST_LINES
    return lines


class SheetWriter:
    """Writes one worksheet's cells: text made safe, styles by name, rows tall enough to read.

    Tables are appended a row at a time, each cell made with its named style's array: the
    same cell as assigning the style by name, which looks the name up every time and takes
    longer than writing the cell over the ten thousand cells of a large assessment. A
    `sparse` writer leaves empty table cells out, a third of a large sheet, and prints the
    sheet's gridlines, which show through where the cells' own borders are missing.
    """

    def __init__(
        self, sheet: Worksheet, styles: Mapping[str, StyleArray], sparse: bool = False
    ) -> None:
        self.sheet = sheet
        self._styles = styles
        self._sparse = sparse
        sheet.print_options.gridLines = sparse
        self._lines: dict[tuple[str, float], int] = {}
        self.last_row = 0

    def put(self, row: int, column: int, value: CellValue, style: str) -> None:
        """Write one cell at or below the last row written."""
        if isinstance(value, Styled):
            style = value.style
            value = value.value
        cell = self.sheet.cell(row=row, column=column)
        cell.style = style  # first: setting a style replaces the cell's quote prefix
        _set_value(cell, value)
        self.last_row = max(self.last_row, row)

    def _append_row(self, columns: Sequence[Column], values: Sequence[CellValue]) -> None:
        """One table row below the last, made tall enough for its longest wrapped text."""
        cells: list[Cell | None] = []
        lines = 1
        row = self.last_row + 1
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            style = column.style
            if isinstance(value, Styled):
                style = value.style
                value = value.value
            if self._sparse and (value is None or value == ""):
                cells.append(None)
                continue
            cell = Cell(self.sheet, row, index, style_array=self._styles[style])
            text = _set_value(cell, value)
            cells.append(cell)
            # Anything shorter fits on one line; an unprinted column's IDs never wrap.
            if column.printed and len(text) > column.width:
                key = (text, column.width)  # a standard's narrative repeats on each criterion
                if key not in self._lines:
                    self._lines[key] = _line_count(text, column.width)
                lines = max(lines, self._lines[key])
        self.sheet.append(cells)
        self.last_row = row
        if lines > 1:
            self.sheet.row_dimensions[row].height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3)

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[CellValue]],
        top: int = 1,
        filtered: bool = True,
    ) -> int:
        """Write a header row at `top` and the rows below it; return the last row written.

        A sheet has one filter, so only its main table is `filtered`.
        """
        if top <= self.last_row:
            raise ValueError(f"table at row {top} would overwrite row {self.last_row}")
        for _ in range(top - 1 - self.last_row):
            self.sheet.append([])
        self.last_row = top - 1
        for index, column in enumerate(columns, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = column.width
        self._append_row(columns, [Styled(column.title, HEADER) for column in columns])
        for values in rows:
            self._append_row(columns, values)
        if filtered:
            last = get_column_letter(len(columns))
            self.sheet.auto_filter.ref = f"A{top}:{last}{max(self.last_row, top + 1)}"
        printed = sum(column.printed for column in columns)
        if printed < len(columns):
            # IDs are for programs that read the workbook back: the page keeps its scale.
            self.sheet.print_area = f"A1:{get_column_letter(printed)}{self.last_row}"
        return self.last_row


def _set_value(cell: Cell | MergedCell, value: Value) -> str:
    """Give a cell its value, text made safe; return the text written ('' for no text)."""
    if not isinstance(value, str):
        cell.value = value
        return ""
    value = cell_text(value)
    cell.value = value
    if could_be_formula(value):
        # Stored as a string cell, the text is never evaluated and comes back unchanged for a
        # program that reads the return. The quote prefix is what Excel itself sets when a user
        # types '=...: if someone edits the cell, it stays text rather than becoming a formula.
        # An apostrophe in the text (the CSV advice) would change the data instead.
        cell.data_type = "s"
        cell.quotePrefix = True
    return value


def _header_footer_text(text: str) -> str:
    # '&' starts a code in Excel headers, which hold at most 255 characters in all.
    return truncate(clean_text(text), 100, "…").replace("&", "&&")


def print_setup(
    sheet: Worksheet, heading: str, footer_text: str, title_rows: str, freeze: str,
    wide: bool = False,
) -> None:  # fmt: skip
    """Landscape, one page wide (A3 if `wide`), titles repeated, a header and footer."""
    sheet.freeze_panes = freeze
    sheet.print_title_rows = title_rows
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3 if wide else sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as it needs
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.7)
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header is not None and footer is not None  # a new worksheet always has both
    header.left.text = _header_footer_text(heading)
    header.right.text = "&A"  # the sheet's name
    footer.left.text = _header_footer_text(footer_text)
    footer.center.text = "Page &P of &N"
    for item in (header.left, header.right, footer.left, footer.center):
        item.font = f"{FONT},Regular"
        item.size = 8


def page_setup(sheet: Worksheet, context: SheetContext, title_rows: str, freeze: str) -> None:
    """The compliance workbook's print set-up: the organisation and period in the header."""
    assessment = context.assessment
    heading = f"{assessment.organisation.name} — {assessment.period.label}"
    print_setup(sheet, heading, f"Exported {format_date(context.today)}", title_rows, freeze)


def percent(value: float | None) -> float | None:
    """A percentage as the fraction a '%' number format shows."""
    return None if value is None else value / 100


def rating_cell(result: StandardResult) -> Styled:
    return Styled(rating_word(result), rating_style_name(result.rating))
