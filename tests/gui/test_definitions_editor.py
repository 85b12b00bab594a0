"""The definitions editor: edit a copy, see every problem as you type, save only valid new files."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QColorDialog,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from selfassess.framework import Framework, bundled_framework, load_framework
from selfassess.gui import dialogs
from selfassess.gui.definitions_editor import DefinitionsEditorWindow
from selfassess.gui.definitions_editor_problems import ProblemsDialog
from selfassess.paths import default_framework_path, standards_dir

GREEN_LIMIT = "standards[0].criteria[2].measure.thresholds[0].limit"


@pytest.fixture
def original() -> Framework:
    return bundled_framework()


@pytest.fixture
def editor(qtbot: Any, original: Framework, fake_dialogs: Any) -> Any:
    window = DefinitionsEditorWindow(original, default_framework_path())
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.undo_stack.setClean()  # no "save changes?" when the test closes it


def field(editor: Any, path: str) -> QWidget:
    """Show the page holding `path` and return its widget, as a user would find it."""
    editor.go_to(path)
    widget = editor.findChild(QWidget, path)
    assert widget is not None and widget.isVisibleTo(editor), path
    return widget


def retype(qtbot: Any, editor: Any, path: str, text: str) -> QWidget:
    widget = field(editor, path)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    return widget


def problems(editor: Any) -> list[tuple[str, str, str]]:
    """(where, message, field path) for every row of the problems list."""
    rows = []
    for index in range(editor.problems.listing.topLevelItemCount()):
        item = editor.problems.listing.topLevelItem(index)
        rows.append((item.text(0), item.text(1), item.data(0, Qt.ItemDataRole.UserRole)))
    return rows


def wait_validated(qtbot: Any, editor: Any, valid: bool) -> None:
    qtbot.waitUntil(lambda: editor.save_action.isEnabled() == valid, timeout=3000)


def test_opens_on_the_bundled_framework_with_sections_standards_and_criteria(
    editor, original, qtmodeltester
):
    nav = editor.nav
    labels = [nav.topLevelItem(i).text(0) for i in range(nav.topLevelItemCount())]
    assert labels[:3] == ["Framework", "Scale and bands", "Assurance"]
    assert len(labels) == 3 + len(original.standards)
    assert labels[3].startswith("1  Notifying the local authority")
    first = nav.topLevelItem(3)
    assert first.childCount() == len(original.standards[0].criteria)
    assert first.child(0).text(0).startswith("1.1  ")
    assert problems(editor) == []
    assert editor.save_action.isEnabled() and editor.save_as_action.isEnabled()
    assert "No problems" in editor.problems.status.text()
    assert editor.findChild(QLineEdit, "title").text() == original.title
    qtmodeltester.check(nav.model())
    qtmodeltester.check(editor.problems.listing.model())


def test_changed_title_and_threshold_are_saved_as_a_new_file_and_load_back(
    qtbot, editor, original, fake_dialogs, tmp_path
):
    bundled_bytes = default_framework_path().read_bytes()
    retype(qtbot, editor, "standards[0].title", "Telling the local authority")
    retype(qtbot, editor, GREEN_LIMIT, "97")
    assert editor.nav.topLevelItem(3).text(0) == "1  Telling the local authority"
    assert editor.isWindowModified()

    target = tmp_path / "mine.yaml"
    fake_dialogs.save_path = target
    with qtbot.waitSignal(editor.definitionsSaved, timeout=3000) as saved:
        editor.save_as_action.trigger()
    assert saved.args == [str(target)]
    asked = fake_dialogs.messages("save")[0]
    assert "swscn-send-2014-custom.yaml" in asked

    reloaded = load_framework(target)
    assert reloaded.standards[0].title == "Telling the local authority"
    measure = reloaded.standards[0].criteria[2].measure
    assert measure is not None and measure.thresholds[0].limit == 97
    assert reloaded.standards[1:] == original.standards[1:]
    assert not editor.isWindowModified()
    assert "mine.yaml" in editor.windowTitle()

    # The framework handed in and the bundled file are untouched.
    assert original == bundled_framework()
    assert original.standards[0].title == "Notifying the local authority of SEN or disability"
    assert default_framework_path().read_bytes() == bundled_bytes

    # Save now writes to the new file without asking again.
    retype(qtbot, editor, "version", "5 (local 2026)")
    with qtbot.waitSignal(editor.definitionsSaved, timeout=3000):
        editor.save_action.trigger()
    assert len(fake_dialogs.messages("save")) == 1
    assert load_framework(target).version == "5 (local 2026)"


@pytest.mark.parametrize(
    ("path", "bad", "good", "message"),
    [
        ("standards[0].criteria[1].id", "s01-policy", "s01-parent-first", "duplicate criterion id"),
        (
            "standards[0].criteria[2].measure.thresholds[1].limit",
            "99",
            "80",
            "thresholds out of order",
        ),
        ("bands[1].min_percent", "120", "50", "less than or equal to 100"),
        (
            "standards[1].title",
            "",
            "EHC planning in partnership with families",
            "must not be empty",
        ),
        ("bands[2].colour", "#00", "#007F3B", "six hexadecimal digits"),
    ],
    ids=["duplicate-criterion-id", "thresholds-order", "band-min-120", "empty-title", "colour"],
)
def test_invalid_edit_is_listed_marked_and_blocks_saving_until_fixed(
    qtbot, editor, original, path, bad, good, message
):
    widget = retype(qtbot, editor, path, bad)
    wait_validated(qtbot, editor, valid=False)

    listed = [row for row in problems(editor) if message in row[1]]
    assert listed, problems(editor)
    where, _message, problem_path = listed[0]
    assert problem_path.startswith(path.rsplit(".", 1)[0])
    assert where.split(" › ")[0] in ("Standard 1", "Standard 2", "Band 2", "Band 3")
    assert widget.property("problem") is True
    assert message in widget.toolTip()
    assert not editor.save_action.isEnabled() and not editor.save_as_action.isEnabled()
    assert "to correct before saving" in editor.problems.status.text()

    widget = retype(qtbot, editor, path, good)
    wait_validated(qtbot, editor, valid=True)
    assert problems(editor) == []
    assert widget.property("problem") is False
    assert widget.toolTip() == ""
    assert not editor.isWindowModified()  # typing back to the original is no change at all


def test_a_problem_marks_its_standard_and_activating_it_goes_to_the_field(qtbot, editor):
    retype(qtbot, editor, "standards[4].criteria[0].text", "")
    wait_validated(qtbot, editor, valid=False)
    standard = editor.nav.topLevelItem(3 + 4)
    assert not standard.icon(0).isNull()
    assert "1 problem" in standard.data(0, Qt.ItemDataRole.AccessibleTextRole)
    assert editor.nav.topLevelItem(0).icon(0).isNull()

    editor.open_node(("framework",))
    assert editor.findChild(QWidget, "standards[4].criteria[0].text") is None
    item = editor.problems.listing.topLevelItem(0)
    assert item.text(0) == "Standard 5 › Criterion 5.1 › Text"
    editor.problems.listing.itemActivated.emit(item, 0)
    target = editor.findChild(QPlainTextEdit, "standards[4].criteria[0].text")
    assert target is not None and editor.focusWidget() is target
    assert editor.nav.currentItem().text(0).startswith("5.1  ")


def test_undo_and_redo_restore_the_form_and_the_validation(qtbot, editor):
    title = field(editor, "standards[2].title")
    before = title.text()
    retype(qtbot, editor, "standards[2].title", "")
    wait_validated(qtbot, editor, valid=False)
    assert editor.undo_stack.count() == 1  # one step for the whole typed edit

    editor.undo_stack.undo()
    wait_validated(qtbot, editor, valid=True)
    assert editor.findChild(QLineEdit, "standards[2].title").text() == before
    assert editor.draft.data["standards"][2]["title"] == before
    assert not editor.isWindowModified()

    editor.undo_stack.redo()
    wait_validated(qtbot, editor, valid=False)
    assert editor.findChild(QLineEdit, "standards[2].title").text() == ""


def buttons(editor: Any, name: str) -> list[QAbstractButton]:
    return [b for b in editor.findChildren(QAbstractButton) if b.accessibleName() == name]


def test_criteria_are_added_reordered_and_removed_from_the_standard_page(
    qtbot, editor, qtmodeltester
):
    criteria = editor.draft.data["standards"][0]["criteria"]
    ids = [c["id"] for c in criteria]
    editor.open_node(("standards", 0))
    buttons(editor, "Add criterion")[0].click()
    # A new, empty criterion opens at once, flagged until it has text.
    assert editor.nav.currentItem().text(0) == "1.2  (no text yet)"
    text = editor.findChild(QPlainTextEdit, "standards[0].criteria[1].text")
    assert editor.focusWidget() is text
    wait_validated(qtbot, editor, valid=False)
    new_id = editor.draft.data["standards"][0]["criteria"][1]["id"]
    assert new_id == "s01-criterion-1" and new_id not in ids
    qtbot.keyClicks(text, "Families are told how notification works")
    wait_validated(qtbot, editor, valid=True)

    editor.open_node(("standards", 0))
    listing = editor.findChild(QWidget, "standards[0].criteria")
    qtmodeltester.check(listing.model())
    listing.setCurrentItem(listing.topLevelItem(1))
    buttons(editor, "Move criterion up")[0].click()
    order = [c["id"] for c in editor.draft.data["standards"][0]["criteria"]]
    assert order == [new_id, *ids]
    listing = editor.findChild(QWidget, "standards[0].criteria")
    assert listing.currentItem().text(1) == "Families are told how notification works"

    buttons(editor, "Remove criterion")[0].click()
    assert [c["id"] for c in editor.draft.data["standards"][0]["criteria"]] == ids
    editor.undo_stack.undo()
    assert len(editor.draft.data["standards"][0]["criteria"]) == len(ids) + 1


def test_kind_measure_shows_the_measure_with_a_threshold_to_fill_in(
    qtbot, editor, fake_dialogs, tmp_path
):
    kind = field(editor, "standards[0].criteria[0].kind")
    assert editor.findChild(QWidget, "standards[0].criteria[0].measure.numerator") is None
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("measure"))
    numerator = editor.findChild(QLineEdit, "standards[0].criteria[0].measure.numerator")
    assert numerator is not None
    band = editor.findChild(QComboBox, "standards[0].criteria[0].measure.thresholds[0].band")
    assert band.currentData() == "green"
    wait_validated(qtbot, editor, valid=False)
    assert any("Numerator" in row[0] for row in problems(editor))
    qtbot.keyClicks(numerator, "Records audited that meet the standard")
    qtbot.keyClicks(
        editor.findChild(QLineEdit, "standards[0].criteria[0].measure.denominator"),
        "Records audited",
    )
    wait_validated(qtbot, editor, valid=True)

    # Back to a judgement: the measure is not saved with it.
    kind = editor.findChild(QComboBox, "standards[0].criteria[0].kind")
    kind.setCurrentIndex(kind.findData("judgement"))
    wait_validated(qtbot, editor, valid=True)
    fake_dialogs.save_path = tmp_path / "judgement.yaml"
    editor.save_as_action.trigger()
    saved = load_framework(fake_dialogs.save_path).standards[0].criteria[0]
    assert saved.kind == "judgement" and saved.measure is None


def test_colour_picker_fills_the_colour_and_the_preview_warns_of_low_contrast(
    qtbot, editor, monkeypatch
):
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args: QColor("#ffffff"))
    editor.open_node(("bands",))
    buttons(editor, "Choose band 2 text colour")[0].click()
    assert editor.findChild(QLineEdit, "bands[1].text_colour").text() == "#FFFFFF"
    assert editor.draft.data["bands"][1]["text_colour"] == "#FFFFFF"
    contrast = [
        label.text()
        for label in editor.findChildren(QLabel)
        if re.match(r"\d+\.\d:1", label.text())
    ]
    assert contrast[1] == "1.7:1 too low"
    assert contrast[0] == "5.1:1"


def test_saving_into_the_bundled_folder_is_refused(qtbot, editor, fake_dialogs):
    fake_dialogs.save_path = standards_dir() / "swscn-send-2014-v5.yaml"
    before = fake_dialogs.save_path.read_bytes()
    retype(qtbot, editor, "title", "Local standards")
    with qtbot.assertNotEmitted(editor.definitionsSaved):
        editor.save_action.trigger()
    assert "kept as shipped" in fake_dialogs.messages("error")[0]
    assert fake_dialogs.save_path.read_bytes() == before
    assert editor.isWindowModified()


def test_open_lists_every_problem_of_a_bad_file_and_keeps_the_edits(
    qtbot, editor, fake_dialogs, monkeypatch, tmp_path
):
    text = default_framework_path().read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        text.replace("min_percent: 85", "min_percent: 120").replace(
            "title: Transition", 'title: ""'
        ),
        encoding="utf-8",
    )
    shown: list[list[str]] = []
    monkeypatch.setattr(
        ProblemsDialog,
        "exec",
        lambda self: shown.append(
            [self.findChild(QWidget, "problems").item(i).text() for i in range(2)]
        ),
    )
    fake_dialogs.open_path = bad
    retype(qtbot, editor, "publisher", "Our ICB")
    fake_dialogs.save_changes = dialogs.Choice.DISCARD
    editor.open_action.trigger()
    assert len(shown) == 1
    assert "bands[2].min_percent" in shown[0][0] and "120" in shown[0][0]
    assert "standards[7].title" in shown[0][1]
    assert editor.draft.data["publisher"] == "Our ICB"


def test_open_a_custom_file_then_save_writes_to_it(qtbot, editor, fake_dialogs, tmp_path):
    custom = tmp_path / "custom.yaml"
    fake_dialogs.save_path = custom
    retype(qtbot, editor, "title", "Custom standards")
    editor.save_as_action.trigger()
    retype(qtbot, editor, "title", "Changed again")
    fake_dialogs.save_changes = dialogs.Choice.DISCARD
    fake_dialogs.open_path = custom
    editor.open_action.trigger()
    assert editor.findChild(QLineEdit, "title").text() == "Custom standards"
    assert "custom.yaml" in editor.windowTitle() and not editor.isWindowModified()
    retype(qtbot, editor, "title", "Custom standards, revised")
    with qtbot.waitSignal(editor.definitionsSaved, timeout=3000) as saved:
        editor.save_action.trigger()
    assert saved.args == [str(custom)]
    assert load_framework(custom).title == "Custom standards, revised"


def test_closing_with_unsaved_changes_asks_first(qtbot, editor, fake_dialogs):
    retype(qtbot, editor, "title", "Unsaved")
    fake_dialogs.save_changes = dialogs.Choice.CANCEL
    assert not editor.close()
    assert editor.isVisible() and fake_dialogs.kinds() == ["save_changes"]

    retype(qtbot, editor, "title", "")  # now invalid: it cannot be saved, only discarded
    fake_dialogs.confirm = False
    assert not editor.close()
    assert "cannot be saved yet" in fake_dialogs.messages("confirm")[0]
    fake_dialogs.confirm = True
    assert editor.close()


def test_symbol_buttons_have_accessible_names(editor):
    pages = [("framework",), ("bands",), ("assurance",), ("standards", 0)]
    for node in [*pages, ("standards", 0, "criteria", 2)]:
        editor.open_node(node)
        symbols = [b for b in editor.findChildren(QToolButton) if b.isVisibleTo(editor)]
        assert symbols, node
        for button in symbols:
            assert button.accessibleName(), (node, button.text())


def test_keyboard_moves_between_panes_and_problems(qtbot, editor):
    retype(qtbot, editor, "standards[3].title", "")
    retype(qtbot, editor, "bands[0].letter", "")
    wait_validated(qtbot, editor, valid=False)
    editor.open_node(("framework",))
    assert editor.focusWidget() is editor.nav

    next_pane = next(a for a in editor.findChildren(QAction) if a.text() == "Next &pane")
    next_problem = next(a for a in editor.findChildren(QAction) if a.text() == "&Next problem")
    assert next_pane.shortcut().toString() == "F6" and next_problem.shortcut().toString() == "F8"
    next_pane.trigger()
    assert editor.focusWidget() is editor.findChild(QLineEdit, "id")
    next_pane.trigger()
    assert editor.focusWidget() is editor.problems.listing
    next_pane.trigger()
    assert editor.focusWidget() is editor.nav

    next_problem.trigger()
    first = editor.focusWidget().objectName()
    next_problem.trigger()
    second = editor.focusWidget().objectName()
    assert {first, second} == {"standards[3].title", "bands[0].letter"}


def test_a_standard_is_added_with_a_criterion_and_removed_again(qtbot, editor, original):
    action = next(a for a in editor.findChildren(QAction) if a.text() == "Add &standard")
    action.trigger()
    count = len(original.standards)
    assert editor.nav.topLevelItemCount() == 3 + count + 1
    assert editor.nav.currentItem().text(0) == f"{count + 1}  (no title yet)"
    assert editor.focusWidget() is editor.findChild(QLineEdit, f"standards[{count}].title")
    wait_validated(qtbot, editor, valid=False)
    where = {row[0] for row in problems(editor)}
    assert where == {
        f"Standard {count + 1} › Title",
        f"Standard {count + 1} › Statement",
        f"Standard {count + 1} › Criterion {count + 1}.1 › Text",
    }

    remove = next(a for a in editor.findChildren(QAction) if a.text() == "Remove s&tandard")
    remove.trigger()
    wait_validated(qtbot, editor, valid=True)
    assert editor.nav.topLevelItemCount() == 3 + count
    assert editor.draft.data == original.model_dump(mode="json", exclude_none=True)
