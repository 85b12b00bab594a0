"""Starting the next period and comparing with an earlier assessment, from the File menu."""

from __future__ import annotations

import openpyxl
import pypdf
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand

from selfassess.assessment import CriterionAnswer
from selfassess.document import read_document, save_document
from selfassess.gui import settings
from selfassess.gui.comparison import ComparisonDialog, ComparisonModel
from selfassess.returns.compare import compare
from selfassess.returns.cycle import start_next_period


def test_starting_the_next_period_saves_and_opens_it(window, demo_path, fake_dialogs, tmp_path):
    assert window.open_path(demo_path)
    next_path = tmp_path / "next.sendassess"
    fake_dialogs.save_path = next_path
    window.period_actions[0].trigger()  # File ▸ Start next period…

    assert fake_dialogs.messages("error") == []
    assert "2026-27.sendassess" in fake_dialogs.messages("save")[0]  # no '/' in the name
    session = window.session
    assert session.path == next_path and not window.isWindowModified()
    assert str(next_path) in settings.recent_files()
    saved = read_document(next_path)
    for document in (session.document, saved):
        assessment = document.assessment
        assert assessment.period.label != read_document(demo_path).assessment.period.label
        answers = [a for r in assessment.responses.values() for a in r.answers.values()]
        assert answers and all(answer.carried_forward for answer in answers)
        assert assessment.signoff.status == "draft"
    told = fake_dialogs.messages("info")[0]
    assert "32 answers" in told and "sign-off" in told
    assert "0 rating overrides" in told


def test_starting_the_next_period_asks_to_save_changes_first(
    window, demo_path, fake_dialogs, tmp_path
):
    window.open_path(demo_path)
    window.session.push(QUndoCommand("an edit"))  # unsaved changes
    fake_dialogs.save_path = tmp_path / "next.sendassess"
    fake_dialogs.save_changes = fake_dialogs.save_changes.CANCEL
    window.period_actions[0].trigger()
    assert fake_dialogs.kinds() == ["save_changes"]
    assert window.session.path == demo_path and not (tmp_path / "next.sendassess").exists()


def test_the_next_period_never_replaces_the_one_it_starts_from(window, demo_path, fake_dialogs):
    window.open_path(demo_path)
    before = demo_path.read_bytes()
    fake_dialogs.save_path = demo_path
    window.period_actions[0].trigger()
    assert "stays as it is" in fake_dialogs.messages("error")[0]
    assert demo_path.read_bytes() == before and window.session.path == demo_path


def test_a_next_period_that_cannot_be_saved_leaves_the_open_one_alone(
    window, demo_path, fake_dialogs, tmp_path
):
    window.open_path(demo_path)
    fake_dialogs.save_path = tmp_path / "missing folder" / "next.sendassess"
    window.period_actions[0].trigger()
    assert "still open and unchanged" in fake_dialogs.messages("error")[0]
    assert window.session.path == demo_path and fake_dialogs.messages("info") == []


def comparison_with_one_change(window, demo, demo_path, fake_dialogs, tmp_path):
    """The demo's next period open, with one answer changed; the demo chosen to compare."""
    new, _carried = start_next_period(demo)
    new.assessment.responses["s10-joint-commissioning"].answers["s10-agreement"] = CriterionAnswer(
        met=False
    )
    new_path = tmp_path / "next.sendassess"
    save_document(new, new_path)
    window.open_path(new_path)
    fake_dialogs.open_path = demo_path
    window.period_actions[1].trigger()  # File ▸ Compare with an earlier assessment…
    dialog = window.findChild(ComparisonDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def row_texts(model, number):
    row = number - 1
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_the_comparison_shows_each_standard_then_and_now(
    window, demo, demo_path, fake_dialogs, tmp_path
):
    dialog = comparison_with_one_change(window, demo, demo_path, fake_dialogs, tmp_path)
    model = dialog.model
    assert row_texts(model, 10)[0] == "10"
    assert row_texts(model, 10)[2:] == ["Green", "Amber", "▼ Worse"]
    assert row_texts(model, 3)[2:] == ["Green", "Green", "= Same"]
    background = model.index(9, 3).data(Qt.ItemDataRole.BackgroundRole)
    foreground = model.index(9, 3).data(Qt.ItemDataRole.ForegroundRole)
    assert background.name().upper() == "#FFB81C" and foreground.name().upper() == "#212B32"
    assert "2025/26" in model.headerData(2, Qt.Orientation.Horizontal)
    assert dialog.newly_red.text() == "Newly red: none"
    assert dialog.actions.text().startswith("Actions: ")


def test_the_comparison_exports_a_workbook_and_a_pdf(
    window, qtbot, demo, demo_path, fake_dialogs, tmp_path
):
    dialog = comparison_with_one_change(window, demo, demo_path, fake_dialogs, tmp_path)
    for button, name in ((dialog.workbook_button, "cmp.xlsx"), (dialog.report_button, "cmp.pdf")):
        fake_dialogs.save_path = tmp_path / name
        done = len(fake_dialogs.messages("open_result"))
        button.click()
        qtbot.waitUntil(
            lambda done=done: (
                len(fake_dialogs.messages("open_result")) > done
                or bool(fake_dialogs.messages("error"))
            ),
            timeout=60_000,
        )
        assert fake_dialogs.messages("error") == []
    assert "2026-27" in fake_dialogs.messages("save")[0]
    workbook = openpyxl.load_workbook(tmp_path / "cmp.xlsx", read_only=True)
    cells = {str(c) for s in workbook.worksheets for r in s.iter_rows(values_only=True) for c in r}
    assert demo.framework.standards[9].title in cells and "Amber" in cells
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "cmp.pdf").pages)
    assert "2025/26" in text and "2026/27" in text


def test_an_unreadable_earlier_assessment_is_explained(window, demo, fake_dialogs, tmp_path):
    window.session.load(demo)
    broken = tmp_path / "broken.sendassess"
    broken.write_text("not an assessment")
    fake_dialogs.open_path = broken
    window.period_actions[1].trigger()
    assert fake_dialogs.messages("error") and window.findChild(ComparisonDialog) is None


def test_the_comparison_model_is_a_well_behaved_item_model(qtmodeltester, demo):
    new, _carried = start_next_period(demo)
    qtmodeltester.check(ComparisonModel(compare(demo, new)))


def test_the_period_items_follow_whether_a_document_is_open(window, demo):
    assert not any(action.isEnabled() for action in window.period_actions)
    window.session.load(demo)
    assert all(action.isEnabled() for action in window.period_actions)
