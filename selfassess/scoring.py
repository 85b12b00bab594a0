"""Pure scoring functions: criterion answers -> standard percentage and band -> overall position.

Every threshold comes from the framework, so a user who edits the definitions changes the
ratings without touching code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

from selfassess.assessment import Action, Assessment, CriterionAnswer, StandardResponse
from selfassess.framework import AssuranceLevel, Band, Criterion, Framework, Measure, Standard


def whole_percent(percent: float) -> int:
    """A percentage rounded half up to a whole number: the figure users see and bands use.

    Bands and assurance levels compare this rounded figure, so a standard shown as "85%" is
    never rated below a band that starts at 85 %, and float noise cannot move a rating.
    """
    return math.floor(percent + 0.5 + 1e-9)


Status = Literal["rated", "not_rated", "not_applicable"]


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    applicable: bool
    percent: float | None  # None when unanswered (or a ratio with a zero denominator)
    measured: float | None = None  # the measure's value (a ratio as a percentage)
    measure_band: str | None = None  # the band the measure's thresholds put it in


@dataclass(frozen=True)
class StandardResult:
    standard: Standard
    status: Status
    percent: float | None
    derived_band: Band | None
    band: Band | None  # the rating shown: the override where there is one, else derived
    overridden: bool
    criteria: list[CriterionResult]
    not_applicable_reason: str = ""

    @property
    def rating(self) -> str:
        """A band id, or 'not_rated' / 'not_applicable'."""
        if self.status == "rated" and self.band is not None:
            return self.band.id
        return self.status

    @property
    def answered(self) -> int:
        return sum(1 for c in self.criteria if c.applicable and c.percent is not None)

    @property
    def applicable_criteria(self) -> int:
        return sum(1 for c in self.criteria if c.applicable)


@dataclass(frozen=True)
class OverallResult:
    standards: list[StandardResult]
    percent: float | None  # mean of the rated standards' percentages
    compliant_percent: float | None  # share of applicable standards in the compliant band
    level: AssuranceLevel | None  # None until at least one standard is rated
    completeness: float | None  # share of applicable criteria answered
    band_counts: dict[str, int]

    @property
    def applicable_count(self) -> int:
        return sum(1 for s in self.standards if s.status != "not_applicable")

    @property
    def rated_count(self) -> int:
        return sum(1 for s in self.standards if s.status == "rated")

    @property
    def not_rated_count(self) -> int:
        return sum(1 for s in self.standards if s.status == "not_rated")


def band_for_percent(framework: Framework, percent: float) -> Band:
    """The highest band whose minimum the percentage reaches."""
    reached = [b for b in framework.bands if whole_percent(percent) >= b.min_percent]
    return max(reached, key=lambda band: band.min_percent)


def measured_value(measure: Measure, answer: CriterionAnswer) -> float | None:
    """The measure's value: a ratio as a percentage, or the value entered; None if not given."""
    if measure.is_ratio:
        if answer.numerator is None or not answer.denominator:
            return None
        return answer.numerator / answer.denominator * 100
    return answer.value


def measure_threshold(measure: Measure, value: float) -> tuple[float, str | None]:
    """The criterion percentage and band a measured value reaches (0 % below every threshold)."""
    for threshold in measure.thresholds:
        reached = (
            value >= threshold.limit
            if measure.direction == "higher"
            else (value <= threshold.limit)
        )
        if reached:
            return threshold.percent, threshold.band
    return 0.0, None


