"""The return workbook's layout: sheets, columns, choice lists and the structure fingerprint.

The template writer and the importer both work from this one description, so the two cannot
disagree about where an answer lives.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from typing import Literal

from selfassess.assessment import EVIDENCE_KINDS
from selfassess.framework import Criterion, Framework, Standard
from selfassess.presentation import ACTION_STATUS_WORDS, SIGNOFF_WORDS

FORMAT = "sendassess-return"
LAYOUT_VERSION = 1

INSTRUCTIONS = "Instructions"
DETAILS = "Details"
STANDARDS = "Standards"
CRITERIA = "Criteria"
EVIDENCE = "Evidence"
ACTIONS = "Actions"
LISTS = "Lists"
META = "Meta"

TITLE_ROW = 1
HELP_ROW = 2
HEADER_ROW = 3
FIRST_ROW = 4
MAX_TABLE_ROWS = 20_000  # far beyond a real return; a bigger sheet is damage or mischief

Kind = Literal["text", "long", "date", "number", "choice", "fixed"]


@dataclass(frozen=True)
class Column:
    """A column of a table sheet (or a row of the Details sheet)."""

    key: str
    header: str
    width: float = 20
    kind: Kind = "text"
    choices: str = ""  # the choice list of a 'choice' column
    hint: str = ""  # the input hint a spreadsheet shows (at most 255 characters)
    hidden: bool = False

    @property
    def locked(self) -> bool:
        return self.kind == "fixed"


DETAILS_FIELDS = (
    Column("organisation_name", "Organisation", hint="Your organisation's full name."),
    Column("ods_code", "ODS code", hint="Your organisation's ODS code, for example QJK or RA9."),
    Column("organisation_type", "Organisation type", kind="fixed"),
    Column("period_label", "Period", hint="The period this return covers, for example 2025/26."),
    Column("period_start", "Period start", kind="date", hint="First day of the period."),
    Column("period_end", "Period end", kind="date", hint="Last day of the period."),
    Column("assessors", "Assessors", kind="long", hint="Who carried out the assessment: one "
           "person per line (press Alt+Enter for a new line), with their role."),
    Column("status", "Status", kind="choice", choices="SignoffStatuses",
           hint="Draft, Submitted (to the board or network) or Approved."),
    Column("signoff_name", "Signed off by", hint="Who signed the return off."),
    Column("signoff_role", "Sign-off role", hint="Their role."),
    Column("signoff_date", "Sign-off date", kind="date", hint="When it was signed off."),
    Column("signoff_meeting", "Sign-off meeting", hint="The meeting that approved it, if any."),
)  # fmt: skip

STANDARD_COLUMNS = (
    Column("number", "No.", 6, "fixed"),
    Column("ref", "Ref", 14, "fixed"),
    Column("title", "Standard", 34, "fixed"),
    Column("narrative", "Current position", 70, "long",
           hint="Where you are now against this standard, what the evidence shows and what "
           "remains to do."),
    Column("lead", "Lead", 20, hint="Who leads on this standard."),
    Column("review_date", "Review date", 13, "date", hint="When the position is next reviewed."),
    Column("not_applicable_reason", "Not applicable: reason", 28, "long",
           hint="Only if the standard does not apply to you: say why. Leave empty otherwise."),
    Column("override_band", "Override rating", 14, "choice", "Bands",
           hint="Only to override the rating worked out from the criteria; needs a "
           "justification."),
    Column("override_justification", "Override justification", 40, "long",
           hint="Why the rating worked out from the criteria does not reflect the position."),
    Column("override_by", "Override by", 18, hint="Who agreed the override."),
    Column("override_on", "Override date", 13, "date", hint="When the override was agreed."),
)  # fmt: skip

CRITERIA_COLUMNS = (
    Column("number", "No.", 6, "fixed"),
    Column("standard", "Standard", 24, "fixed"),
    Column("ref", "Ref", 20, "fixed"),
    Column("text", "Criterion", 44, "fixed"),
    Column("how", "How to answer", 40, "fixed"),
    Column("answer", "Answer", 26, "choice", hint="Choose from the list."),
    Column("numerator", "Number or value", 12, "number",
           hint="For a measure: the count (or the value) described in 'How to answer'."),
    Column("denominator", "Out of", 10, "number",
           hint="For a percentage measure: the total the count is out of."),
    Column("data_period", "Data period", 16, hint="The period the figures cover."),
    Column("source", "Source", 20, hint="Where the figures come from."),
    Column("note", "Note", 30, "long", hint="Anything a reader needs to know about this answer."),
    Column("carried_forward", "Carried forward", 11, "fixed"),
)  # fmt: skip

EVIDENCE_COLUMNS = (
    Column("standard", "Standard", 30, "choice", "Standards",
           hint="The standard this evidence supports."),
    Column("title", "Title", 36, hint="A short title for the evidence (required)."),
    Column("kind", "Kind", 12, "choice", "EvidenceKinds", hint="What kind of evidence it is."),
    Column("link", "Link or location", 36, hint="A web address or a shared-drive path."),
    Column("date", "Date", 13, "date", hint="The date of the document or data."),
    Column("owner", "Owner", 18, hint="Who owns the evidence."),
    Column("review_by", "Review by", 13, "date", hint="When the evidence should be reviewed."),
    Column("criteria", "Criteria (Ref)", 22,
           hint="Optional: the Refs of the criteria it supports (see the Criteria sheet), "
           "separated by commas."),
    Column("notes", "Notes", 30, "long"),
    Column("carried_forward", "Carried forward", 11, "fixed"),
    Column("attachment", "Attached file", 18, "fixed"),
    Column("id", "ID", 10, "fixed", hidden=True),
)  # fmt: skip

ACTION_COLUMNS = (
    Column("standard", "Standard", 30, "choice", "Standards",
           hint="The standard this action improves."),
    Column("what", "Action", 40, "long", hint="What will be done (required)."),
    Column("outcome", "Measurable outcome", 36, "long",
           hint="How you will know it worked: a measurable result."),
    Column("owner", "Owner", 18, hint="Who is responsible."),
    Column("due", "Due", 13, "date", hint="When it is due."),
    Column("status", "Status", 13, "choice", "ActionStatuses"),
    Column("notes", "Notes", 30, "long"),
    Column("carried_forward", "Carried forward", 11, "fixed"),
    Column("id", "ID", 10, "fixed", hidden=True),
)  # fmt: skip

TABLES: dict[str, tuple[Column, ...]] = {
    STANDARDS: STANDARD_COLUMNS,
    CRITERIA: CRITERIA_COLUMNS,
    EVIDENCE: EVIDENCE_COLUMNS,
    ACTIONS: ACTION_COLUMNS,
}
DETAILS_HEADERS = ("Item", "Your answer", "Guidance")

META_KEYS = (
    "format",
    "layout_version",
    "framework_id",
    "framework_version",
    "organisation_type",
    "fingerprint",
    "assessment_id",
    "created",
    "carried_from",
    "app_version",
)

YES, NO = "Yes", "No"


@functools.cache  # looked up for every cell an import reads
def column_index(columns: tuple[Column, ...], key: str) -> int:
    """The 1-based column number of `key`."""
    return next(index for index, column in enumerate(columns, 1) if column.key == key)


def criterion_applies(criterion: Criterion, org_type: str) -> bool:
    return criterion.applies_to is None or org_type in criterion.applies_to


def standards_for(framework: Framework, org_type: str) -> list[Standard]:
    """The standards a return for this organisation type has rows for."""
    return [standard for standard in framework.standards if org_type in standard.applies_to]


def criteria_for(framework: Framework, org_type: str) -> list[tuple[Standard, Criterion]]:
    return [
        (standard, criterion)
        for standard in standards_for(framework, org_type)
        for criterion in standard.criteria
        if criterion_applies(criterion, org_type)
    ]


def standard_label(standard: Standard) -> str:
    return f"{standard.number}. {standard.title}"


def scale_label(score: int, label: str) -> str:
    return f"{score} – {label}"


def evidence_kind_label(kind: str) -> str:
    return kind.capitalize()


def choice_lists(framework: Framework, org_type: str) -> dict[str, list[str]]:
    """Every choice list, by name; the template puts them on the hidden list sheet."""
    scale = sorted(framework.scale, key=lambda level: level.score)
    return {
        "Scale": [scale_label(level.score, level.label) for level in scale],
        "YesNo": [YES, NO],
        "Bands": [band.label for band in framework.bands_low_to_high],
        "EvidenceKinds": [evidence_kind_label(kind) for kind in EVIDENCE_KINDS],
        "ActionStatuses": list(ACTION_STATUS_WORDS.values()),
        "SignoffStatuses": list(SIGNOFF_WORDS.values()),
        "Standards": [standard_label(s) for s in standards_for(framework, org_type)],
    }


def list_range_name(list_name: str) -> str:
    """The workbook-level name of a choice list's range (used by the drop-down validations)."""
    return f"List{list_name}"


