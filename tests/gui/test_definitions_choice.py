"""Choosing the definitions new assessments use: load a file, or save one from the editor."""

from __future__ import annotations

from selfassess.framework import save_framework
from selfassess.gui import settings
from selfassess.gui.definitions_editor import DefinitionsEditorWindow
from selfassess.gui.new_assessment_dialog import NewAssessmentDialog


def local_copy(framework, tmp_path):
    copy = framework.model_copy(update={"title": "Local SEND standards"})
    path = tmp_path / "local.yaml"
    save_framework(copy, path)
    return path


def create_assessment(window, monkeypatch):
    def fill(dialog):
        dialog.org_name.setText("NHS Exe ICB")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewAssessmentDialog, "exec", fill)
    window.new_assessment()
    return window.session.document


def test_loaded_definitions_are_used_by_the_next_new_assessment(
    window, fake_dialogs, framework, tmp_path, monkeypatch
):
    fake_dialogs.open_path = local_copy(framework, tmp_path)
    window.load_definitions_action.trigger()
    assert "Local SEND standards" in fake_dialogs.messages("info")[0]
    assert settings.definitions_path() == fake_dialogs.open_path
    document = create_assessment(window, monkeypatch)
    assert document.framework.title == "Local SEND standards"


def test_invalid_definitions_are_refused_with_every_problem(
    window, fake_dialogs, framework, tmp_path, monkeypatch
):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: Not An Id\ntitle: x\n", encoding="utf-8")
    fake_dialogs.open_path = bad
    window.load_definitions_action.trigger()
    message = fake_dialogs.messages("error")[0]
    assert "bad.yaml has" in message and "problems" in message
    assert settings.definitions_path() is None  # the previous choice stands
    assert create_assessment(window, monkeypatch).framework == framework


def test_the_editor_opens_from_the_menu_and_its_saved_file_is_chosen(
    window, framework, tmp_path, monkeypatch
):
    window.edit_definitions_action.trigger()
    editors = window.findChildren(DefinitionsEditorWindow)
    assert len(editors) == 1 and editors[0].isVisible()
    saved = local_copy(framework, tmp_path)
    editors[0].definitionsSaved.emit(str(saved))
    assert settings.definitions_path() == saved
    assert create_assessment(window, monkeypatch).framework.title == "Local SEND standards"
    editors[0].close()
