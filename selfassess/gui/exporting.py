"""Exporting from the app (the workbook, the PDF report, a comparison): off the GUI thread."""

from __future__ import annotations

import copy
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QStatusBar, QWidget

from selfassess.document import Document
from selfassess.errors import SelfAssessError
from selfassess.gui import dialogs
from selfassess.gui.tasks import run_in_background


def _workbook(document: Document, path: Path) -> None:
    from selfassess.exports.workbook import write_workbook  # slow import, on the worker thread

    write_workbook(document, path)


def _report(document: Document, path: Path) -> None:
    from selfassess.exports.report import write_report

    write_report(document, path)


# (menu text, what it is called in messages, suffix, file filter, writer)
EXPORTS: dict[str, tuple[str, str, str, str, Callable[[Document, Path], None]]] = {
    "workbook": ("Export &workbook…", "workbook", ".xlsx", "Excel workbooks (*.xlsx)", _workbook),
    "report": ("Export &PDF report…", "PDF report", ".pdf", "PDF documents (*.pdf)", _report),
}


def export(window: QMainWindow, document: Document, kind: str) -> None:
    """Ask where, write a copy of `document` in the background, then offer to open it."""
    _text, what, suffix, file_filter, write = EXPORTS[kind]
    assessment = document.assessment
    name = f"{assessment.organisation.name} {assessment.period.label} {what}"
    snapshot = copy.deepcopy(document)  # the user may go on editing while it is written
    export_file(
        window,
        what,
        name,
        suffix,
        file_filter,
        lambda path: write(snapshot, path),
        window.statusBar(),
    )


def export_file(
    parent: QWidget,
    what: str,
    name: str,
    suffix: str,
    file_filter: str,
    write: Callable[[Path], None],
    status: QStatusBar | None = None,
) -> None:
    """Ask where to save `name`, run `write(path)` in the background, then offer to open it.

    `write` runs off the GUI thread: it must only use data nobody edits meanwhile.
    """
    suggested = name.replace("/", "-") + suffix
    path = dialogs.ask_save_path(parent, f"Export the {what}", suggested, file_filter, suffix)
    if path is None:
        return
    if status is not None:
        status.showMessage(f"Writing the {what}…")

    def work() -> Path:
        write(path)
        return path

    def exported(result: Path) -> None:
        if status is not None:
            status.showMessage(f"Exported the {what} to {result}", 10_000)
        if dialogs.ask_open_result(parent, what, result):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result)))

    def failed(exc: Exception) -> None:
        if status is not None:
            status.clearMessage()
        title = f"Cannot export the {what}"
        if isinstance(exc, SelfAssessError):
            dialogs.show_error(parent, title, f"{exc}\n\nYour assessment is unchanged.")
            return
        dialogs.show_error(
            parent,
            title,
            f"The {what} could not be written because of an unexpected problem ({exc}). "
            "Your assessment is unchanged. Please report this, with the details below.",
            "".join(traceback.format_exception(exc)),
        )

    run_in_background(parent, f"Writing the {what}…", work, exported, failed)
