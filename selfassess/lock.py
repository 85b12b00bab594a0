"""A lock file beside an open document, so a colleague on a shared drive is told who has it."""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from selfassess.errors import DocumentLockedError


@dataclass(frozen=True)
class LockHolder:
    user: str
    machine: str
    pid: int
    since: str  # ISO date and time

    def describe(self) -> str:
        when = self.since.replace("T", " ")[:16]
        return f"{self.user} on {self.machine} since {when}"


def lock_path(document: Path) -> Path:
    # The "~$" prefix is the one Office uses, so sync clients and IT policies that already
    # ignore Office lock files ignore this one too.
    return document.with_name(f"~${document.name}.lock")


def current_holder() -> LockHolder:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = "unknown user"
    return LockHolder(
        user, socket.gethostname(), os.getpid(), datetime.now().replace(microsecond=0).isoformat()
    )


def read_lock(document: Path) -> LockHolder | None:
    """Who holds the lock on `document`, or None; an unreadable lock counts as held by someone."""
    path = lock_path(Path(document))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(
            str(data["user"]), str(data["machine"]), int(data["pid"]), str(data["since"])
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockHolder("an unknown user", "an unknown machine", -1, "")


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists but belongs to someone else, or the check is not supported
    return True


def is_stale(holder: LockHolder) -> bool:
    """A lock left by a process on this machine that has ended (a crash or a kill)."""
    return holder.machine == socket.gethostname() and not _process_alive(holder.pid)


def is_ours(holder: LockHolder) -> bool:
    me = current_holder()
    return (holder.user, holder.machine, holder.pid) == (me.user, me.machine, me.pid)


class DocumentLock:
    """A held lock; release it when the document is closed."""

    def __init__(self, document: Path) -> None:
        self.document = document
        self.path = lock_path(document)

    def release(self) -> None:
        holder = read_lock(self.document)
        if holder is not None and is_ours(holder):
            self.path.unlink(missing_ok=True)


def acquire_lock(document: str | Path, *, break_existing: bool = False) -> DocumentLock:
    """Lock `document` for this process; raise DocumentLockedError naming who holds it.

    A stale lock (its process on this machine has ended) is replaced without asking;
    `break_existing` replaces anyone's lock, for when the user has confirmed it is left over.
    """
    document = Path(document)
    path = lock_path(document)
    holder = read_lock(document)
    if holder is not None and not (break_existing or is_stale(holder) or is_ours(holder)):
        raise DocumentLockedError(
            f"{document.name} is open by {holder.describe()}. You can open it read-only, or, "
            "if that lock is left over from a crash, break it.",
            holder,
        )
    if holder is not None:
        path.unlink(missing_ok=True)
    data = json.dumps(asdict(current_holder())).encode("utf-8")
    try:
        # O_EXCL so that two people opening at the same moment cannot both win.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        other = read_lock(document) or current_holder()
        raise DocumentLockedError(
            f"{document.name} was just opened by {other.describe()}.", other
        ) from None
    except OSError:
        # A read-only folder cannot hold a lock; the document can still be worked on.
        return DocumentLock(document)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return DocumentLock(document)


def break_lock(document: str | Path) -> None:
    """Remove whatever lock is beside `document`."""
    with contextlib.suppress(FileNotFoundError):
        lock_path(Path(document)).unlink()
