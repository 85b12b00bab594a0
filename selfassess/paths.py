"""Where the bundled definitions and resources are, both in a source tree and when installed."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # An installed wheel carries the folders inside the package; a frozen build (PyInstaller)
    # unpacks them beside the executable; a source checkout has them at the repository top.
    candidates = [_PACKAGE / "_bundled" / name, _PACKAGE.parent / name]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found (looked in {candidates})")


def standards_dir() -> Path:
    """The folder of bundled definitions files."""
    return _bundled("standards")


def resources_dir() -> Path:
    """The folder of bundled icons, fonts and styles."""
    return _bundled("resources")


def default_framework_path() -> Path:
    """The definitions file a new assessment uses unless the user picks another."""
    return standards_dir() / "swscn-send-2014-v5.yaml"
