"""Fixtures for the GUI tests: offscreen Qt, settings and data in tmp_path, dialogs faked."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads: no display needed

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from selfassess.demo import demo_document
from selfassess.document import Document, save_document
from selfassess.framework import Framework, bundled_framework
from selfassess.gui import dialogs


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings and autosaves go to tmp_path, never to the real user's folders."""
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def no_real_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal box nobody answers would hang a headless run: fail at once instead."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"unexpected modal dialog: {args[1:3]!r}")

    for name in ("exec", "information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, refuse)


@dataclass
class FakeDialogs:
    """The answers the faked dialogs give, and a log of what was asked."""

    open_path: Path | None = None
    save_path: Path | None = None
    attachment_path: Path | None = None
    save_changes: dialogs.Choice = dialogs.Choice.CANCEL
    locked: dialogs.Choice = dialogs.Choice.READ_ONLY
    recover: dialogs.Choice = dialogs.Choice.RECOVER
    confirm: bool = True
    open_result: bool = False
    asked: list[tuple[str, str]] = field(default_factory=list)

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.asked]

    def messages(self, kind: str) -> list[str]:
        return [text for k, text in self.asked if k == kind]


@pytest.fixture
def fake_dialogs(monkeypatch: pytest.MonkeyPatch) -> FakeDialogs:
    fake = FakeDialogs()

    def ask(kind: str, answer: Any) -> Any:
        def answer_it(parent: Any, *args: Any, **kwargs: Any) -> Any:
            fake.asked.append((kind, " ".join(str(a) for a in args)))
            return answer()

        return answer_it

    monkeypatch.setattr(dialogs, "ask_open_path", ask("open", lambda: fake.open_path))
    monkeypatch.setattr(dialogs, "ask_save_path", ask("save", lambda: fake.save_path))
    monkeypatch.setattr(dialogs, "ask_attachment_path", ask("attach", lambda: fake.attachment_path))
    monkeypatch.setattr(dialogs, "show_error", ask("error", lambda: None))
    monkeypatch.setattr(dialogs, "show_info", ask("info", lambda: None))
    monkeypatch.setattr(dialogs, "confirm", ask("confirm", lambda: fake.confirm))
    monkeypatch.setattr(dialogs, "ask_save_changes", ask("save_changes", lambda: fake.save_changes))
    monkeypatch.setattr(dialogs, "ask_locked", ask("locked", lambda: fake.locked))
    monkeypatch.setattr(dialogs, "ask_recover", ask("recover", lambda: fake.recover))
    monkeypatch.setattr(dialogs, "ask_open_result", ask("open_result", lambda: fake.open_result))
    return fake


@pytest.fixture(scope="session")
def framework() -> Framework:
    return bundled_framework()


@pytest.fixture
def demo(framework: Framework) -> Document:
    return demo_document(framework, seed=2)


@pytest.fixture
def demo_path(tmp_path: Path, demo: Document) -> Path:
    path = tmp_path / "demo.sendassess"
    save_document(demo, path)
    return path


@pytest.fixture
def window(qtbot: Any, fake_dialogs: FakeDialogs) -> Any:
    from selfassess.gui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    yield main
    main.session.undo_stack.setClean()  # no "save changes?" when the test closes it
    main.session.load(None)