def answer_list(criterion: Criterion) -> str:
    """The choice list of a criterion's Answer cell, or '' when it is answered with figures."""
    return {"judgement": "Scale", "yes_no": "YesNo"}.get(criterion.kind, "")


def answer_keys(criterion: Criterion) -> tuple[str, ...]:
    """The Criteria columns a criterion is answered in; its other answer cells stay locked."""
    common = ("data_period", "source", "note")
    if answer_list(criterion):
        return ("answer", *common)
    if criterion.measure is not None and criterion.measure.is_ratio:
        return ("numerator", "denominator", *common)
    return ("numerator", *common)


def how_to_answer(framework: Framework, criterion: Criterion) -> str:
    """The instruction shown beside a criterion."""
    if criterion.kind == "judgement":
        top = framework.max_score
        return f"Choose a level from 0 to {top} in the Answer column."
    if criterion.kind == "yes_no":
        return "Choose Yes or No in the Answer column."
    measure = criterion.measure
    assert measure is not None  # the loader guarantees a measure criterion has one
    sign = "≥" if measure.direction == "higher" else "≤"
    unit = "%" if measure.is_ratio else f" {measure.unit}"
    bands = ", ".join(
        f"{framework.band(t.band).label} {sign} {t.limit:g}{unit}" for t in measure.thresholds
    )
    if measure.is_ratio:
        return (
            f"Number: {measure.numerator}. Out of: {measure.denominator}. "
            f"Rated as a percentage: {bands}."
        )
    return f"Value: {measure.numerator} ({measure.unit}). Rated: {bands}."


