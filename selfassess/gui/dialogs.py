"""The app's questions and messages to the user, in one place (tests replace these functions)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from selfassess.document import EXTENSION
from selfassess.gui import settings

DOCUMENT_FILTER = f"SEND self-assessments (*{EXTENSION})"
YAML_FILTER = "Standards definitions (*.yaml *.yml)"


def ask_open_path(parent: QWidget, title: str, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, settings.last_folder(), file_filter)
    if not name:
        return None
    settings.remember_folder(Path(name))
    return Path(name)


def ask_save_path(
    parent: QWidget, title: str, suggested: str, file_filter: str, suffix: str
) -> Path | None:
    start = str(Path(settings.last_folder()) / suggested)
    name, _ = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    settings.remember_folder(path)
    return path


def ask_attachment_path(parent: QWidget) -> Path | None:
    return ask_open_path(parent, "Attach an evidence file", "All files (*)")


def show_error(parent: QWidget | None, title: str, message: str, detail: str = "") -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    if detail:
        box.setDetailedText(detail)
    box.exec()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def confirm(parent: QWidget | None, title: str, message: str, yes_text: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question, title, message, QMessageBox.StandardButton.NoButton, parent
    )
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


class Choice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"
    READ_ONLY = "read_only"
    BREAK_LOCK = "break_lock"
    RECOVER = "recover"


def ask_save_changes(parent: QWidget, name: str) -> Choice:
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"Save the changes to {name} before closing?\n\n"
        "If you don't save, your changes since the last save are lost.",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return Choice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Choice.DISCARD
    return Choice.CANCEL


def ask_locked(parent: QWidget, message: str) -> Choice:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Document in use",
        message,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    break_lock = box.addButton("Break the lock", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.setInformativeText(
        "Break the lock only if you are sure nobody is working on it: their changes and yours "
        "would overwrite each other."
    )
    box.exec()
    clicked = box.clickedButton()
    if clicked is read_only:
        return Choice.READ_ONLY
    if clicked is break_lock:
        return Choice.BREAK_LOCK
    return Choice.CANCEL


def ask_recover(parent: QWidget | None, description: str) -> Choice:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Recover unsaved work",
        "SEND Self-Assessment closed unexpectedly while you had unsaved changes.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setInformativeText(f"An automatic copy was kept: {description}.\n\nRecover it?")
    recover = box.addButton("Recover", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Discard the copy", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(recover)
    box.exec()
    return Choice.RECOVER if box.clickedButton() is recover else Choice.DISCARD


def ask_open_result(parent: QWidget, what: str, path: Path) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Export finished",
        f"The {what} was saved as {path.name}.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setInformativeText(str(path.parent))
    open_button = box.addButton("Open it", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(open_button)
    box.exec()
    return box.clickedButton() is open_button
