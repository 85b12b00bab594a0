"""The PDF governance report: cover, executive summary, standards, action plan and appendix."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import NextPageTemplate

from selfassess.assessment import Assessment, StandardResponse
from selfassess.document import Document
from selfassess.exports.chart import Column, rating_chart
from selfassess.exports.report_layout import (
    FRAME_WIDTH,
    Bookmark,
    ReportInfo,
    write_pdf,
)
from selfassess.exports.report_standard import (
    action_cells,
    action_widths,
    standard_section,
)
from selfassess.exports.report_styles import (
    BLUE,
    BODY,
    CELL,
    CELL_BOLD,
    CELL_NOTE,
    COVER_SUBTITLE,
    COVER_TITLE,
    FIGURE,
    FIGURE_CAPTION,
    FONT,
    FONT_BOLD,
    H1,
    H3,
    LEAD,
    PANEL,
    RULE,
    SMALL,
    WHITE,
    FlowingTable,
    RatingChip,
    data_table,
    heading,
    markup,
    para,
    rating_chip,
    rich,
    titled,
)
from selfassess.framework import Framework
from selfassess.presentation import (
    NOT_APPLICABLE_COLOUR,
    NOT_RATED_COLOUR,
    RATING_WORDS,
    SIGNOFF_WORDS,
    format_date,
    format_percent,
)
from selfassess.scoring import OverallResult, StandardResult, overall_result, overdue_actions


def _response(assessment: Assessment, standard_id: str) -> StandardResponse:
    # Not assessment.response(), which would add an empty response to the document.
    return assessment.responses.get(standard_id) or StandardResponse()


def _facts_table(rows: Sequence[tuple[str, Any]], label_width: float = 130) -> Table:
    """Label-and-value rows, for the cover's key facts and the appendix's definitions."""
    data = [[para(label, CELL_BOLD), value] for label, value in rows]
    return FlowingTable(
        data,
        colWidths=[label_width, FRAME_WIDTH - label_width],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        ),
        hAlign="LEFT",
        spaceAfter=10,
    )


def _period(assessment: Assessment) -> str:
    period = assessment.period
    if period.start and period.end:
        return f"{period.label} ({format_date(period.start)} to {format_date(period.end)})"
    return period.label


def _compliant(framework: Framework, overall: OverallResult) -> str:
    """For example '6 of 11 applicable standards rated Green (55%)'."""
    label = framework.band(framework.assurance.compliant_band).label
    count = overall.band_counts.get(framework.assurance.compliant_band, 0)
    return (
        f"{count} of {overall.applicable_count} applicable standards rated {label} "
        f"({format_percent(overall.compliant_percent)})"
    )


def _assurance(framework: Framework, overall: OverallResult) -> str:
    if overall.level is None:
        return "Not assessed: no standard is rated yet"
    return f"{overall.level.label}: {_compliant(framework, overall)}"


def _cover(framework: Framework, assessment: Assessment, overall: OverallResult) -> list[Any]:
    org, signoff = assessment.organisation, assessment.signoff
    banner = Table(
        [
            [para("SEND self-assessment report", COVER_SUBTITLE)],
            [para(org.name, COVER_TITLE)],
            [para(f"{framework.title} · {assessment.period.label}", COVER_SUBTITLE)],
        ],
        colWidths=[FRAME_WIDTH],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BACKGROUND", (0, 0), (-1, -1), BLUE),
                ("LEFTPADDING", (0, 0), (-1, -1), 18),
                ("RIGHTPADDING", (0, 0), (-1, -1), 18),
                ("TOPPADDING", (0, 0), (-1, 0), 22),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 24),
                ("TOPPADDING", (0, 1), (-1, -1), 8),
            ]
        ),
    )
    signed = "Not yet signed off"
    if signoff.name:
        who = ", ".join(part for part in (signoff.name, signoff.role) if part)
        when = format_date(signoff.date)
        signed = who + (f" on {when}" if when else "")
        if signoff.meeting:
            signed += f"\n{signoff.meeting}"
    facts = [
        ("Organisation", para(org.name, CELL)),
        ("ODS code", para(org.ods_code or "Not recorded", CELL)),
        ("Organisation type", para(framework.organisation_type(org.type).label, CELL)),
        ("Assessment period", para(_period(assessment), CELL)),
        ("Assurance level", para(_assurance(framework, overall), CELL)),
        ("Overall score", para(_overall_score(overall), CELL)),
        ("Completeness", para(_completeness(overall), CELL)),
        ("Status", para(SIGNOFF_WORDS[signoff.status], CELL)),
        ("Sign-off", para(signed, CELL)),
        ("Assessors", para("\n".join(assessment.assessors) or "Not recorded", CELL)),
        ("Standards", para(f"{framework.title}, version {framework.version}", CELL)),
    ]
    return [
        Bookmark("Cover", "cover"),
        banner,
        Spacer(0, 14 * mm),
        _facts_table(facts),
        Spacer(0, 6 * mm),
        para(
            "Ratings are computed from the answers recorded in the assessment, by the method "
            "in the appendix. Every rating is shown as a word as well as a colour.",
            SMALL,
        ),
        NextPageTemplate("body"),
    ]


def _overall_score(overall: OverallResult) -> str:
    if overall.percent is None:
        return "Not yet available: no standard is rated"
    return (
        f"{format_percent(overall.percent)}, the mean score of the {overall.rated_count} "
        "rated standards"
    )


def _completeness(overall: OverallResult) -> str:
    answered = sum(r.answered for r in overall.standards if r.status != "not_applicable")
    total = sum(r.applicable_criteria for r in overall.standards if r.status != "not_applicable")
    return (
        f"{format_percent(overall.completeness)}: {answered} of {total} applicable criteria "
        f"answered; {overall.rated_count} of {overall.applicable_count} applicable standards rated"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _figure(value: str, caption: str, width: float) -> list[Flowable]:
    # A long word (an assurance level such as "Non-compliant") is set smaller, not wrapped.
    size = min(FIGURE.fontSize, (width - 24) / stringWidth(value, FONT_BOLD, 1))
    return [
        rich(f'<font size="{size:.1f}">{markup(value)}</font>', FIGURE),
        para(caption, FIGURE_CAPTION),
    ]


def _key_figures(framework: Framework, overall: OverallResult) -> Table:
    compliant = framework.band(framework.assurance.compliant_band).label
    count = overall.band_counts.get(framework.assurance.compliant_band, 0)
    width = FRAME_WIDTH / 4
    cells = [
        _figure(format_percent(overall.percent), "Overall score\n(mean of rated standards)", width),
        _figure(
            overall.level.label if overall.level else "–",
            "Assurance level\n(share rated "
            f"{compliant}: {format_percent(overall.compliant_percent)})",
            width,
        ),
        _figure(
            f"{count} of {overall.applicable_count}",
            f"Applicable standards\nrated {compliant}",
            width,
        ),
        _figure(format_percent(overall.completeness), "Completeness\n(criteria answered)", width),
    ]
    return Table(
        [cells],
        colWidths=[width] * 4,
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LINEAFTER", (0, 0), (-2, -1), 6, WHITE),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ]
        ),
        spaceBefore=4,
        spaceAfter=6,
    )


def _chart(framework: Framework, overall: OverallResult) -> list[Flowable]:
    columns = [
        Column(f"{band.label} ({band.letter})", overall.band_counts.get(band.id, 0), band.colour)
        for band in framework.bands
    ]
    columns.append(Column(RATING_WORDS["not_rated"], overall.not_rated_count, NOT_RATED_COLOUR))
    not_applicable = len(overall.standards) - overall.applicable_count
    columns.append(Column(RATING_WORDS["not_applicable"], not_applicable, NOT_APPLICABLE_COLOUR))
    counts = " · ".join(f"{column.label} {column.count}" for column in columns)
    caption = f"Standards per rating: {counts} (of {len(overall.standards)} standards)."
    return titled("Ratings at a glance", [rating_chart(columns, FRAME_WIDTH), para(caption, SMALL)])


def _basis(result: StandardResult) -> Flowable:
    if result.status == "not_applicable":
        return para(result.not_applicable_reason, CELL_NOTE)
    answered = f"{result.answered} of {result.applicable_criteria} criteria answered"
    if result.overridden and result.derived_band is not None:
        derived = f"{result.derived_band.label}, {format_percent(result.percent)}"
        return rich(f"<b>Override</b> (criteria give {markup(derived)})", CELL_NOTE)
    if result.overridden:
        return rich(f"<b>Override</b> ({markup(answered)})", CELL_NOTE)
    return para(answered, CELL_NOTE)


def _standards_table(overall: OverallResult) -> Table:
    rows = [
        [
            str(result.standard.number),
            para(result.standard.title, CELL),
            rating_chip(result),
            format_percent(result.percent),
            _basis(result),
        ]
        for result in overall.standards
    ]
    widths = [26, FRAME_WIDTH - 26 - 100 - 42 - 130, 100, 42, 130]
    return data_table(["No.", "Standard", "Rating", "Score", "Basis"], rows, widths, numeric=(3,))


def _lowest_band(framework: Framework, assessment: Assessment, overall: OverallResult) -> list[Any]:
    lowest = framework.bands_low_to_high[0]
    title = f"Standards rated {lowest.label}"
    low = [r for r in overall.standards if r.band is not None and r.band.id == lowest.id]
    if not low:
        return titled(title, [para(f"No standard is rated {lowest.label}.", BODY)])
    rows = []
    for result in low:
        response = _response(assessment, result.standard.id)
        open_actions = sum(1 for action in response.actions if action.is_open)
        rows.append(
            [
                str(result.standard.number),
                para(result.standard.title, CELL),
                format_percent(result.percent),
                para(response.lead, CELL),
                str(open_actions),
            ]
        )
    widths = [26, FRAME_WIDTH - 26 - 42 - 120 - 76, 42, 120, 76]
    header = ["No.", "Standard", "Score", "Lead", "Open actions"]
    return titled(title, [data_table(header, rows, widths, numeric=(2, 4))], len(rows))


def _overdue(framework: Framework, assessment: Assessment, today: date) -> list[Any]:
    overdue = overdue_actions(framework, assessment, today)
    title = f"Overdue actions ({len(overdue)})"
    if not overdue:
        return titled(title, [para(f"No open action was overdue on {format_date(today)}.", BODY)])
    rows = [[str(standard.number), *action_cells(a, today)] for standard, a in overdue]
    header = ["Std", "Action", "Owner", "Due", "Status"]
    content = [
        para(f"Open actions whose due date had passed on {format_date(today)}.", BODY),
        data_table(header, rows, action_widths([28])),
    ]
    return titled(title, content, len(rows))


def _summary(
    framework: Framework, assessment: Assessment, overall: OverallResult, today: date
) -> list[Any]:
    org = assessment.organisation.name
    if overall.level is None:
        headline = (
            f"{markup(org)} has not rated any standard yet: {format_percent(overall.completeness)}"
            " of applicable criteria are answered."
        )
    else:
        lowest = framework.bands_low_to_high[0]
        low = overall.band_counts.get(lowest.id, 0)
        late = len(overdue_actions(framework, assessment, today))
        headline = (
            f"{markup(org)} has {markup(_compliant(framework, overall))}, which gives "
            f"<b>{markup(overall.level.label)}</b> assurance. The overall score is "
            f"<b>{format_percent(overall.percent)}</b>, the mean of the {overall.rated_count} "
            f"rated standards. {_count(low, 'standard')} rated {markup(lowest.label)}; "
            f"{_count(late, 'action')} overdue."
        )
    return [
        PageBreak(),
        Bookmark("Executive summary", "summary"),
        para("Executive summary", H1),
        rich(headline, LEAD),
        _key_figures(framework, overall),
        *_chart(framework, overall),
        *titled(
            "Standards and ratings",
            [
                para(
                    "Score: the weighted mean of the answered criteria. Override: the rating was "
                    "set by the assessor, with a recorded justification, instead of by the "
                    "criteria.",
                    SMALL,
                ),
                _standards_table(overall),
            ],
            len(overall.standards),
        ),
        *_lowest_band(framework, assessment, overall),
        *_overdue(framework, assessment, today),
    ]


def _action_plan(framework: Framework, assessment: Assessment, today: date) -> list[Any]:
    story: list[Any] = [
        PageBreak(),
        Bookmark("Action plan", "actions"),
        para("Action plan", H1),
    ]
    rows, statuses = [], {"open": 0, "overdue": 0, "done": 0, "cancelled": 0}
    for standard in framework.standards:
        for action in _response(assessment, standard.id).actions:
            rows.append([str(standard.number), *action_cells(action, today)])
            key = "open" if action.is_open else action.status
            statuses[key] += 1
            statuses["overdue"] += action.is_overdue(today)
    if not rows:
        return [*story, para("No actions have been recorded.", BODY)]
    story.append(
        para(
            f"{len(rows)} actions: {statuses['open']} open, of which {statuses['overdue']} "
            f"overdue on {format_date(today)}; {statuses['done']} done; "
            f"{statuses['cancelled']} cancelled.",
            LEAD,
        )
    )
    header = ["Std", "Action", "Owner", "Due", "Status"]
    return [*story, data_table(header, rows, action_widths([28]))]


def _thresholds(framework: Framework) -> list[list[Any]]:
    rows = []
    for standard in framework.standards:
        for criterion in standard.criteria:
            measure = criterion.measure
            if measure is None:
                continue
            sign = "≥" if measure.direction == "higher" else "≤"
            unit = "%" if measure.unit == "%" else f" {measure.unit}"
            steps = [
                f"{markup(framework.band(t.band).label)} {sign} {t.limit:g}{markup(unit)}: "
                f"scores {t.percent:g}%"
                for t in measure.thresholds
            ]
            steps.append("otherwise: scores 0%")
            rows.append(
                [
                    str(standard.number),
                    para(criterion.text, CELL),
                    rich("<br/>".join(steps), CELL),
                ]
            )
    return rows


def _appendix(framework: Framework) -> list[Any]:
    compliant = framework.band(framework.assurance.compliant_band).label
    org_types = "\n".join(
        f"{org.label}: {org.description}" if org.description else org.label
        for org in framework.organisation_types
    )
    definitions = [
        ("Title", para(framework.title, CELL)),
        ("Version", para(framework.version, CELL)),
        ("Publisher", para(framework.publisher, CELL)),
        ("Source", para(framework.source, CELL)),
        ("Organisation types", para(org_types, CELL)),
    ]
    method = [
        "Each criterion gives a percentage. A judgement scores its level divided by the "
        f"highest level ({framework.max_score}); a yes/no scores 100% for yes and 0% for no; a "
        "measure scores by its thresholds, below.",
        "A standard's score is the weighted mean of its answered, applicable criteria, and its "
        "rating is the highest band whose minimum the score reaches. An override replaces the "
        "rating; it is always shown as an override, with its justification.",
        "A standard with nothing answered is not rated, and one that does not apply is not "
        "applicable: both are left out of the overall score. Completeness is the share of "
        "applicable criteria answered.",
        "The overall score is the mean of the rated standards' scores. The assurance level "
        f"comes from the share of applicable standards rated {compliant}; a standard not yet "
        "rated counts against it.",
    ]
    scale = [
        [
            str(level.score),
            para(level.label, CELL_BOLD),
            para(level.description, CELL),
        ]
        for level in framework.scale
    ]
    bands = [
        [
            RatingChip(f"{b.label} ({b.letter})", b.colour, b.text_colour),
            para(f"from {b.min_percent:g}%", CELL),
            para(b.description, CELL),
        ]
        for b in framework.bands_low_to_high
    ]
    levels = [
        [
            para(level.label, CELL_BOLD),
            para(f"from {level.min_percent:g}%", CELL),
            para(level.description, CELL),
        ]
        for level in sorted(framework.assurance.levels, key=lambda lvl: lvl.min_percent)
    ]
    thresholds = _thresholds(framework)
    rest = FRAME_WIDTH
    return [
        PageBreak(),
        Bookmark("Appendix: definitions and rating method", "appendix"),
        para("Appendix: definitions and rating method", H1),
        *titled("Definitions", [_facts_table(definitions)]),
        *heading("Rating method"),
        *[para(text, BODY) for text in method],
        *titled(
            "Judgement scale",
            [
                data_table(
                    ["Score", "Level", "Description"], scale, [40, 120, rest - 160], numeric=(0,)
                )
            ],
            len(scale),
            H3,
        ),
        *titled(
            "Rating bands",
            [data_table(["Rating", "Score", "Meaning"], bands, [100, 60, rest - 160])],
            len(bands),
            H3,
        ),
        *titled(
            "Measure thresholds",
            [data_table(["Std", "Measure", "Thresholds"], thresholds, [28, rest - 198, 170])],
            len(thresholds),
            H3,
        ),
        *titled(
            "Assurance levels",
            [
                data_table(
                    ["Level", f"Share rated {compliant}", "Meaning"], levels, [100, 90, rest - 190]
                )
            ],
            len(levels),
            H3,
        ),
    ]


def _story(document: Document, today: date) -> list[Any]:
    framework, assessment = document.framework, document.assessment
    overall = overall_result(framework, assessment)
    story = _cover(framework, assessment, overall)
    story += _summary(framework, assessment, overall, today)
    for index, result in enumerate(overall.standards):
        response = _response(assessment, result.standard.id)
        section = standard_section(framework, result, response, today)
        if index == 0:
            section.insert(1, Bookmark("Standards", "standards"))
        story += section
    story += _action_plan(framework, assessment, today)
    story += _appendix(framework)
    return story


def write_report(
    document: Document, path: str | Path, today: date | None = None, marking: str = "OFFICIAL"
) -> None:
    """Write the PDF report to `path` atomically: the old file or the new, never half of one."""
    today = today or date.today()
    assessment, framework = document.assessment, document.framework
    org, period = assessment.organisation, assessment.period.label
    info = ReportInfo(
        title=f"SEND self-assessment report: {org.name}, {period}",
        header=f"{org.name} · {period}",
        kind="SEND self-assessment report",
        author=org.name,
        subject=f"{framework.title}, version {framework.version}: self-assessment for {period}",
        keywords=("SEND", "self-assessment", framework.title, org.name, org.ods_code, period),
    )
    write_pdf(path, lambda: _story(document, today), info, today, marking)
