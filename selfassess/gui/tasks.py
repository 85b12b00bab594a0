"""Runs a slow core operation (an export) off the GUI thread and reports back on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the GUI thread, which shows it
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


_running: set[_Job] = set()  # keeps each job's signals alive until it has reported


def run_in_background(
    parent: QWidget,
    label: str,
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
) -> QProgressDialog:
    """Run `work()` on the thread pool with a busy dialog; call back on the GUI thread.

    `work` must not touch widgets or the open document: give it a copy of what it needs.
    """
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setWindowTitle("Please wait")
    progress.setCancelButton(None)  # a half-written file is never left behind, but an
    # export cannot be interrupted part-way, so no Cancel is offered
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    job = _Job(work)
    _running.add(job)

    def done(callback: Callable[[Any], None], value: Any) -> None:
        _running.discard(job)
        progress.reset()
        progress.deleteLater()
        callback(value)

    job.signals.finished.connect(lambda result: done(on_success, result))
    job.signals.failed.connect(lambda exc: done(on_failure, exc))
    job.setAutoDelete(False)
    QThreadPool.globalInstance().start(job)
    return progress