def standard_fixed(standard: Standard) -> dict[str, object]:
    return {"number": standard.number, "ref": standard.id, "title": standard.title}


def criterion_fixed(
    framework: Framework, standard: Standard, criterion: Criterion
) -> dict[str, object]:
    return {
        "number": standard.number,
        "standard": standard.title,
        "ref": criterion.id,
        "text": criterion.text,
        "how": how_to_answer(framework, criterion),
    }


def fingerprint(framework: Framework, org_type: str) -> str:
    """A hash of everything the template's structure depends on.

    Two templates with the same fingerprint have the same rows, columns and choices, so a
    return whose fingerprint differs from the importer's was made from other definitions.
    """
    structure = {
        "layout": LAYOUT_VERSION,
        "framework": [framework.id, framework.version],
        "organisation_type": org_type,
        "details": [field.key for field in DETAILS_FIELDS],
        "tables": {name: [column.header for column in cols] for name, cols in TABLES.items()},
        "standards": [standard_fixed(s) for s in standards_for(framework, org_type)],
        "criteria": [
            [criterion.kind, criterion.weight, criterion_fixed(framework, standard, criterion)]
            for standard, criterion in criteria_for(framework, org_type)
        ],
        "lists": choice_lists(framework, org_type),
    }
    text = json.dumps(structure, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
