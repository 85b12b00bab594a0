"""The open document: its path, lock, undo stack and unsaved state, with signals views follow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from selfassess.assessment import StandardResponse
from selfassess.document import Document, save_document
from selfassess.lock import DocumentLock, LockHolder, acquire_lock


class Session(QObject):
    """One per window; holds at most one document at a time."""

    changed = Signal(str)  # a standard's id, or "" when the assessment as a whole changed
    replaced = Signal()  # a different document (or none) is now open
    stateChanged = Signal()  # path, unsaved state or read-only state changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.path: Path | None = None
        self.locked_by: LockHolder | None = None  # someone else's lock: opened read-only
        self._lock: DocumentLock | None = None
        self._never_saved = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(lambda _clean: self.stateChanged.emit())

    # --- opening and closing -------------------------------------------------------------

    def load(
        self,
        document: Document | None,
        path: Path | None = None,
        lock: DocumentLock | None = None,
        *,
        locked_by: LockHolder | None = None,
        never_saved: bool = False,
    ) -> None:
        """Show `document`; the session takes over `lock` and releases the previous one."""
        if lock is not None and self._lock is not None and lock.path == self._lock.path:
            self._lock = None  # the same file opened again: its lock carries on, held anew
        self.release_lock()
        self.document, self.path, self._lock = document, path, lock
        self.locked_by = locked_by
        self._never_saved = never_saved
        self.undo_stack.clear()
        self.replaced.emit()
        self.stateChanged.emit()

    def close(self) -> None:
        self.load(None)

    def release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # --- state ---------------------------------------------------------------------------

    @property
    def is_dirty(self) -> bool:
        return self.document is not None and (self._never_saved or not self.undo_stack.isClean())

    @property
    def read_only(self) -> bool:
        return self.document is not None and (
            self.locked_by is not None or self.document.assessment.is_approved
        )

    def save(self, path: Path) -> None:
        """Save to `path`, taking its lock first when it is a new place; raises SelfAssessError."""
        assert self.document is not None
        path = Path(path)
        new_lock = None
        if self.path is None or path.resolve() != self.path.resolve() or self._lock is None:
            # Lock before writing, so a file a colleague has open is never overwritten.
            new_lock = acquire_lock(path)
        try:
            save_document(self.document, path)
        except BaseException:
            if new_lock is not None:
                new_lock.release()
            raise
        if new_lock is not None:
            self.release_lock()
            self._lock = new_lock
        self.path, self.locked_by, self._never_saved = path, None, False
        self.undo_stack.setClean()
        self.stateChanged.emit()

    # --- edits: every one arrives through a QUndoCommand -----------------------------------

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def response(self, standard_id: str) -> StandardResponse:
        assert self.document is not None
        return self.document.assessment.responses.get(standard_id) or StandardResponse()

    def put_response(self, standard_id: str, response: StandardResponse) -> None:
        assert self.document is not None
        self.document.assessment.responses[standard_id] = response
        self.changed.emit(standard_id)

    def put_part(self, name: str, value: Any) -> None:
        """Replace a part of the assessment (signoff, organisation, period, assessors)."""
        assert self.document is not None
        was_read_only = self.read_only
        setattr(self.document.assessment, name, value)
        self.changed.emit("")
        if self.read_only != was_read_only:
            self.stateChanged.emit()

    def put_attachments(self, attachments: dict[str, bytes]) -> None:
        assert self.document is not None
        self.document.attachments = attachments
