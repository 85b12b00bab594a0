"""What the app keeps between runs: recent files, the chosen definitions, the autosave folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

ORGANISATION = "NHS"
APPLICATION = "SEND Self-Assessment"
MAX_RECENT = 8


def settings() -> QSettings:
    # An INI file in every OS's per-user settings folder: readable by support staff, and the
    # same in tests, which point the INI folder at a temporary one.
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def data_dir() -> Path:
    """The user's local data folder (autosaves live here, never on a shared drive)."""
    return Path(platformdirs.user_data_dir(APPLICATION, ORGANISATION))


def _paths(key: str) -> list[str]:
    value = settings().value(key, [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list
        return [value] if value else []
    return [str(item) for item in value or []]


def recent_files() -> list[str]:
    return [path for path in _paths("recent_files") if Path(path).exists()]


def add_recent_file(path: Path) -> None:
    text = str(Path(path).resolve())
    paths = [text, *(p for p in _paths("recent_files") if p != text)][:MAX_RECENT]
    settings().setValue("recent_files", paths)


def definitions_path() -> Path | None:
    """The definitions file chosen for new assessments; None for the bundled standards."""
    value = settings().value("definitions_path", "")
    return Path(str(value)) if value else None


def set_definitions_path(path: Path | None) -> None:
    settings().setValue("definitions_path", str(path) if path else "")


def last_folder() -> str:
    return str(settings().value("last_folder", str(Path.home())))


def remember_folder(path: Path) -> None:
    settings().setValue("last_folder", str(Path(path).parent))
