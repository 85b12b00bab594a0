"""Ratings from answers: boundaries, weights, measures, overrides and applicability."""

from __future__ import annotations

from datetime import date

import pytest

from selfassess.assessment import Action, CriterionAnswer, Override
from selfassess.presentation import format_percent
from selfassess.scoring import overall_result, overdue_actions, standard_result


def rate(framework, assessment, standard_id):
    return standard_result(
        framework,
        framework.standard(standard_id),
        assessment.responses.get(standard_id),
        assessment.organisation.type,
    )


def test_nothing_answered_is_not_rated(small_framework, commissioner_assessment):
    result = rate(small_framework, commissioner_assessment, "s1")
    assert result.status == "not_rated"
    assert result.rating == "not_rated"
    assert result.percent is None and result.band is None
    overall = overall_result(small_framework, commissioner_assessment)
    assert overall.percent is None
    assert overall.level is None
    assert overall.completeness == 0


def test_weighted_mean_of_answered_criteria(small_framework, commissioner_assessment):
    answers = commissioner_assessment.response("s1").answers
    answers["s1-a"] = CriterionAnswer(score=3)  # 100 %, weight 1
    answers["s1-b"] = CriterionAnswer(score=1)  # 33.3 %, weight 3
    result = rate(small_framework, commissioner_assessment, "s1")
    assert result.percent == pytest.approx((100 + 3 * 100 / 3) / 4)  # 50 %
    assert result.rating == "amber"  # exactly on amber's minimum of 50


def test_unanswered_criteria_are_left_out_of_the_mean(small_framework, commissioner_assessment):
    commissioner_assessment.response("s1").answers["s1-a"] = CriterionAnswer(score=3)
    result = rate(small_framework, commissioner_assessment, "s1")
    assert result.percent == 100
    assert result.rating == "green"
    assert (result.answered, result.applicable_criteria) == (1, 2)


@pytest.mark.parametrize(
    ("numerator", "denominator", "percent", "rating"),
    [
        (90, 100, 100, "green"),  # exactly on the green limit
        (89, 100, 67, "amber"),
        (75, 100, 67, "amber"),  # exactly on the amber limit
        (74, 100, 0, "red"),  # below every threshold
        (0, 10, 0, "red"),
    ],
)
def test_ratio_measure_thresholds(
    small_framework, provider_assessment, numerator, denominator, percent, rating
):
    provider_assessment.response("s2").answers["s2-m"] = CriterionAnswer(
        numerator=numerator, denominator=denominator
    )
    result = rate(small_framework, provider_assessment, "s2")
    assert result.percent == pytest.approx(percent)
    assert result.rating == rating
    assert result.criteria[0].measured == pytest.approx(numerator / denominator * 100)


def test_ratio_with_zero_denominator_is_unanswered(small_framework, provider_assessment):
    provider_assessment.response("s2").answers["s2-m"] = CriterionAnswer(numerator=0, denominator=0)
    result = rate(small_framework, provider_assessment, "s2")
    assert result.status == "not_rated"
    assert result.criteria[0].percent is None


@pytest.mark.parametrize(("days", "percent"), [(10, 100), (10.5, 60), (20, 60), (21, 0)])
def test_lower_is_better_measure(small_framework, commissioner_assessment, days, percent):
    commissioner_assessment.response("s3").answers["s3-w"] = CriterionAnswer(value=days)
    assert rate(small_framework, commissioner_assessment, "s3").percent == percent


def test_yes_no(small_framework, commissioner_assessment):
    answers = commissioner_assessment.response("s3").answers
    answers["s3-y"] = CriterionAnswer(met=True)
    answers["s3-w"] = CriterionAnswer(value=30)
    result = rate(small_framework, commissioner_assessment, "s3")
    assert result.percent == 50 and result.rating == "amber"


def test_standard_not_for_the_organisation_type_is_not_applicable(
    small_framework, commissioner_assessment
):
    commissioner_assessment.response("s2").answers["s2-m"] = CriterionAnswer(
        numerator=1, denominator=1
    )
    result = rate(small_framework, commissioner_assessment, "s2")
    assert result.rating == "not_applicable"
    assert result.not_applicable_reason == "Applies only to Provider"


def test_criterion_for_another_type_is_ignored(
    small_framework, commissioner_assessment, provider_assessment
):
    for assessment in (commissioner_assessment, provider_assessment):
        answers = assessment.response("s4").answers
        answers["s4-all"] = CriterionAnswer(met=True)
        answers["s4-prov"] = CriterionAnswer(met=False)
    assert rate(small_framework, commissioner_assessment, "s4").percent == 100
    assert rate(small_framework, provider_assessment, "s4").percent == 50


def test_override_replaces_the_band_and_is_marked(small_framework, commissioner_assessment):
    response = commissioner_assessment.response("s1")
    response.answers["s1-a"] = CriterionAnswer(score=0)
    response.override = Override(band="amber", justification="Re-audit in progress")
    result = rate(small_framework, commissioner_assessment, "s1")
    assert result.rating == "amber"
    assert result.overridden
    assert result.derived_band is not None and result.derived_band.id == "red"


