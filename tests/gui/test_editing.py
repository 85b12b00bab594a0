"""Creating an assessment and scoring it: ratings follow in the navigation and on the dashboard."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from selfassess.gui.new_assessment_dialog import NewAssessmentDialog, financial_year
from tests.gui.helpers import choose, navigation_rating, standard_id


def test_the_new_assessment_dialog_needs_a_name_and_makes_an_empty_assessment(qtbot, framework):
    dialog = NewAssessmentDialog(framework, "the bundled standards", today=date(2026, 1, 10))
    qtbot.addWidget(dialog)
    assert dialog.period_label.text() == "2025/26"  # the NHS financial year it falls in
    dialog.accept()
    assert dialog.assessment is None and dialog.error.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.org_name, "NHS Tamar ICB")
    qtbot.keyClicks(dialog.ods_code, "qt1")
    choose(qtbot, dialog.org_type, "Provider")
    dialog.accept()
    assessment = dialog.assessment
    assert assessment is not None
    assert (assessment.organisation.name, assessment.organisation.ods_code) == (
        "NHS Tamar ICB",
        "QT1",
    )
    assert assessment.organisation.type == "provider"
    assert assessment.period.start == date(2025, 4, 1) and assessment.period.end == date(
        2026, 3, 31
    )


def test_the_period_must_end_after_it_starts(qtbot, framework):
    dialog = NewAssessmentDialog(framework, "bundled")
    qtbot.addWidget(dialog)
    dialog.org_name.setText("NHS Tamar ICB")
    dialog.end.set_value(date(2020, 1, 1))
    dialog.accept()
    assert dialog.assessment is None
    assert "ends before it starts" in dialog.error.text()


def test_financial_year_starts_in_april():
    assert financial_year(date(2026, 4, 1))[0] == "2026/27"
    assert financial_year(date(2026, 3, 31))[0] == "2025/26"


def new_assessment(window, qtbot, monkeypatch, org_type="Commissioner"):
    def fill(dialog):
        qtbot.keyClicks(dialog.org_name, "NHS Severn ICB")
        choose(qtbot, dialog.org_type, org_type)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewAssessmentDialog, "exec", fill)
    window.new_assessment()


def test_scoring_criteria_updates_navigation_and_dashboard(window, qtbot, monkeypatch):
    new_assessment(window, qtbot, monkeypatch)
    assert window.session.document.assessment.organisation.name == "NHS Severn ICB"
    assert window.current == standard_id(window, 1)  # a new assessment opens on standard 1
    assert navigation_rating(window, 1) == "not_rated"
    assert window.windowTitle().startswith("Untitled") and window.isWindowModified()

    page = window.standard_page
    judgements = [
        e for e in page.editors.values() if e.criterion.kind == "judgement" and e.applicable
    ]
    for editor in judgements:
        choose(qtbot, editor.combo, "3 —")
    assert navigation_rating(window, 1) == "green"
    assert "Green" in page.badge.accessibleName()
    assert "weighted mean" in page.explanation.text()

    choose(qtbot, judgements[0].combo, "0 —")
    assert navigation_rating(window, 1) in ("amber", "red")

    window.show_dashboard()
    tile = window.dashboard.tiles[0]
    assert tile.result.rating == navigation_rating(window, 1)
    assert "Standard 1" in tile.accessibleName()
    assert window.dashboard.overall_tile.value.text().endswith("%")
    qtbot.mouseClick(window.dashboard.tiles[2], Qt.MouseButton.LeftButton)
    assert window.current == standard_id(window, 3)


def test_a_measure_shows_its_percentage_and_band(window, qtbot, demo):
    window.session.load(demo)
    framework = demo.framework
    standard, criterion = next(
        (s, c)
        for s in framework.standards
        for c in s.criteria
        if c.kind == "measure" and c.measure.is_ratio
    )
    window.show_standard(standard.id)
    editor = window.standard_page.editors[criterion.id]
    for name, text in (("numerator", "45"), ("denominator", "50")):
        editor.lines[name].clear()
        qtbot.keyClicks(editor.lines[name], text)
    answer = window.session.response(standard.id).answers[criterion.id]
    assert (answer.numerator, answer.denominator) == (45, 50)
    assert editor.result_label.text().startswith("90.0% →")
    # Typing merges into one undo step per field.
    window.undo_action.trigger()
    assert window.session.response(standard.id).answers[criterion.id].denominator != 50


def test_undo_and_redo_every_edit(window, qtbot, monkeypatch):
    new_assessment(window, qtbot, monkeypatch)
    page = window.standard_page
    sid = page.standard.id
    editor = next(
        e for e in page.editors.values() if e.criterion.kind == "judgement" and e.applicable
    )
    choose(qtbot, editor.combo, "2 —")
    qtbot.keyClicks(page.narrative, "Partly in place")
    assert window.session.response(sid).narrative == "Partly in place"
    stack = window.session.undo_stack
    # Stepping through the options and typing each merged into one step.
    assert [stack.text(i) for i in range(stack.count())] == [
        f"Answer criterion {editor.criterion.text[:40]}",
        "Edit current position",
    ]

    window.undo_action.trigger()
    assert window.session.response(sid).narrative == ""
    assert page.narrative.toPlainText() == ""
    window.undo_action.trigger()
    assert window.session.response(sid).answers == {}
    assert editor.combo.currentText() == "Not answered"
    assert navigation_rating(window, 1) == "not_rated"
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert window.session.response(sid).narrative == "Partly in place"
    assert editor.combo.currentText().startswith("2 —")


def test_next_and_previous_standard_from_the_keyboard(window, qtbot, demo):
    window.session.load(demo)
    window.show_dashboard()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current == standard_id(window, 1)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current == standard_id(window, 2)
    assert window.navigation.currentIndex().row() == 1
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current == standard_id(window, 1)
    # Moving in the list with the arrow keys opens the standard too.
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.current == standard_id(window, 2)


def test_a_carried_forward_answer_asks_for_review_until_it_is_edited(window, qtbot, demo):
    from selfassess.returns.cycle import start_next_period

    following, _ = start_next_period(demo)
    window.session.load(following)
    standard, criterion = next(
        (s, c)
        for s in following.framework.standards
        for c in s.criteria
        if c.kind == "measure"
        and c.measure.is_ratio
        and c.id in following.assessment.responses[s.id].answers
    )
    window.show_standard(standard.id)
    editor = window.standard_page.editors[criterion.id]
    assert "carried forward — review" in editor.result_label.text()
    editor.lines["numerator"].clear()
    qtbot.keyClicks(editor.lines["numerator"], "1")
    answer = window.session.response(standard.id).answers[criterion.id]
    assert answer.numerator == 1 and not answer.carried_forward
    assert "carried forward" not in editor.result_label.text()
