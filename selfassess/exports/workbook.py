"""The RAG-rated compliance workbook: summary, standards, evidence, action plan and definitions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from selfassess import __version__
from selfassess.assessment import StandardResponse
from selfassess.atomic import write_with
from selfassess.document import Document
from selfassess.errors import ExportError, SelfAssessError
from selfassess.exports.sheet_text import clean_text
from selfassess.exports.workbook_definitions import definitions_sheet
from selfassess.exports.workbook_layout import (
    DATE,
    FIGURE,
    FIGURE_PERCENT,
    HEADING,
    LABEL,
    NUMBER,
    OVERDUE,
    PERCENT,
    TITLE,
    VALUE,
    VALUE_DATE,
    CellValue,
    Column,
    SheetContext,
    SheetWriter,
    Styled,
    add_styles,
    page_setup,
    percent,
    rating_cell,
    rating_style_name,
)
from selfassess.exports.workbook_tables import (
    ACTION_COLUMNS,
    EVIDENCE_COLUMNS,
    STANDARDS_COLUMNS,
    action_rows,
    evidence_rows,
    response_of,
    standards_rows,
)
from selfassess.framework import Framework
from selfassess.presentation import RATING_WORDS, SIGNOFF_WORDS, format_date
from selfassess.scoring import overall_result


def _key_value(writer: SheetWriter, row: int, label: str, value: CellValue, note: str = "") -> None:
    writer.put(row, 2, label, LABEL)
    writer.put(row, 3, value, VALUE_DATE if isinstance(value, date) else VALUE)
    if note:
        writer.put(row, 4, note, VALUE)


# Overrides and not-applicable reasons have columns of their own, so a reader sees at once
# which ratings are judgements rather than calculations, and an import reads them back exactly.
SUMMARY_COLUMNS = [
    Column("No.", 5, NUMBER),
    Column("Standard", 32),
    Column("Rating", 14),
    Column("%", 7, PERCENT),
    Column("Override to", 10),
    Column("Override justification", 30),
    Column("Override by", 14),
    Column("Override date", 12, DATE),
    Column("Not applicable reason", 20),
    Column("Evidence items", 9, NUMBER),
    Column("Open actions", 8, NUMBER),
    Column("Overdue actions", 8, NUMBER),
    Column("Lead", 16),
    Column("Review date", 12, DATE),
]


def _override_cells(response: StandardResponse, framework: Framework) -> list[CellValue]:
    """Override to, justification, by and date: as recorded, even where the standard is N/A."""
    override = response.override
    if override is None:
        return [None] * 4
    band = next((band.label for band in framework.bands if band.id == override.band), "")
    return [band or override.band, override.justification, override.by, override.on]


def _summary_rows(context: SheetContext) -> Iterable[list[CellValue]]:
    for result in context.overall.standards:
        response = response_of(context.assessment, result.standard)
        open_actions = [action for action in response.actions if action.is_open]
        overdue = [action for action in open_actions if action.is_overdue(context.today)]
        yield [
            result.standard.number,
            result.standard.title,
            rating_cell(result),
            percent(result.percent),
            *_override_cells(response, context.framework),
            result.not_applicable_reason if result.status == "not_applicable" else "",
            len(response.evidence),
            len(open_actions),
            Styled(len(overdue), OVERDUE) if overdue else 0,
            response.lead,
            response.review_date,
        ]


def _summary_sheet(writer: SheetWriter, context: SheetContext) -> int:
    """Write the summary; return the row of the standards table's header."""
    assessment, framework, overall = context.assessment, context.framework, context.overall
    organisation, signoff = assessment.organisation, assessment.signoff
    writer.put(1, 1, organisation.name, TITLE)
    writer.put(2, 1, f"{framework.title}: self-assessment, {assessment.period.label}", VALUE)

    writer.put(4, 2, "Organisation and sign-off", HEADING)
    details: list[tuple[str, CellValue]] = [
        ("Organisation", organisation.name),
        ("ODS code", organisation.ods_code),
        ("Organisation type", framework.organisation_type(organisation.type).label),
        ("Period", assessment.period.label),
        ("Period start", assessment.period.start),
        ("Period end", assessment.period.end),
        ("Assessors", "; ".join(assessment.assessors)),
        ("Status", SIGNOFF_WORDS[signoff.status]),
        ("Signed off by", signoff.name),
        ("Role", signoff.role),
        ("Sign-off date", signoff.date),
        ("Meeting", signoff.meeting),
    ]
    row = 5
    for label, value in details:
        _key_value(writer, row, label, value)
        row += 1

    compliant = framework.band(framework.assurance.compliant_band)
    compliant_count = overall.band_counts.get(compliant.id, 0)
    criteria_total = sum(r.applicable_criteria for r in overall.standards)
    criteria_answered = sum(r.answered for r in overall.standards)
    overdue_total = sum(
        1
        for result in overall.standards
        for action in response_of(assessment, result.standard).actions
        if action.is_overdue(context.today)
    )
    row += 1
    writer.put(row, 2, "Overall position", HEADING)
    figures: list[tuple[str, CellValue, str]] = [
        (
            "Overall percentage",
            Styled(percent(overall.percent), FIGURE_PERCENT),
            "Mean of the rated standards' percentages",
        ),
        (
            "Assurance level",
            Styled(overall.level.label if overall.level else "Not assessed", FIGURE),
            overall.level.description if overall.level else "No standard is rated yet",
        ),
        (
            f"Standards rated {compliant.label}",
            Styled(percent(overall.compliant_percent), FIGURE_PERCENT),
            f"{compliant_count} of {overall.applicable_count} applicable standards",
        ),
        (
            "Completeness",
            Styled(percent(overall.completeness), FIGURE_PERCENT),
            f"{criteria_answered} of {criteria_total} applicable criteria answered",
        ),
        (
            "Overdue actions",
            Styled(overdue_total, FIGURE),
            f"Open actions past their due date on {format_date(context.today)}",
        ),
    ]
    for label, value, note in figures:
        row += 1
        _key_value(writer, row, label, value, note)

    row += 2
    writer.put(row, 2, "Standards by rating", HEADING)
    counts: list[tuple[str, str, int]] = [
        (band.label, band.id, overall.band_counts.get(band.id, 0))
        for band in reversed(framework.bands_low_to_high)
    ]
    counts += [
        (RATING_WORDS["not_rated"], "not_rated", overall.not_rated_count),
        (
            RATING_WORDS["not_applicable"],
            "not_applicable",
            len(overall.standards) - overall.applicable_count,
        ),
    ]
    for word, key, count in counts:
        row += 1
        # In the column of the table's ratings below, so the two read as legend and list.
        writer.put(row, 3, word, rating_style_name(key))
        writer.put(row, 4, count, FIGURE)

    writer.table(SUMMARY_COLUMNS, _summary_rows(context), top=row + 2)
    return row + 2


