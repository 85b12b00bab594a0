"""The workbook's flat tables: one row per criterion, per evidence item and per action."""

from __future__ import annotations

from collections.abc import Iterable

from selfassess.assessment import Assessment, CriterionAnswer, StandardResponse
from selfassess.exports.workbook_layout import (
    DATE,
    ID,
    NUMBER,
    OVERDUE,
    PERCENT,
    CellValue,
    Column,
    SheetContext,
    Styled,
    percent,
    rating_cell,
)
from selfassess.framework import Criterion, Framework, Standard
from selfassess.presentation import ACTION_STATUS_WORDS, CRITERION_KIND_WORDS, RATING_WORDS
from selfassess.scoring import CriterionResult


def response_of(assessment: Assessment, standard: Standard) -> StandardResponse:
    # Never assessment.response(): that adds an empty response, and exporting changes nothing.
    return assessment.responses.get(standard.id) or StandardResponse()


def criterion_refs(standard: Standard) -> dict[str, str]:
    """'3.2' for a standard's second criterion: short enough to cross-refer between sheets."""
    return {c.id: f"{standard.number}.{i}" for i, c in enumerate(standard.criteria, start=1)}


def _yes(flag: bool) -> str:
    return "Yes" if flag else ""


# Evidence and actions keep their IDs through a return, so an import updates rather than
# duplicates them. Off the page and at the far right, in small grey text, the column stays out
# of readers' way; it is as wide as a 32-character ID, since text running on into the next
# column is struck through by the cell's border.
ID_COLUMN = Column("ID", 28, ID, printed=False)

STANDARDS_COLUMNS = [
    Column("No.", 5, NUMBER),
    Column("Standard", 20),
    Column("Ref", 5),
    Column("Criterion", 34),
    Column("Kind", 9),
    Column("Answer", 18),
    Column("Score", 6, NUMBER),
    Column("Numerator", 10, NUMBER),
    Column("Denominator", 12, NUMBER),
    Column("Measured", 9, NUMBER),
    Column("Data period", 12),
    Column("Source", 14),
    Column("Note", 14),
    Column("Carried forward", 10),
    Column("Criterion %", 9, PERCENT),
    Column("Standard rating", 11),
    Column("Standard %", 9, PERCENT),
    Column("Override", 9),
    Column("Current position", 45),
]


def _answer_cells(
    framework: Framework,
    criterion: Criterion,
    answer: CriterionAnswer | None,
    result: CriterionResult,
) -> list[CellValue]:
    """Answer, score, numerator, denominator, measured value, data period, source, note, and
    whether the answer was carried forward from the previous period."""
    if not result.applicable:
        return [RATING_WORDS["not_applicable"], *[None] * 8]
    if answer is None:
        return ["Not answered", *[None] * 8]
    measure = criterion.measure
    text: str = "Not answered"
    score = numerator = denominator = None
    measured: CellValue = None
    if criterion.kind == "judgement" and answer.score is not None:
        score = answer.score
        label = next((lvl.label for lvl in framework.scale if lvl.score == score), "")
        text = f"{score} – {label}" if label else str(score)
    elif criterion.kind == "yes_no" and answer.met is not None:
        text = "Yes" if answer.met else "No"
    elif measure is not None and measure.is_ratio:
        numerator, denominator = answer.numerator, answer.denominator
        if numerator is not None and denominator is not None:
            text = f"{numerator:g} of {denominator:g}"
        measured = Styled(percent(result.measured), PERCENT)
    elif measure is not None and answer.value is not None:
        text = f"{answer.value:g} {measure.unit}"
        measured = answer.value
    return [
        text,
        score,
        numerator,
        denominator,
        measured,
        answer.data_period,
        answer.source,
        answer.note,
        _yes(answer.carried_forward),
    ]


def standards_rows(context: SheetContext) -> Iterable[list[CellValue]]:
    framework = context.framework
    for result in context.overall.standards:
        standard = result.standard
        response = response_of(context.assessment, standard)
        refs = criterion_refs(standard)
        rating = rating_cell(result)
        for criterion, criterion_result in zip(standard.criteria, result.criteria, strict=True):
            answer = response.answers.get(criterion.id)
            yield [
                standard.number,
                standard.title,
                refs[criterion.id],
                criterion.text,
                CRITERION_KIND_WORDS[criterion.kind],
                *_answer_cells(framework, criterion, answer, criterion_result),
                percent(criterion_result.percent),
                rating,
                percent(result.percent),
                "Override" if result.overridden else "",
                response.narrative,
            ]


EVIDENCE_COLUMNS = [
    Column("No.", 5, NUMBER),
    Column("Standard", 24),
    Column("Evidence", 36),
    Column("Kind", 11),
    Column("Criteria", 9),
    Column("Link", 36),
    Column("Attached file", 20),
    Column("Dated", 13, DATE),
    Column("Owner", 18),
    Column("Review by", 13, DATE),
    Column("Review", 12),
    Column("Carried forward", 10),
    Column("Notes", 30),
    ID_COLUMN,
]


def evidence_rows(context: SheetContext) -> Iterable[list[CellValue]]:
    for standard in context.framework.standards:
        refs = criterion_refs(standard)
        for item in response_of(context.assessment, standard).evidence:
            review_due = item.is_review_due(context.today)
            yield [
                standard.number,
                standard.title,
                item.title,
                item.kind.replace("_", " ").capitalize(),
                ", ".join(refs.get(criterion_id, criterion_id) for criterion_id in item.criteria),
                item.link,
                item.attachment,
                item.date,
                item.owner,
                item.review_by,
                Styled("Review overdue", OVERDUE) if review_due else "",
                _yes(item.carried_forward),
                item.notes,
                item.id,
            ]


ACTION_COLUMNS = [
    Column("No.", 5, NUMBER),
    Column("Standard", 24),
    Column("Action", 40),
    Column("Measurable outcome", 40),
    Column("Owner", 18),
    Column("Due", 13, DATE),
    Column("Status", 12),
    Column("Overdue", 11),
    Column("Carried forward", 10),
    Column("Notes", 30),
    ID_COLUMN,
]


def action_rows(context: SheetContext) -> Iterable[list[CellValue]]:
    for standard in context.framework.standards:
        for action in response_of(context.assessment, standard).actions:
            yield [
                standard.number,
                standard.title,
                action.what,
                action.outcome,
                action.owner,
                action.due,
                ACTION_STATUS_WORDS[action.status],
                Styled("Overdue", OVERDUE) if action.is_overdue(context.today) else "",
                _yes(action.carried_forward),
                action.notes,
                action.id,
            ]
