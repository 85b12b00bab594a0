"""Starts the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel


def main(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel("SEND Self-Assessment")
    label.resize(480, 200)
    label.show()
    return app.exec()
