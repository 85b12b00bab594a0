"""Undo commands: the only way the app changes an assessment, so every edit can be undone."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from selfassess.assessment import StandardResponse
from selfassess.gui.session import Session

_MERGE_ID = 1  # commands with a merge key merge with the next one for the same field


def edited(model: Any, **changes: Any) -> Any:
    """A copy of a pydantic model with `changes` applied (each validated on assignment).

    Models are treated as values: an edit builds a new one rather than changing the old,
    so an undo command can keep the old one as it was.
    """
    copy = model.model_copy()
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


class _Replace(QUndoCommand):
    """Swap a value for another; merges consecutive edits of the same field (typing)."""

    def __init__(self, text: str, before: Any, after: Any, merge_key: str) -> None:
        super().__init__(text)
        self.before, self.after, self.merge_key = before, after, merge_key

    def id(self) -> int:
        return _MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, type(self)) or other.merge_key != self.merge_key:
            return False
        if not self._same_target(other):
            return False
        self.after = other.after
        return True

    def _same_target(self, other: Any) -> bool:
        raise NotImplementedError

    def redo(self) -> None:
        self._put(self.after)

    def undo(self) -> None:
        self._put(self.before)

    def _put(self, value: Any) -> None:
        raise NotImplementedError


class ReplaceResponse(_Replace):
    """Any edit to one standard's response: answers, narrative, evidence, actions, override."""

    def __init__(
        self,
        session: Session,
        standard_id: str,
        response: StandardResponse,
        text: str,
        *,
        merge_key: str = "",
        attachments: dict[str, bytes] | None = None,
    ) -> None:
        super().__init__(text, session.response(standard_id), response, merge_key)
        self.session, self.standard_id = session, standard_id
        assert session.document is not None
        # Attachments change with the evidence that carries them (added with it, dropped
        # with it), so they are swapped together.
        self.attachments_before = session.document.attachments
        self.attachments_after = attachments

    def _same_target(self, other: Any) -> bool:
        return other.standard_id == self.standard_id and other.attachments_after is None

    def _put(self, value: Any) -> None:
        if self.attachments_after is not None:
            self.session.put_attachments(
                self.attachments_after if value is self.after else self.attachments_before
            )
        self.session.put_response(self.standard_id, value)


class ReplacePart(_Replace):
    """An edit to the assessment as a whole: sign-off, organisation, period, assessors."""

    def __init__(
        self, session: Session, name: str, value: Any, text: str, *, merge_key: str = ""
    ) -> None:
        assert session.document is not None
        super().__init__(text, getattr(session.document.assessment, name), value, merge_key)
        self.session, self.name = session, name

    def _same_target(self, other: Any) -> bool:
        return other.name == self.name

    def _put(self, value: Any) -> None:
        self.session.put_part(self.name, value)
