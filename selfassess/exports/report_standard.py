"""The report's section for one standard: statement, rating and its basis, evidence, actions."""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from selfassess.assessment import Action, CriterionAnswer, EvidenceItem, StandardResponse
from selfassess.exports.report_layout import FRAME_WIDTH, Bookmark
from selfassess.exports.report_styles import (
    BODY,
    CELL,
    CELL_BOLD,
    CELL_NOTE,
    CELL_PATH,
    CELL_RIGHT,
    FONT,
    H1,
    KICKER,
    RULE,
    SMALL,
    data_table,
    heading,
    markup,
    panel,
    para,
    rating_chip,
    rich,
    titled,
)
from selfassess.framework import Criterion, Framework
from selfassess.presentation import (
    ACTION_STATUS_WORDS,
    OVERDUE_COLOURS,
    format_date,
    format_percent,
    rating_explanation,
)
from selfassess.scoring import CriterionResult, StandardResult, measured_value

DATE_WIDTH = 64.0  # "30 Sep 2026" on one line


def action_cells(action: Action, today: date) -> list[Any]:
    """Action (what and outcome), owner, due date and status, with overdue flagged in words."""
    what: list[Flowable] = [para(action.what, CELL_BOLD)]
    if action.outcome:
        what.append(para(f"Outcome: {action.outcome}", CELL_NOTE))
    if action.notes:
        what.append(para(action.notes, CELL_NOTE))
    status = markup(ACTION_STATUS_WORDS[action.status])
    if action.is_overdue(today) and action.due is not None:
        days = (today - action.due).days
        flag = f'<font color="{OVERDUE_COLOURS[0]}"><b>Overdue</b></font>'
        status = f"{flag} by {days} day{'s' if days != 1 else ''}<br/>{status}"
    return [what, para(action.owner, CELL), format_date(action.due), rich(status, CELL)]


def action_widths(extra: list[float]) -> list[float]:
    """Column widths for action_cells, after any `extra` columns placed before them."""
    fixed = [84.0, DATE_WIDTH, 100.0]
    return [*extra, FRAME_WIDTH - sum(extra) - sum(fixed), *fixed]


def answer_text(framework: Framework, criterion: Criterion, answer: CriterionAnswer | None) -> str:
    """An answer in words: a scale level, Yes/No, or the measured figure."""
    if answer is None:
        return "Not answered"
    if criterion.kind == "judgement":
        if answer.score is None:
            return "Not answered"
        levels = {level.score: level.label for level in framework.scale}
        label = levels.get(answer.score, "Score")
        return f"{label} ({answer.score} of {framework.max_score})"
    if criterion.kind == "yes_no":
        return "Not answered" if answer.met is None else ("Yes" if answer.met else "No")
    assert criterion.measure is not None  # the loader guarantees a measure criterion has one
    value = measured_value(criterion.measure, answer)
    if value is None:
        return "Not answered"
    if criterion.measure.is_ratio:
        return f"{answer.numerator:g} of {answer.denominator:g} ({value:.1f}%)"
    return f"{value:g} {criterion.measure.unit}"


def _answer_cell(
    framework: Framework, result: CriterionResult, answer: CriterionAnswer | None
) -> list[Flowable]:
    cell: list[Flowable] = [para(answer_text(framework, result.criterion, answer), CELL)]
    if answer is not None:
        details = [answer.data_period, answer.source, answer.note]
        if result.measure_band is not None:
            details.insert(0, f"{framework.band(result.measure_band).label} threshold")
        shown = " · ".join(detail for detail in details if detail)
        if shown:
            cell.append(para(shown, CELL_NOTE))
    return cell


def _criteria_table(
    framework: Framework, result: StandardResult, response: StandardResponse
) -> list[Flowable]:
    applicable = [c for c in result.criteria if c.applicable]
    rows: list[list[Any]] = [
        [
            para(c.criterion.text, CELL),
            _answer_cell(framework, c, response.answers.get(c.criterion.id)),
            f"{c.criterion.weight:g}",
            format_percent(c.percent),
        ]
        for c in applicable
    ]
    answered = [c for c in applicable if c.percent is not None]
    rows.append(
        [
            para(f"Weighted mean of the {len(answered)} answered criteria", CELL_BOLD),
            "",
            f"{sum(c.criterion.weight for c in answered):g}",
            rich(f"<b>{format_percent(result.percent)}</b>", CELL_RIGHT),
        ]
    )
    table = data_table(
        ["Criterion", "Answer", "Weight", "Score"],
        rows,
        [FRAME_WIDTH - 250, 154, 44, 52],
        extra=[("LINEABOVE", (0, -1), (-1, -1), 1, RULE), ("SPAN", (0, -1), (1, -1))],
        numeric=(2, 3),
    )
    story: list[Flowable] = [table]
    left_out = len(result.criteria) - len(applicable)
    if left_out:
        story.append(
            para(
                f"{left_out} criteri{'a' if left_out != 1 else 'on'} for other organisation "
                "types left out.",
                SMALL,
            )
        )
    return story


