"""Autosave keeps unsaved work in the local data folder; after a crash it is offered back."""

from __future__ import annotations

import json
import socket

from selfassess.gui import dialogs
from selfassess.gui.autosave import Autosaver, autosave_dir, pending_recoveries
from selfassess.gui.main_window import MainWindow
from tests.gui.test_files import score_something


def crash(window):
    """What a crash leaves: the autosave, owned by a process that no longer runs."""
    for info in autosave_dir().glob("*.json"):
        record = json.loads(info.read_text())
        record["holder"].update(pid=2**22 + 12345, machine=socket.gethostname())
        info.write_text(json.dumps(record))
    window.autosaver.stem = None  # the dead process cannot clean up after itself
    window.session.release_lock()
    window.session.undo_stack.setClean()


def test_unsaved_work_is_autosaved_on_a_timer(qtbot, window, demo_path):
    window.open_path(demo_path)
    autosaver = Autosaver(window.session, interval_ms=20)
    assert list(autosave_dir().glob("*.sendassess")) == [] if autosave_dir().exists() else True
    score_something(window, qtbot)
    qtbot.waitUntil(lambda: autosaver.stem is not None and any(autosave_dir().glob("*.sendassess")))
    record = json.loads(next(autosave_dir().glob("*.json")).read_text())
    assert record["original"] == str(demo_path)
    assert pending_recoveries() == []  # this app is still running: nothing to recover
    window.save()
    assert autosaver.stem is None  # saved: the copies are no longer needed
    window.autosaver.discard()
    assert list(autosave_dir().glob("*")) == []


def test_after_a_crash_the_work_is_offered_back(qtbot, window, demo_path, fake_dialogs):
    window.open_path(demo_path)
    score_something(window, qtbot)
    edited = window.session.document.assessment.model_copy(deep=True)
    window.autosaver.save_now()
    crash(window)

    fake_dialogs.recover = dialogs.Choice.RECOVER
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.offer_recovery()
    assert "recover" in fake_dialogs.kinds()
    assert demo_path.name in fake_dialogs.messages("recover")[0]
    assert again.session.document.assessment == edited
    assert again.session.path == demo_path
    assert again.isWindowModified()  # recovered work is not saved until the user saves it
    assert pending_recoveries() == []  # the new window has taken the copy over
    again.save()
    assert list(autosave_dir().glob("*.sendassess")) == []
    again.session.load(None)


def test_a_recovery_can_be_discarded(qtbot, window, demo_path, fake_dialogs):
    window.open_path(demo_path)
    score_something(window, qtbot)
    window.autosaver.save_now()
    crash(window)
    fake_dialogs.recover = dialogs.Choice.DISCARD
    assert not window.offer_recovery()
    assert list(autosave_dir().glob("*")) == []
