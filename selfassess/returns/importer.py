"""Reading a return back into an assessment: a filled template or the app's compliance workbook.

A return comes from outside, often edited by hand. Every problem found is reported with its
sheet and cell, and an assessment is returned only when there is none: nothing is imported
by half.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from selfassess.document import Document
from selfassess.errors import ReturnError, ReturnProblem
from selfassess.framework import Framework
from selfassess.returns import layout
from selfassess.returns.cell_reader import SheetValues
from selfassess.returns.template_import import TemplateImport
from selfassess.returns.workbook_import import DEFINITIONS, WORKBOOK_SHEETS, WorkbookImport

MAX_FILE_BYTES = 50 * 2**20
MAX_UNPACKED_BYTES = 500 * 2**20  # a genuine return is well under 5 MB unpacked
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Sheets only the first rows of which matter: the importers never look further.
READ_ONLY_THE_START = {layout.INSTRUCTIONS: 1, layout.LISTS: 1, DEFINITIONS: 12}


def _refuse(name: str, message: str) -> ReturnError:
    return ReturnError(name, [ReturnProblem("", "", message)])


def _check_container(path: Path) -> None:
    """Refuse what is not a workbook, or would unpack to far more than any return, cheaply."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _refuse(name, "the file does not exist") from None
    except OSError as exc:
        raise _refuse(name, f"the file cannot be read ({exc.strerror})") from None
    if path.suffix.lower() == ".xls":
        raise _refuse(
            name,
            "this is an Excel 97–2003 workbook (.xls); open it in Excel and save it as an "
            "Excel Workbook (.xlsx), then import that",
        )
    if size > MAX_FILE_BYTES:
        raise _refuse(name, f"the file is {size:,} bytes, too large for a return")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(
            name, "this is not an Excel workbook (.xlsx), or it is damaged or incomplete"
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refuse(name, "the workbook would unpack to an unsafe size; it was refused")


def read_sheets(path: Path, skip: Mapping[str, int] | None = None) -> dict[str, SheetValues]:
    """The values of a workbook's sheets; `skip` names sheets to read only so many rows of.

    Reading cells is most of an import's time, so sheets an importer needs little of (the
    template's instructions and lists, the compliance workbook's definitions) are cut short.
    """
    skip = skip or {}
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise _refuse(
            path.name, "this is not an Excel workbook (.xlsx), or it is damaged or incomplete"
        ) from None
    try:
        sheets = {}
        limit = layout.FIRST_ROW + layout.MAX_TABLE_ROWS
        for sheet in workbook.worksheets:
            rows: list[tuple[Any, ...]] = []
            for row in sheet.iter_rows(max_row=skip.get(sheet.title), values_only=True):
                rows.append(row)
                if len(rows) > limit:
                    raise _refuse(
                        path.name,
                        f"the {sheet.title} sheet has more than {layout.MAX_TABLE_ROWS:,} rows; "
                        "a return has far fewer",
                    )
            sheets[sheet.title] = SheetValues(sheet.title, rows)
        return sheets
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _refuse(path.name, f"the workbook is damaged ({exc})") from None
    finally:
        workbook.close()


def is_workbook(path: str | Path) -> bool:
    return Path(path).suffix.lower() in (*WORKBOOK_SUFFIXES, ".xls")


def import_return(path: str | Path, framework: Framework) -> Document:
    """Read a return workbook into a document scored against `framework`; ReturnError if not."""
    path = Path(path)
    _check_container(path)
    sheets = read_sheets(path, READ_ONLY_THE_START)
    if layout.META in sheets:
        return TemplateImport(path.name, framework, sheets).run()
    if set(WORKBOOK_SHEETS) <= set(sheets):
        return WorkbookImport(path.name, framework, sheets).run()
    raise _refuse(
        path.name,
        "this workbook is not a SEND self-assessment return: it has neither the return "
        "template's sheets nor a compliance workbook's "
        f"(it has: {', '.join(sheets)})",
    )
