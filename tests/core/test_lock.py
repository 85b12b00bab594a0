"""The lock beside an open document: who has it, stale locks, breaking a lock."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest

from selfassess.errors import DocumentLockedError
from selfassess.lock import acquire_lock, break_lock, lock_path, read_lock


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "shared.sendassess"
    path.write_bytes(b"")
    return path


def _write_lock(doc, **fields):
    holder = {
        "user": "jsmith",
        "machine": "NHS-PC-042",
        "pid": 4242,
        "since": "2026-03-01T09:15:00",
        **fields,
    }
    lock_path(doc).write_text(json.dumps(holder))


def test_lock_records_who_and_is_released(doc):
    lock = acquire_lock(doc)
    holder = read_lock(doc)
    assert holder is not None and holder.machine == socket.gethostname()
    assert lock_path(doc).name == "~$shared.sendassess.lock"
    lock.release()
    assert read_lock(doc) is None


def test_someone_else_holding_it_is_named(doc):
    _write_lock(doc)
    with pytest.raises(DocumentLockedError) as caught:
        acquire_lock(doc)
    message = str(caught.value)
    assert "jsmith on NHS-PC-042 since 2026-03-01 09:15" in message
    assert "read-only" in message
    assert caught.value.holder.user == "jsmith"


def test_reopening_in_the_same_process_is_allowed(doc):
    acquire_lock(doc)
    acquire_lock(doc).release()
    assert read_lock(doc) is None


def test_stale_lock_from_a_dead_process_here_is_replaced(doc):
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    _write_lock(doc, machine=socket.gethostname(), pid=int(finished.stdout))
    lock = acquire_lock(doc)
    assert read_lock(doc).pid != int(finished.stdout)
    lock.release()


def test_breaking_a_lock_deliberately(doc):
    _write_lock(doc)
    acquire_lock(doc, break_existing=True).release()
    _write_lock(doc)
    break_lock(doc)
    assert read_lock(doc) is None


def test_releasing_does_not_remove_someone_elses_lock(doc):
    lock = acquire_lock(doc)
    _write_lock(doc)  # a colleague broke ours and took it
    lock.release()
    assert read_lock(doc).user == "jsmith"


def test_garbled_lock_counts_as_held(doc):
    lock_path(doc).write_text("not json")
    with pytest.raises(DocumentLockedError, match="unknown user"):
        acquire_lock(doc)