def criterion_result(
    framework: Framework, criterion: Criterion, answer: CriterionAnswer | None, org_type: str
) -> CriterionResult:
    applicable = criterion.applies_to is None or org_type in criterion.applies_to
    if answer is None or not applicable:
        return CriterionResult(criterion, applicable, None)
    if criterion.kind == "judgement":
        percent = None if answer.score is None else answer.score / framework.max_score * 100
        return CriterionResult(criterion, applicable, percent)
    if criterion.kind == "yes_no":
        percent = None if answer.met is None else (100.0 if answer.met else 0.0)
        return CriterionResult(criterion, applicable, percent)
    assert criterion.measure is not None  # the loader guarantees a measure criterion has one
    value = measured_value(criterion.measure, answer)
    if value is None:
        return CriterionResult(criterion, applicable, None)
    percent, band_id = measure_threshold(criterion.measure, value)
    if band_id is None:
        band_id = framework.bands_low_to_high[0].id
    return CriterionResult(criterion, applicable, percent, value, band_id)


def standard_applies(standard: Standard, org_type: str) -> bool:
    return org_type in standard.applies_to


def standard_result(
    framework: Framework, standard: Standard, response: StandardResponse | None, org_type: str
) -> StandardResult:
    response = response or StandardResponse()
    criteria = [
        criterion_result(framework, c, response.answers.get(c.id), org_type)
        for c in standard.criteria
    ]
    reason = response.not_applicable_reason
    if not standard_applies(standard, org_type):
        applies = " or ".join(framework.organisation_type(t).label for t in standard.applies_to)
        reason = f"Applies only to {applies}"
        criteria = [CriterionResult(c.criterion, False, None) for c in criteria]
    if reason is not None:
        return StandardResult(standard, "not_applicable", None, None, None, False, criteria, reason)
    answered = [c for c in criteria if c.applicable and c.percent is not None]
    percent = None
    derived = None
    if answered:
        total_weight = sum(c.criterion.weight for c in answered)
        percent = sum(c.criterion.weight * (c.percent or 0.0) for c in answered) / total_weight
        derived = band_for_percent(framework, percent)
    if response.override is not None:
        band = framework.band(response.override.band)
        return StandardResult(standard, "rated", percent, derived, band, True, criteria)
    status: Status = "rated" if derived is not None else "not_rated"
    return StandardResult(standard, status, percent, derived, derived, False, criteria)


def assurance_level(framework: Framework, compliant_percent: float) -> AssuranceLevel:
    reached = [
        lvl
        for lvl in framework.assurance.levels
        if whole_percent(compliant_percent) >= lvl.min_percent
    ]
    return max(reached, key=lambda level: level.min_percent)


def overall_result(framework: Framework, assessment: Assessment) -> OverallResult:
    """The position of the whole assessment; unrated and not-applicable standards left out."""
    org_type = assessment.organisation.type
    results = [
        standard_result(framework, s, assessment.responses.get(s.id), org_type)
        for s in framework.standards
    ]
    applicable = [r for r in results if r.status != "not_applicable"]
    rated = [r for r in applicable if r.status == "rated"]
    with_percent = [r.percent for r in rated if r.percent is not None]
    percent = sum(with_percent) / len(with_percent) if with_percent else None

    compliant_percent = level = None
    if rated:
        # The share counts every applicable standard, rated or not: an unrated standard is
        # not evidence of compliance, so full assurance needs every standard rated green.
        compliant = sum(
            1
            for r in applicable
            if r.band is not None and r.band.id == framework.assurance.compliant_band
        )
        compliant_percent = compliant / len(applicable) * 100
        level = assurance_level(framework, compliant_percent)

    criteria_total = sum(r.applicable_criteria for r in applicable)
    criteria_answered = sum(r.answered for r in applicable)
    completeness = criteria_answered / criteria_total * 100 if criteria_total else None
    counts = {band.id: 0 for band in framework.bands}
    for result in rated:
        if result.band is not None:
            counts[result.band.id] += 1
    return OverallResult(results, percent, compliant_percent, level, completeness, counts)


def overdue_actions(
    framework: Framework, assessment: Assessment, today: date
) -> list[tuple[Standard, Action]]:
    """Open actions whose due date has passed, by standard order."""
    found = []
    for standard in framework.standards:
        response = assessment.responses.get(standard.id)
        for action in response.actions if response else []:
            if action.is_overdue(today):
                found.append((standard, action))
    return found
