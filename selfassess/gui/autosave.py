"""Autosave to the user's local data folder, and recovery of that copy after a crash."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from selfassess.document import EXTENSION, Document, read_document, save_document
from selfassess.errors import SelfAssessError
from selfassess.gui import settings
from selfassess.gui.session import Session
from selfassess.lock import LockHolder, current_holder, is_stale

INTERVAL_MS = 60_000


def autosave_dir() -> Path:
    return settings.data_dir() / "autosave"


@dataclass(frozen=True)
class Recovery:
    """An autosaved copy left by a session that ended without saving or closing cleanly."""

    copy: Path
    original: Path | None
    description: str

    def read(self) -> Document:
        return read_document(self.copy)

    def discard(self) -> None:
        self.copy.unlink(missing_ok=True)
        self.copy.with_suffix(".json").unlink(missing_ok=True)


def pending_recoveries() -> list[Recovery]:
    """Copies whose app is no longer running (a crash, a kill, a power cut), newest first."""
    found = []
    for info in sorted(
        autosave_dir().glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True
    ):
        try:
            data = json.loads(info.read_text(encoding="utf-8"))
            holder = LockHolder(**data["holder"])
            original = Path(data["original"]) if data["original"] else None
            description = str(data["description"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not ours or unreadable: leave it alone rather than guess
        copy = info.with_suffix(EXTENSION)
        if is_stale(holder) and copy.exists():
            found.append(Recovery(copy, original, description))
    return found


class Autosaver(QObject):
    """Keeps a copy of the session's unsaved work, and removes it once the work is saved."""

    failed = Signal(str)
    saved = Signal(str)

    def __init__(self, session: Session, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(session)
        self.session = session
        self.stem: str | None = None
        self._kept_at: int | None = None  # the undo step the copy holds
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        session.stateChanged.connect(self._state_changed)
        session.replaced.connect(self.discard)

    def _paths(self) -> tuple[Path, Path]:
        assert self.stem is not None
        return autosave_dir() / f"{self.stem}{EXTENSION}", autosave_dir() / f"{self.stem}.json"

    def save_now(self) -> None:
        document = self.session.document
        if document is None or not self.session.is_dirty:
            return
        step = self.session.undo_stack.index()
        if self.stem is not None and step == self._kept_at:
            return  # nothing new since the last copy
        if self.stem is None:
            self.stem = f"{document.assessment.id}-{os.getpid()}"
        copy, info = self._paths()
        org = document.assessment.organisation.name
        now = datetime.now().strftime("%H:%M on %d %b %Y")
        record = {
            "holder": asdict(current_holder()),
            "original": str(self.session.path) if self.session.path else "",
            "description": f"{org}, {document.assessment.period.label} "
            f"({self.session.path.name if self.session.path else 'never saved'}), kept at {now}",
        }
        try:
            autosave_dir().mkdir(parents=True, exist_ok=True)
            save_document(document, copy)
            info.write_text(json.dumps(record), encoding="utf-8")
        except (OSError, SelfAssessError) as exc:
            self.failed.emit(f"Autosave failed: {exc}")
            return
        self._kept_at = step
        self.saved.emit(f"Autosaved at {datetime.now():%H:%M}")

    def adopt(self, recovery: Recovery) -> None:
        """Carry on from a recovered copy: it stays until the recovered work is saved."""
        self.discard()
        self.stem = recovery.copy.stem
        self._kept_at = None
        self.save_now()

    def discard(self) -> None:
        if self.stem is None:
            return
        for path in self._paths():
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        self.stem = None

    def _state_changed(self) -> None:
        if not self.session.is_dirty:
            self.discard()
