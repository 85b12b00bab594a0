"""Which standards definitions new assessments use: the bundled ones, a loaded or edited file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QWidget

from selfassess.errors import DefinitionsError
from selfassess.framework import Framework, bundled_framework, load_framework
from selfassess.gui import dialogs, settings
from selfassess.paths import default_framework_path


def chosen_framework(parent: QWidget) -> tuple[Framework, str, Path | None]:
    """The definitions a new assessment uses, where they came from, and their file."""
    path = settings.definitions_path()
    if path is not None:
        try:
            return load_framework(path), path.name, path
        except DefinitionsError as exc:
            dialogs.show_error(
                parent,
                "Chosen definitions cannot be used",
                f"The definitions chosen for new assessments ({path}) cannot be used now, "
                "so the bundled standards are used instead. Load them again once fixed.",
                str(exc),
            )
    return bundled_framework(), "the bundled standards", None


def load_definitions(parent: QWidget) -> None:
    """Ask for a definitions file, check it, and use it for new assessments if it is valid."""
    path = dialogs.ask_open_path(parent, "Load standards definitions", dialogs.YAML_FILTER)
    if path is None:
        return
    try:
        framework = load_framework(path)
    except DefinitionsError as exc:
        count = len(exc.problems)
        dialogs.show_error(
            parent,
            "Definitions not loaded",
            f"{path.name} has {count} problem{'s' if count != 1 else ''}, listed below. "
            "Fix them and load the file again; new assessments still use the previous choice.",
            "\n".join(str(problem) for problem in exc.problems),
        )
        return
    settings.set_definitions_path(path)
    dialogs.show_info(
        parent,
        "Definitions loaded",
        f"New assessments will use {framework.title}, version {framework.version} "
        f"({len(framework.standards)} standards), from {path.name}.\n\n"
        "Assessments already made keep the definitions they were scored against.",
    )


def use_bundled_definitions(window: QMainWindow) -> None:
    settings.set_definitions_path(None)
    window.statusBar().showMessage("New assessments will use the bundled standards.", 8_000)


def edit_definitions(window: QMainWindow) -> None:
    """Open the definitions editor on the chosen definitions; what it saves becomes the choice."""
    # Imported here: the editor is a separate window most sessions never open, and leaving
    # it out of start-up keeps the main window quick to appear.
    from selfassess.gui.definitions_editor import DefinitionsEditorWindow

    framework, _source, path = chosen_framework(window)
    editor = DefinitionsEditorWindow(framework, path or default_framework_path(), window)

    def saved(file: str) -> None:
        settings.set_definitions_path(Path(file))
        window.statusBar().showMessage(
            f"New assessments will use the definitions in {Path(file).name}.", 10_000
        )

    editor.definitionsSaved.connect(saved)
    editor.show()