def test_override_without_answers_still_rates(small_framework, commissioner_assessment):
    commissioner_assessment.response("s1").override = Override(
        band="green", justification="External review"
    )
    result = rate(small_framework, commissioner_assessment, "s1")
    assert result.rating == "green" and result.percent is None


def test_override_needs_a_justification():
    with pytest.raises(ValueError, match="justification"):
        Override(band="green", justification="   ")


def test_not_applicable_needs_a_reason(small_framework, commissioner_assessment):
    response = commissioner_assessment.response("s1")
    with pytest.raises(ValueError, match="reason"):
        response.not_applicable_reason = " "
    response.not_applicable_reason = "Service decommissioned in 2025"
    assert rate(small_framework, commissioner_assessment, "s1").rating == "not_applicable"


def _answer_all_green(assessment):
    assessment.response("s1").answers.update(
        {"s1-a": CriterionAnswer(score=3), "s1-b": CriterionAnswer(score=3)}
    )
    assessment.response("s3").answers.update(
        {"s3-y": CriterionAnswer(met=True), "s3-w": CriterionAnswer(value=5)}
    )
    assessment.response("s4").answers["s4-all"] = CriterionAnswer(met=True)


def test_all_green_is_full_assurance(small_framework, commissioner_assessment):
    _answer_all_green(commissioner_assessment)
    overall = overall_result(small_framework, commissioner_assessment)
    assert overall.applicable_count == 3  # s2 is for providers only
    assert overall.percent == 100
    assert overall.compliant_percent == 100
    assert overall.level is not None and overall.level.label == "Full"
    assert overall.completeness == 100
    assert overall.band_counts == {"red": 0, "amber": 0, "green": 3}


def test_unrated_standard_counts_against_assurance(small_framework, commissioner_assessment):
    _answer_all_green(commissioner_assessment)
    commissioner_assessment.response("s4").answers.clear()
    overall = overall_result(small_framework, commissioner_assessment)
    assert overall.percent == 100  # only rated standards in the mean
    assert overall.compliant_percent == pytest.approx(200 / 3)
    assert overall.level.id == "non_compliant"
    assert overall.completeness == pytest.approx(100 * 4 / 5)


def test_not_applicable_by_reason_leaves_the_denominators(small_framework, commissioner_assessment):
    _answer_all_green(commissioner_assessment)
    commissioner_assessment.response("s4").answers.clear()
    commissioner_assessment.response("s4").not_applicable_reason = "No such service"
    overall = overall_result(small_framework, commissioner_assessment)
    assert overall.applicable_count == 2
    assert overall.level.id == "full"
    assert overall.completeness == 100


def test_all_not_applicable(small_framework, commissioner_assessment):
    for standard_id in ("s1", "s3", "s4"):
        commissioner_assessment.response(standard_id).not_applicable_reason = "Out of scope"
    overall = overall_result(small_framework, commissioner_assessment)
    assert overall.applicable_count == 0
    assert overall.percent is None and overall.level is None and overall.completeness is None


def test_assurance_boundaries_follow_the_definitions(small_framework, commissioner_assessment):
    # 89 % green is Substantial exactly on its minimum; move the minimum and the level moves.
    from selfassess.scoring import assurance_level

    assert assurance_level(small_framework, 89).id == "substantial"
    assert assurance_level(small_framework, 8 / 9 * 100).id == "substantial"  # shown as 89 %
    assert assurance_level(small_framework, 88.4).id == "partial"
    assert assurance_level(small_framework, 77).id == "partial"
    assert assurance_level(small_framework, 76.4).id == "non_compliant"
    small_framework.assurance.levels[1].min_percent = 95
    assert assurance_level(small_framework, 89).id == "partial"


def test_bands_use_the_whole_percentage_users_see(small_framework, commissioner_assessment):
    from selfassess.scoring import band_for_percent

    assert band_for_percent(small_framework, 85).id == "green"
    assert band_for_percent(small_framework, 85 - 1e-12).id == "green"
    assert band_for_percent(small_framework, 84.5).id == "green"  # shown as 85 %, rated so
    assert band_for_percent(small_framework, 84.49).id == "amber"  # shown as 84 %
    assert band_for_percent(small_framework, 0).id == "red"
    assert format_percent(84.5) == "85%" and format_percent(84.49) == "84%"


def test_overdue_actions(small_framework, commissioner_assessment):
    actions = commissioner_assessment.response("s1").actions
    actions.append(Action(what="Late", due=date(2026, 1, 1)))
    actions.append(Action(what="Due today", due=date(2026, 2, 1)))
    actions.append(Action(what="Late but done", due=date(2026, 1, 1), status="done"))
    actions.append(Action(what="No date"))
    overdue = overdue_actions(small_framework, commissioner_assessment, date(2026, 2, 1))
    assert [action.what for _, action in overdue] == ["Late"]
