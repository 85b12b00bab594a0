"""Runtime hook of the windowed app: what it writes to stderr goes to a log file instead."""

# A windowed Windows executable has no console, so PyInstaller sets sys.stdout and sys.stderr
# to None, and a traceback written there would itself fail. Sending both to a log file in the
# user's log folder keeps the app running and leaves support staff something to read.

from __future__ import annotations

import os
import sys
from pathlib import Path

LOG_NAME = "app.log"
MAX_BYTES = 1_000_000  # past this the log is moved to app.log.1 (one older log is kept)


def redirect_missing_streams(log_dir: Path) -> None:
    """Point a missing sys.stdout/sys.stderr at log_dir/app.log; leave real ones alone."""
    if sys.stdout is not None and sys.stderr is not None:
        return
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        log = log_dir / LOG_NAME
        if log.exists() and log.stat().st_size > MAX_BYTES:
            os.replace(log, log.with_name(LOG_NAME + ".1"))
        stream = log.open("a", encoding="utf-8", errors="replace", buffering=1)
    except OSError:
        stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the app)
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream


if getattr(sys, "frozen", False):
    import platformdirs

    from selfassess.gui.settings import APPLICATION, ORGANISATION

    redirect_missing_streams(Path(platformdirs.user_log_dir(APPLICATION, ORGANISATION)))
