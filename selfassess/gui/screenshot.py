"""Renders a view of the app for a document offscreen to a PNG (`selfassess screenshot`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMessageLogContext,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)

from selfassess.atomic import write_atomically
from selfassess.document import Document, read_document
from selfassess.errors import SelfAssessError


def parse_view(view: str) -> int | None:
    """'dashboard' -> None; 'standard:N' -> N."""
    if view == "dashboard":
        return None
    kind, _, number = view.partition(":")
    if kind == "standard" and number.isdigit():
        return int(number)
    raise SelfAssessError(
        f"unknown view {view!r}: use 'dashboard' or 'standard:N' (e.g. standard:3)"
    )


def _drop_offscreen_notice(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform says, for every window, that it cannot resize one to fit its
    # contents; that is expected here and would only clutter the command's output.
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def render_screenshot(
    file: Path, out: Path, view: str = "dashboard", size: tuple[int, int] = (1400, 900)
) -> None:
    """Open `file` read-only in a window of `size`, show `view` and write it to `out` as PNG."""
    number = parse_view(view)
    document = read_document(file)
    numbers = {standard.number: standard.id for standard in document.framework.standards}
    if number is not None and number not in numbers:
        raise SelfAssessError(
            f"{file} has no standard {number} (it has {min(numbers)}–{max(numbers)})"
        )
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    previous = qInstallMessageHandler(_drop_offscreen_notice)
    try:
        png = _grab(document, Path(file), None if number is None else numbers[number], size)
    finally:
        qInstallMessageHandler(previous)
    write_atomically(Path(out), png, doing="write")


def _grab(document: Document, file: Path, standard_id: str | None, size: tuple[int, int]) -> bytes:
    """PNG bytes of the main window showing the dashboard or a standard's page."""
    from selfassess.gui.app import application
    from selfassess.gui.main_window import MainWindow

    app = application()
    window = MainWindow()
    # No lock is taken: a screenshot only looks, and must not stop a colleague opening the file.
    window.session.load(document, file)
    window.setAttribute(
        Qt.WidgetAttribute.WA_DontShowOnScreen, os.environ["QT_QPA_PLATFORM"] != "offscreen"
    )
    window.resize(*size)
    window.show()
    if standard_id is None:
        window.show_dashboard()
    else:
        window.show_standard(standard_id)
    for _ in range(3):
        app.processEvents()
    image = window.grab().toImage()
    window.close()
    if (image.width(), image.height()) != size:  # a high-DPI screen grabs more pixels
        image = image.scaled(
            *size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())
