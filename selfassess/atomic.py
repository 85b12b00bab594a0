"""Atomic file writes: the target holds the old content or the new, never a half-written file."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from selfassess.errors import SelfAssessError


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open a directory, and does not
    # need to, so the attempt is skipped there.
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def explain_os_error(exc: OSError, path: Path, doing: str) -> str:
    """A message a user can act on for an OSError met while writing `path`."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"Cannot {doing} {path.name}: the disk is full. Free some space and try again."
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY):
        return (
            f"Cannot {doing} {path.name}: the file is open in another program (such as "
            "Excel or a PDF viewer) or the folder is read-only. Close it and try again, "
            "or choose another location."
        )
    if isinstance(exc, FileNotFoundError):
        return f"Cannot {doing} {path.name}: the folder {path.parent} does not exist."
    return f"Cannot {doing} {path.name}: {exc.strerror or exc}."


def _mode_for(path: Path) -> int:
    """The permissions a plain write would give: the old file's, or the umask's default.

    mkstemp makes its file private (0600); without this, every save would silently hide a
    document from colleagues who could read it before.
    """
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_writer(path: Path, doing: str = "save") -> Iterator[BinaryIO]:
    """Yield a temporary file beside `path`; on success it replaces `path` in one rename."""
    path = Path(path)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise SelfAssessError(explain_os_error(exc, path, doing)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
        _fsync_directory(path.parent)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise SelfAssessError(explain_os_error(exc, path, doing)) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes, doing: str = "save") -> None:
    """Replace `path` with `data` atomically."""
    with atomic_writer(path, doing) as handle:
        handle.write(data)


def write_with(path: Path, produce: Callable[[BinaryIO], None], doing: str = "save") -> None:
    """Replace `path` atomically with what `produce` writes into the file object it is given."""
    with atomic_writer(path, doing) as handle:
        produce(handle)
