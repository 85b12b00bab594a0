"""Small helpers the GUI tests share: answering a criterion and reading what the views show."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from selfassess.gui.models import RESULT_ROLE


def choose(qtbot: Any, combo: QComboBox, text: str) -> None:
    """Pick an option the way a keyboard user does: focus the box and press Down until there."""
    target = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert target >= 0, f"no option {text!r} in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setFocus()
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - combo.currentIndex())):
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == target


def navigation_rating(window: Any, number: int) -> str:
    """The rating the navigation list shows for standard `number` (a band id or status)."""
    return window.standards_model.index(number - 1).data(RESULT_ROLE).rating


def standard_id(window: Any, number: int) -> str:
    framework = window.session.document.framework
    return next(s.id for s in framework.standards if s.number == number)
