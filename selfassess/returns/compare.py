"""Comparing two assessments: each standard's rating then and now, actions closed and opened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from selfassess.assessment import Action, Assessment
from selfassess.document import Document
from selfassess.errors import SelfAssessError
from selfassess.framework import Framework, Standard
from selfassess.presentation import ACTION_STATUS_WORDS
from selfassess.scoring import OverallResult, StandardResult, overall_result

Movement = Literal["up", "down", "same", "rated", "unrated", "none"]


def rating_movement(before: StandardResult | None, after: StandardResult | None) -> Movement:
    """How a standard's rating moved: bands compare by where they start, so higher is better."""
    rated_before = before is not None and before.status == "rated" and before.band is not None
    rated_after = after is not None and after.status == "rated" and after.band is not None
    if rated_before and rated_after:
        assert before is not None and after is not None
        assert before.band is not None and after.band is not None
        if after.band.min_percent > before.band.min_percent:
            return "up"
        return "down" if after.band.min_percent < before.band.min_percent else "same"
    if rated_after:
        return "rated"
    return "unrated" if rated_before else "none"


def is_lowest_band(framework: Framework, result: StandardResult | None) -> bool:
    """True when a standard is rated in the lowest band (red)."""
    lowest = framework.bands_low_to_high[0].id
    return result is not None and result.rating == lowest


@dataclass(frozen=True)
class StandardChange:
    standard: Standard
    before: StandardResult | None  # None: the standard is not in the older definitions
    after: StandardResult
    movement: Movement
    newly_red: bool


@dataclass(frozen=True)
class ActionChange:
    standard: Standard
    action: Action
    now: str  # the action's status in the newer assessment, or 'removed'

    @property
    def now_word(self) -> str:
        return ACTION_STATUS_WORDS.get(self.now, "No longer listed")


@dataclass(frozen=True)
class Comparison:
    old: Document
    new: Document
    before: OverallResult
    after: OverallResult
    standards: list[StandardChange]
    closed: list[ActionChange]  # open before; done, cancelled or removed now
    opened: list[ActionChange]  # not in the older assessment

    @property
    def newly_red(self) -> list[StandardChange]:
        return [change for change in self.standards if change.newly_red]

    @property
    def same_organisation(self) -> bool:
        old, new = self.old.assessment.organisation, self.new.assessment.organisation
        if old.ods_code and new.ods_code:
            return old.ods_code.casefold() == new.ods_code.casefold()
        return old.name.casefold() == new.name.casefold()


def _actions(assessment: Assessment, framework: Framework) -> dict[str, tuple[Standard, Action]]:
    found = {}
    for standard in framework.standards:
        response = assessment.responses.get(standard.id)
        for action in response.actions if response else []:
            found[action.id] = (standard, action)
    return found


def compare(old: Document, new: Document) -> Comparison:
    """Compare `old` with `new`, standard by standard (by id) and action by action (by id)."""
    if old.framework.id != new.framework.id:
        raise SelfAssessError(
            f"The two assessments use different standards ({old.framework.title!r} and "
            f"{new.framework.title!r}), so they cannot be compared standard by standard."
        )
    before = overall_result(old.framework, old.assessment)
    after = overall_result(new.framework, new.assessment)
    earlier = {result.standard.id: result for result in before.standards}
    changes = []
    for result in after.standards:
        previous = earlier.get(result.standard.id)
        newly_red = is_lowest_band(new.framework, result) and not is_lowest_band(
            old.framework, previous
        )
        changes.append(
            StandardChange(
                result.standard, previous, result, rating_movement(previous, result), newly_red
            )
        )
    old_actions = _actions(old.assessment, old.framework)
    new_actions = _actions(new.assessment, new.framework)
    closed = []
    for action_id, (standard, action) in old_actions.items():
        later = new_actions.get(action_id)
        if action.is_open and (later is None or not later[1].is_open):
            closed.append(ActionChange(standard, action, later[1].status if later else "removed"))
    opened = [
        ActionChange(standard, action, action.status)
        for action_id, (standard, action) in new_actions.items()
        if action_id not in old_actions
    ]
    return Comparison(old, new, before, after, changes, closed, opened)