def _properties(workbook: Workbook, context: SheetContext) -> None:
    assessment, framework = context.assessment, context.framework
    organisation = assessment.organisation
    properties = workbook.properties
    properties.title = clean_text(
        f"{framework.title} self-assessment: {organisation.name}, {assessment.period.label}"
    )
    properties.subject = clean_text(organisation.name)
    properties.creator = clean_text("; ".join(assessment.assessors)) or "SEND Self-Assessment"
    properties.lastModifiedBy = f"SEND Self-Assessment {__version__}"
    properties.keywords = clean_text(
        "; ".join(
            part
            for part in (
                "SEND",
                "self-assessment",
                "RAG",
                framework.id,
                organisation.ods_code,
                assessment.period.label,
            )
            if part
        )
    )
    properties.category = "Compliance workbook"
    properties.description = (
        f"Exported by SEND Self-Assessment {__version__} on {format_date(context.today)}; "
        "overdue flags are as at that date."
    )


def build_workbook(document: Document, today: date | None = None) -> Workbook:
    """The compliance workbook in memory; nothing is written."""
    context = SheetContext(
        document, overall_result(document.framework, document.assessment), today or date.today()
    )
    workbook = Workbook()
    styles = add_styles(workbook, document.framework)
    summary = workbook.active
    assert summary is not None
    summary.title = "Summary"
    header = _summary_sheet(SheetWriter(summary, styles), context)
    # The organisation stays in view on screen; a page the table runs on to repeats its header.
    page_setup(summary, context, title_rows=f"{header}:{header}", freeze="A3")

    tables = [
        ("Standards", STANDARDS_COLUMNS, standards_rows(context)),
        ("Evidence", EVIDENCE_COLUMNS, evidence_rows(context)),
        ("Action plan", ACTION_COLUMNS, action_rows(context)),
    ]
    for title, columns, rows in tables:
        sheet = workbook.create_sheet(title)
        SheetWriter(sheet, styles, sparse=True).table(columns, rows)
        page_setup(sheet, context, title_rows="1:1", freeze="A2")
    definitions = workbook.create_sheet("Definitions")
    definitions_sheet(SheetWriter(definitions, styles), context.framework)
    page_setup(definitions, context, title_rows="1:1", freeze="A2")
    _properties(workbook, context)
    return workbook


def write_workbook(document: Document, path: str | Path, today: date | None = None) -> None:
    """Write the compliance workbook to `path` atomically; overdue flags are as at `today`."""
    workbook = build_workbook(document, today)
    try:
        write_with(Path(path), workbook.save, doing="export")
    except SelfAssessError as exc:
        raise ExportError(str(exc)) from None