def _rating(
    framework: Framework, result: StandardResult, response: StandardResponse
) -> list[Flowable]:
    story: list[Flowable] = heading("Rating and how it was reached")
    story.append(para(rating_explanation(result, framework), BODY))
    override = response.override
    if result.overridden and override is not None and result.band is not None:
        who = " on ".join(part for part in (override.by, format_date(override.on)) if part)
        lines = [rich(f"<b>Justification for the override:</b> {markup(override.justification)}")]
        if who:
            lines.append(para(f"Set by {who}.", SMALL))
        story.append(panel(lines, FRAME_WIDTH))
    if result.status != "not_applicable":
        story += _criteria_table(framework, result, response)
    return story


def _narrative(response: StandardResponse) -> list[Flowable]:
    story: list[Flowable] = heading("Current position")
    # One paragraph per block of text, so a long narrative flows across pages.
    blocks = [block.strip() for block in response.narrative.split("\n\n") if block.strip()]
    story += [para(block, BODY) for block in blocks]
    if not blocks:
        story.append(para("No current position has been recorded.", SMALL))
    return story


def _review_by(item: EvidenceItem, today: date) -> Any:
    """The review date, with 'Review due' in words beneath it once it has passed."""
    if not item.is_review_due(today):
        return format_date(item.review_by)
    flag = f'<font color="{OVERDUE_COLOURS[0]}"><b>Review due</b></font>'
    return rich(f"{markup(format_date(item.review_by))}<br/>{flag}", CELL)


def _evidence(response: StandardResponse, today: date) -> list[Flowable]:
    title = f"Evidence ({len(response.evidence)})"
    if not response.evidence:
        return titled(title, [para("No evidence has been recorded.", SMALL)])
    rows = []
    for item in response.evidence:
        cell: list[Flowable] = [para(item.title, CELL_BOLD)]
        where = item.link or (f"Attached: {item.attachment}" if item.attachment else "")
        if where:
            cell.append(para(where, CELL_PATH))
        if item.notes:
            cell.append(para(item.notes, CELL_NOTE))
        rows.append(
            [
                cell,
                para(item.kind.capitalize(), CELL),
                format_date(item.date),
                para(item.owner, CELL),
                _review_by(item, today),
            ]
        )
    widths = [FRAME_WIDTH - 144 - 2 * DATE_WIDTH, 56, DATE_WIDTH, 88, DATE_WIDTH]
    table = data_table(["Evidence", "Kind", "Dated", "Owner", "Review by"], rows, widths)
    return titled(title, [table], len(rows))


def _actions(response: StandardResponse, today: date) -> list[Flowable]:
    title = f"Actions ({len(response.actions)})"
    if not response.actions:
        return titled(title, [para("No actions have been recorded.", SMALL)])
    rows = [action_cells(action, today) for action in response.actions]
    table = data_table(["Action", "Owner", "Due", "Status"], rows, action_widths([]))
    return titled(title, [table], len(rows))


def _summary_strip(result: StandardResult, response: StandardResponse) -> Table:
    """The rating chip, then the score (and what an override replaced), lead and review date."""
    score = f"Score <b>{format_percent(result.percent)}</b>"
    if result.overridden:
        derived = result.derived_band.label if result.derived_band else "not rated"
        score += f"<br/>Override: the criteria give {markup(derived)}"
    cells: list[Flowable] = [rating_chip(result), rich(score, CELL)]
    if result.status != "not_applicable":
        cells += [
            rich(f"Lead <b>{markup(response.lead or 'not named')}</b>", CELL),
            rich(f"Review by <b>{format_date(response.review_date) or 'not set'}</b>", CELL),
        ]
    return Table(
        [cells],
        colWidths=[110, 150, FRAME_WIDTH - 370, 110][: len(cells)],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
            ]
        ),
        hAlign="LEFT",
        spaceAfter=8,
    )


def standard_section(
    framework: Framework, result: StandardResult, response: StandardResponse, today: date
) -> list[Flowable]:
    """A standard on a fresh page, with an outline entry under 'Standards'."""
    standard = result.standard
    story: list[Flowable] = [
        PageBreak(),
        Bookmark(f"{standard.number}. {standard.title}", f"standard-{standard.number}", 1),
        para(f"Standard {standard.number}", KICKER),
        para(standard.title, H1),
        _summary_strip(result, response),
        panel([para(standard.statement, BODY)], FRAME_WIDTH),
    ]
    if standard.references:
        references = "; ".join(markup(reference) for reference in standard.references)
        story.append(rich(f"<b>References:</b> {references}", SMALL))
    story += _rating(framework, result, response)
    recorded = response.narrative.strip() or response.evidence or response.actions
    if result.status == "not_applicable" and not recorded:
        return story  # nothing to say beyond the reason; empty headings would only be noise
    story += _narrative(response)
    story += _evidence(response, today)
    story += _actions(response, today)
    return story
