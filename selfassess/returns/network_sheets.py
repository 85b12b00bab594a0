"""What the network's workbooks (comparison, regional) share: styles, print set-up, saving."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import NamedStyle
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

from selfassess import __version__
from selfassess.atomic import write_with
from selfassess.errors import ExportError, SelfAssessError
from selfassess.exports.workbook_layout import (
    LABEL,
    VALUE,
    VALUE_DATE,
    CellValue,
    SheetWriter,
    add_styles,
    print_setup,
)
from selfassess.framework import Framework
from selfassess.presentation import format_date


@dataclass
class NetworkWorkbook:
    """A workbook with the compliance workbook's named styles, and writers for its sheets."""

    workbook: Workbook
    styles: dict[str, StyleArray]
    _fresh: bool = True  # its first sheet is still the blank one a new workbook has

    def add_styles(self, styles: Iterable[NamedStyle]) -> None:
        """Named styles of its own, which its writers can then use."""
        for style in styles:
            self.workbook.add_named_style(style)
            self.styles[style.name] = style.as_tuple()

    def writer(self, title: str) -> SheetWriter:
        """A writer for a new sheet called `title`."""
        sheet = self.workbook.active if self._fresh else None
        if sheet is None:
            sheet = self.workbook.create_sheet(title)
        self._fresh = False
        sheet.title = title
        return SheetWriter(sheet, self.styles)


def new_workbook(framework: Framework) -> NetworkWorkbook:
    workbook = Workbook()
    return NetworkWorkbook(workbook, dict(add_styles(workbook, framework)))


def key_values(
    writer: SheetWriter, top: int, pairs: Sequence[tuple[str, CellValue]], column: int = 1
) -> int:
    """Labels down `column` with their values beside them; return the row after them."""
    for row, (label, value) in enumerate(pairs, top):
        writer.put(row, column, label, LABEL)
        writer.put(row, column + 1, value, VALUE_DATE if isinstance(value, date) else VALUE)
    return top + len(pairs)


def page_setup(
    sheet: Worksheet, heading: str, today: date, title_rows: str, freeze: str, wide: bool = False
) -> None:
    """The network workbooks' print set-up: their heading, and when and by what they were made."""
    footer = f"Made {format_date(today)} · SEND Self-Assessment {__version__}"
    print_setup(sheet, heading, footer, title_rows, freeze, wide)


def save_workbook(workbook: Workbook, path: str | Path) -> None:
    """Save atomically; a failure is an ExportError saying what to do."""

    def produce(handle: IO[bytes]) -> None:
        workbook.save(handle)

    try:
        write_with(Path(path), produce, doing="write")
    except ExportError:
        raise
    except SelfAssessError as exc:
        raise ExportError(str(exc)) from None
