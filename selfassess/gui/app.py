"""Starts the desktop application: `python main.py [FILE]` or `selfassess [FILE]`."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication

from selfassess.gui import dialogs
from selfassess.gui.main_window import APP_NAME, MainWindow
from selfassess.gui.settings import APPLICATION, ORGANISATION


def application() -> QApplication:
    """The QApplication, created and set up once."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_NAME)
    # Fusion follows the system's light or dark scheme on every platform and draws the
    # same controls everywhere, so what users see matches the screenshots and the help.
    app.setStyle("Fusion")
    return app


def _report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    # A bug must not take the user's work with it: say so and keep running (the autosave
    # and the open document are untouched).
    detail = "".join(traceback.format_exception(kind, error, trace))
    sys.stderr.write(detail)
    dialogs.show_error(
        QApplication.activeWindow(),
        "Something went wrong",
        f"An unexpected problem occurred ({error}). Your work is still open: save it, and "
        "please report the problem with the details below.",
        detail,
    )


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    app = application()
    sys.excepthook = _report_unexpected
    window = MainWindow()
    window.show()
    if not window.offer_recovery() and args:
        window.open_path(Path(args[0]))
    return app.exec()
