"""The windowed app's missing console streams go to a log file support staff can read."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest


def test_missing_streams_are_written_to_the_log(
    windowed_log: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    windowed_log.redirect_missing_streams(tmp_path / "Logs")
    print("opened demo.sendassess")
    sys.stderr.write("Traceback: something went wrong\n")
    sys.stderr.close()
    log = (tmp_path / "Logs" / "app.log").read_text(encoding="utf-8")
    assert log == "opened demo.sendassess\nTraceback: something went wrong\n"


def test_a_full_log_is_kept_as_the_previous_one(
    windowed_log: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "app.log"
    old.write_text("x" * (windowed_log.MAX_BYTES + 1), encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", None)
    windowed_log.redirect_missing_streams(tmp_path)
    sys.stderr.write("new run\n")
    sys.stderr.close()
    assert (tmp_path / "app.log.1").stat().st_size == windowed_log.MAX_BYTES + 1
    assert (tmp_path / "app.log").read_text(encoding="utf-8") == "new run\n"


def test_real_console_streams_are_left_alone(windowed_log: ModuleType, tmp_path: Path) -> None:
    stdout, stderr = sys.stdout, sys.stderr
    windowed_log.redirect_missing_streams(tmp_path)
    assert (sys.stdout, sys.stderr) == (stdout, stderr)
    assert not (tmp_path / "app.log").exists()


def test_an_unwritable_log_folder_does_not_stop_the_app(
    windowed_log: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "Logs"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", None)
    windowed_log.redirect_missing_streams(blocker)
    sys.stderr.write("lost, but harmless\n")
    sys.stderr.close()
