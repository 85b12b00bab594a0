"""Reading a workbook's cells as typed values, recording every problem against its cell."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from selfassess.errors import ReturnProblem

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %b %Y", "%d %B %Y", "%d-%m-%Y")
_SPLIT = re.compile(r"[,;\s]+")


def coordinate(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


@dataclass
class SheetValues:
    """The values of one sheet, addressed like the spreadsheet: 1-based rows and columns."""

    name: str
    rows: list[tuple[Any, ...]]

    @property
    def last_row(self) -> int:
        return len(self.rows)

    def value(self, row: int, column: int) -> Any:
        if 1 <= row <= len(self.rows) and 1 <= column <= len(self.rows[row - 1]):
            value = self.rows[row - 1][column - 1]
            return None if isinstance(value, str) and not value.strip() else value
        return None

    def row_is_empty(self, row: int, columns: Sequence[int]) -> bool:
        return all(self.value(row, column) is None for column in columns)


def _text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _date_of(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 2958466:
        # A date typed where the cell lost its date format arrives as Excel's day number.
        serial = from_excel(value)
        return serial.date() if isinstance(serial, datetime) else None
    if isinstance(value, str):
        for pattern in _DATE_FORMATS:
            try:
                return datetime.strptime(value.strip(), pattern).date()
            except ValueError:
                continue
    return None


def _number_of(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", ""))
        except ValueError:
            return None
    return None


@dataclass
class CellReader:
    """Typed reads from sheets; a value that does not fit is reported and read as empty."""

    problems: list[ReturnProblem] = field(default_factory=list)

    def report(self, sheet: SheetValues | str, row: int, column: int, message: str) -> None:
        name = sheet if isinstance(sheet, str) else sheet.name
        self.problems.append(ReturnProblem(name, coordinate(row, column), message))

    def text(self, sheet: SheetValues, row: int, column: int) -> str:
        return _text_of(sheet.value(row, column))

    def date(self, sheet: SheetValues, row: int, column: int) -> date | None:
        value = sheet.value(row, column)
        if value is None:
            return None
        found = _date_of(value)
        if found is None:
            self.report(
                sheet, row, column, f"{_text_of(value)!r} is not a date (expected e.g. 31/03/2026)"
            )
        return found

    def number(self, sheet: SheetValues, row: int, column: int) -> float | None:
        value = sheet.value(row, column)
        if value is None:
            return None
        found = _number_of(value)
        if found is None:
            self.report(sheet, row, column, f"{_text_of(value)!r} is not a number")
        elif found < 0:
            self.report(sheet, row, column, f"{_text_of(value)} is negative; expected 0 or more")
            return None
        return found

    def choice(
        self, sheet: SheetValues, row: int, column: int, choices: Sequence[str]
    ) -> str | None:
        """The choice in a cell, spelt as in `choices` (matched ignoring case and spaces)."""
        value = sheet.value(row, column)
        if value is None:
            return None
        text = _text_of(value)
        wanted = " ".join(text.split()).casefold()
        for choice in choices:
            if " ".join(choice.split()).casefold() == wanted:
                return choice
        shown = ", ".join(choices) if len(choices) <= 12 else ", ".join(choices[:12]) + ", …"
        self.report(sheet, row, column, f"{text!r} is not one of the choices ({shown})")
        return None

    def expect(self, sheet: SheetValues, row: int, column: int, expected: Any, what: str) -> None:
        """Report a fixed cell whose content differs from what the template put there."""
        found = _text_of(sheet.value(row, column))
        if found != _text_of(expected):
            shown = repr(found) if found else "an empty cell"
            self.report(
                sheet,
                row,
                column,
                f"the {what} should read {_text_of(expected)!r} but is {shown}: "
                "the return's fixed structure was changed",
            )


def split_refs(text: str) -> list[str]:
    """Criterion references typed as a list: commas, semicolons or spaces between them."""
    return [part for part in _SPLIT.split(text) if part]
