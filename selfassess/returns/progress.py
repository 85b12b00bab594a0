"""A progress bar on the terminal for long runs: drawn only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 28
_REDRAW_SECONDS = 0.1  # redrawing for every one of hundreds of fast files would slow the run


class TerminalProgress:
    """Call with (done, total, label); `close` clears the line. Silent when not a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.active = self.stream.isatty()
        self._last = 0.0

    def __call__(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if not self.active or (done < total and now - self._last < _REDRAW_SECONDS):
            return
        self._last = now
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        name = label if len(label) <= 30 else label[:29] + "…"
        self.stream.write(f"\r{bar} {done}/{total} {name:<30}")
        self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r" + " " * (BAR_WIDTH + 50) + "\r")
            self.stream.flush()
