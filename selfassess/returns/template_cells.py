"""Cells of the return template: styles for fixed and answer cells, validations, protection."""

from __future__ import annotations

from datetime import date

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from selfassess.exports import workbook_layout
from selfassess.presentation import SHEET_DATE_FORMAT, TEXT_COLOUR
from selfassess.returns import layout
from selfassess.returns.layout import Column

FONT = workbook_layout.FONT
LOCKED_FILL = "E8EDEE"  # NHS pale grey: fixed cells read as "not for you to type in"
BORDER_COLOUR = "AEB7BD"
SHEET_LAST_ROW = 1_048_576  # validations on open-ended tables cover every row Excel has
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)

HELP = "Return help"
FIXED = "Return fixed"
INPUT = "Return input"
INPUT_DATE = "Return input date"
TEXT = "Return text"  # wrapped, without the grid of a table
PLAIN_TEXT = "Return plain"


def template_styles() -> list[NamedStyle]:
    """The template's own styles: help text, fixed cells and answer cells."""
    thin = Side(style="thin", color=BORDER_COLOUR)
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    top_wrap = Alignment(vertical="top", wrap_text=True)
    locked, unlocked = Protection(locked=True), Protection(locked=False)
    body = Font(name=FONT, size=10, color=TEXT_COLOUR[1:])
    return [
        NamedStyle(HELP, font=Font(name=FONT, size=10, italic=True, color=TEXT_COLOUR[1:])),
        NamedStyle(
            FIXED,
            font=body,
            fill=PatternFill("solid", fgColor=LOCKED_FILL),
            border=box,
            alignment=top_wrap,
            protection=locked,
        ),
        NamedStyle(INPUT, font=body, border=box, alignment=top_wrap, protection=unlocked),
        NamedStyle(
            INPUT_DATE,
            font=body,
            border=box,
            alignment=Alignment(vertical="top", horizontal="left"),
            number_format=SHEET_DATE_FORMAT,
            protection=unlocked,
        ),
        NamedStyle(TEXT, font=body, alignment=top_wrap),
        NamedStyle(PLAIN_TEXT, font=body),
    ]


def input_style(column: Column) -> str:
    return INPUT_DATE if column.kind == "date" else INPUT


def _excel_day(day: date) -> str:
    """A date as the day number Excel's validation formulas compare with."""
    return str((day - date(1899, 12, 30)).days)


def validation(column: Column, list_name: str = "") -> DataValidation:
    """The validation for an answer cell: a drop-down, a number or date range, or just a hint."""
    if column.kind == "choice" or list_name:
        rule = DataValidation(
            type="list", formula1=layout.list_range_name(list_name or column.choices)
        )
        refusal = ("Not one of the choices", "Choose a value from the drop-down list.")
    elif column.kind == "date":
        rule = DataValidation(
            type="date",
            operator="between",
            formula1=_excel_day(EARLIEST),
            formula2=_excel_day(LATEST),
        )
        refusal = ("Not a date", "Enter a date, for example 31/03/2026.")
    elif column.kind == "number":
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        refusal = ("Not a number", "Enter a number of zero or more.")
    else:
        rule, refusal = DataValidation(), None
    rule.allow_blank = True
    rule.promptTitle, rule.prompt = column.header[:32], column.hint[:255]
    rule.showInputMessage = bool(column.hint)
    if refusal:
        rule.showErrorMessage = True
        rule.errorStyle = "stop"
        rule.errorTitle, rule.error = refusal
    return rule


def row_spans(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs: [4, 5, 6, 9] -> [(4, 6), (9, 9)].

    One range per run keeps the validations short to write and quick to read back.
    """
    spans: list[tuple[int, int]] = []
    for row in rows:
        if spans and spans[-1][1] == row - 1:
            spans[-1] = (spans[-1][0], row)
        else:
            spans.append((row, row))
    return spans


def validate(sheet: Worksheet, rule: DataValidation, *cells: str) -> None:
    for cell in cells:
        rule.add(cell)
    sheet.add_data_validation(rule)


def protect(sheet: Worksheet) -> None:
    # Without a password: protection stops accidents; tampering is caught on import.
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False  # readers may widen columns and rows to read long text
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False
