"""Saving, reopening, unsaved changes, locks, approved documents and bad files."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import Qt

from selfassess.assessment import SignOff
from selfassess.document import read_document
from selfassess.gui import dialogs, settings
from selfassess.lock import lock_path
from tests.gui.helpers import choose, standard_id


def score_something(window, qtbot):
    window.show_standard(standard_id(window, 5))
    page = window.standard_page
    editor = next(e for e in page.editors.values() if e.applicable and hasattr(e, "combo"))
    choose(qtbot, editor.combo, "Not answered" if editor.combo.currentIndex() else "1")
    qtbot.keyClicks(page.narrative, " Reviewed again.")


def test_save_and_reopen_gives_the_same_assessment(window, qtbot, demo, fake_dialogs, tmp_path):
    window.session.load(demo)
    score_something(window, qtbot)
    target = tmp_path / "saved.sendassess"
    fake_dialogs.save_path = target
    assert window.save()  # never saved: asks where
    assert fake_dialogs.kinds() == ["save"]
    assert not window.isWindowModified()
    assert lock_path(target).exists()  # the saved file is now ours
    saved = window.session.document

    window.close_document()
    assert not lock_path(target).exists()
    assert window.open_path(target)
    reopened = window.session.document
    assert reopened.assessment == saved.assessment
    assert reopened.framework == saved.framework
    assert reopened.attachments == saved.attachments
    assert str(target.resolve()) in settings.recent_files()


def test_opening_the_open_file_again_keeps_its_lock(window, demo_path):
    assert window.open_path(demo_path)
    assert window.open_path(demo_path)
    assert lock_path(demo_path).exists()
    window.close_document()
    assert not lock_path(demo_path).exists()


def test_the_title_marks_unsaved_changes_and_closing_asks(window, qtbot, demo_path, fake_dialogs):
    assert window.open_path(demo_path)
    assert not window.isWindowModified()
    assert demo_path.name in window.windowTitle() and "[*]" in window.windowTitle()
    score_something(window, qtbot)
    assert window.isWindowModified()

    fake_dialogs.save_changes = dialogs.Choice.CANCEL
    assert not window.close()
    assert window.isVisible() and window.session.document is not None
    assert fake_dialogs.kinds() == ["save_changes"]

    fake_dialogs.save_changes = dialogs.Choice.SAVE
    assert window.close()
    assert not lock_path(demo_path).exists()
    assert read_document(demo_path).assessment == window.session.document.assessment


def test_discarding_changes_keeps_the_file_as_it_was(window, qtbot, demo_path, fake_dialogs):
    before = read_document(demo_path).assessment
    window.open_path(demo_path)
    score_something(window, qtbot)
    fake_dialogs.save_changes = dialogs.Choice.DISCARD
    window.close_document()
    assert window.session.document is None
    assert read_document(demo_path).assessment == before


def lock_by_someone_else(path):
    holder = {
        "user": "jsmith",
        "machine": "NHS-PC-042",
        "pid": 4242,
        "since": "2026-03-01T09:30:00",
    }
    lock_path(path).write_text(json.dumps(holder), encoding="utf-8")


def test_a_document_open_elsewhere_is_offered_read_only(window, qtbot, demo_path, fake_dialogs):
    lock_by_someone_else(demo_path)
    fake_dialogs.locked = dialogs.Choice.READ_ONLY
    assert window.open_path(demo_path)
    assert "jsmith on NHS-PC-042" in fake_dialogs.messages("locked")[0]
    assert window.session.read_only
    assert "(read-only)" in window.windowTitle()
    assert window.banner.isVisibleTo(window) and "jsmith" in window.banner_text.text()
    assert not window.save_action.isEnabled()
    window.show_standard(standard_id(window, 1))
    assert window.standard_page.narrative.isReadOnly()
    assert not window.standard_page.apply_override.isEnabled()
    assert json.loads(lock_path(demo_path).read_text())["user"] == "jsmith"  # left alone


def test_cancel_leaves_a_locked_document_closed(window, demo_path, fake_dialogs):
    lock_by_someone_else(demo_path)
    fake_dialogs.locked = dialogs.Choice.CANCEL
    assert not window.open_path(demo_path)
    assert window.session.document is None


def test_breaking_the_lock_opens_it_for_editing(window, demo_path, fake_dialogs):
    lock_by_someone_else(demo_path)
    fake_dialogs.locked = dialogs.Choice.BREAK_LOCK
    assert window.open_path(demo_path)
    assert not window.session.read_only
    assert json.loads(lock_path(demo_path).read_text())["user"] != "jsmith"


def test_an_approved_assessment_opens_read_only_until_reopened(
    window, qtbot, demo, tmp_path, fake_dialogs
):
    demo.assessment.signoff = demo.assessment.signoff.model_copy(
        update={"status": "approved", "name": "Dr K Hughes", "date": date(2026, 3, 12)}
    )
    from selfassess.document import save_document

    path = tmp_path / "approved.sendassess"
    save_document(demo, path)
    window.open_path(path)
    assert window.session.read_only
    assert "Approved by Dr K Hughes on 12 Mar 2026" in window.banner_text.text()
    window.show_standard(standard_id(window, 2))
    assert window.standard_page.narrative.isReadOnly()

    fake_dialogs.confirm = True
    window.banner_button.click()  # "Reopen for editing…"
    assert "confirm" in fake_dialogs.kinds()
    assert window.session.document.assessment.signoff.status == "draft"
    assert not window.session.read_only
    assert not window.standard_page.narrative.isReadOnly()
    assert not window.banner.isVisibleTo(window)
    window.undo_action.trigger()  # reopening is an edit like any other
    assert window.session.read_only


def test_approving_needs_a_name_and_date(window, qtbot, demo, fake_dialogs):
    demo.assessment.signoff = SignOff()  # a draft nobody has signed yet
    window.session.load(demo)
    window.show_signoff()
    page = window.signoff_page
    page.status.setFocus()
    qtbot.keyClick(page.status, Qt.Key.Key_Down)  # Draft -> Submitted, without a name: refused
    assert demo.assessment.signoff.status == "draft"
    assert page.status.currentText() == "Draft"
    assert page.error.isVisibleTo(page) and "name" in page.error.text()
    page.name.clear()
    qtbot.keyClicks(page.name, "Dr K Hughes")
    page.date.set_value(date(2026, 3, 12))
    qtbot.keyClicks(page.meeting, "Quality Committee")
    choose(qtbot, page.status, "Approved")
    signoff = window.session.document.assessment.signoff
    assert (signoff.status, signoff.name, signoff.meeting) == (
        "approved",
        "Dr K Hughes",
        "Quality Committee",
    )
    assert window.session.read_only and window.banner.isVisibleTo(window)


def test_a_damaged_file_gets_a_message_and_nothing_changes(
    window, tmp_path, fake_dialogs, demo, demo_path
):
    window.session.load(demo)
    bad = tmp_path / "broken.sendassess"
    bad.write_bytes(b"this is not a zip file")
    assert not window.open_path(bad)
    message = fake_dialogs.messages("error")[0]
    assert "broken.sendassess" in message and "has not been changed" in message
    assert window.session.document is demo  # the open work is untouched
    assert bad.read_bytes() == b"this is not a zip file"


def test_a_failed_save_says_so_and_keeps_the_work(window, qtbot, demo, tmp_path, fake_dialogs):
    window.session.load(demo)
    score_something(window, qtbot)
    fake_dialogs.save_path = tmp_path / "no such folder" / "x.sendassess"
    assert not window.save()
    message = fake_dialogs.messages("error")[-1]
    assert "has not been lost" in message
    assert window.isWindowModified() and window.session.document is demo


def test_the_start_page_offers_new_open_and_demo(window, qtbot, demo_path):
    assert window.pages.currentWidget() is window.start_page
    settings.add_recent_file(demo_path)
    window.start_page.refresh()
    assert window.start_page.recent.count() == 1
    window.start_page.demoRequested.emit()
    assert window.session.document is not None and window.current == "dashboard"
    assert window.session.path is None and not window.isWindowModified()


def test_the_app_has_its_own_icon(window):
    icon = window.windowIcon()
    assert not icon.isNull() and icon.availableSizes()  # the bundled picture, not Qt's default
