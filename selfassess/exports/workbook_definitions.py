"""The workbook's Definitions sheet: the framework, bands, scale, assurance levels and method."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from selfassess.exports.workbook_layout import (
    HEADING,
    NUMBER,
    PERCENT,
    TEXT,
    TITLE,
    CellValue,
    Column,
    SheetWriter,
    Styled,
    percent,
    rating_style_name,
)
from selfassess.exports.workbook_tables import criterion_refs
from selfassess.framework import Framework, Measure
from selfassess.presentation import RATING_WORDS, band_thresholds

# Every table on the sheet shares these columns: a name, the text that explains it (wide),
# then up to two short figures. No merged cells, so rows fit their text and copy cleanly.
WIDTHS = (30, 90, 14, 10)


def _columns(*titles_and_styles: tuple[str, str]) -> list[Column]:
    return [
        Column(title, width, style)
        for (title, style), width in zip(titles_and_styles, WIDTHS, strict=False)
    ]


def _table(
    writer: SheetWriter,
    row: int,
    heading: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[CellValue]],
) -> int:
    """A table under a heading; returns the row where the next heading goes."""
    writer.put(row, 1, heading, HEADING)
    return writer.table(columns, rows, top=row + 1, filtered=False) + 2


def _method(framework: Framework) -> list[tuple[str, str]]:
    scores = sorted(level.score for level in framework.scale)
    compliant = framework.band(framework.assurance.compliant_band).label
    top_level = max(framework.assurance.levels, key=lambda level: level.min_percent).label
    return [
        (
            "Criteria",
            f"A judgement is scored on the scale above, from {scores[0]} to {scores[-1]}; its "
            f"percentage is the score divided by {scores[-1]}. A yes/no criterion gives 100% "
            "for yes and 0% for no. A measure gives the percentage its thresholds set (see "
            "Measures); a value short of every threshold gives 0%.",
        ),
        (
            "Standards",
            "A standard's percentage is the weighted mean of its answered, applicable criteria. "
            "Its rating is the highest band whose minimum it reaches: "
            f"{band_thresholds(framework)}.",
        ),
        (
            "Overrides",
            "A rating may be overridden only with a written justification. An override is "
            "always marked as one, and the Summary sheet gives the rating it replaced and why.",
        ),
        (
            "Not rated and not applicable",
            "A standard with no criterion answered is not rated; one that does not apply to the "
            "organisation type, or that is marked not applicable with a reason, is not "
            "applicable. Both are left out of the overall percentage, the mean of the rated "
            "standards' percentages. Completeness is the share of applicable criteria answered.",
        ),
        (
            "Assurance level",
            f"The share of applicable standards rated {compliant}. An unrated standard counts "
            f"as not {compliant}, so {top_level} assurance needs every applicable standard rated.",
        ),
        (
            "Overdue",
            "An action is overdue when it is not started or in progress and its due date has "
            "passed on the day the workbook was exported; evidence is due for review when its "
            "review-by date has passed.",
        ),
    ]


def _thresholds_text(measure: Measure, framework: Framework) -> str:
    sign = "≥" if measure.direction == "higher" else "≤"
    unit = "%" if measure.is_ratio else f" {measure.unit}"
    parts = [
        f"{framework.band(t.band).label} ({t.percent:g}%) at {sign} {t.limit:g}{unit}"
        for t in measure.thresholds
    ]
    return "; ".join(parts) + "; otherwise 0%"


def definitions_sheet(writer: SheetWriter, framework: Framework) -> None:
    writer.put(1, 1, "Definitions", TITLE)
    row = _table(
        writer,
        3,
        "Framework",
        _columns(("Item", TEXT), ("Value", TEXT)),
        [
            ["Title", framework.title],
            ["Version", framework.version],
            ["Publisher", framework.publisher],
            ["Source", framework.source],
        ],
    )
    band_rows: list[list[CellValue]] = [
        [Styled(b.label, rating_style_name(b.id)), b.description, percent(b.min_percent), b.letter]
        for b in reversed(framework.bands_low_to_high)
    ]
    band_rows += [
        [Styled(RATING_WORDS[key], rating_style_name(key)), meaning, None, ""]
        for key, meaning in (
            ("not_rated", "No criterion answered yet."),
            ("not_applicable", "Does not apply to the organisation, with the reason given."),
        )
    ]
    row = _table(
        writer,
        row,
        "Rating bands",
        _columns(("Band", TEXT), ("Meaning", TEXT), ("From", PERCENT), ("Letter", TEXT)),
        band_rows,
    )
    row = _table(
        writer,
        row,
        "Judgement scale",
        _columns(
            ("Level", TEXT), ("Description", TEXT), ("Criterion %", PERCENT), ("Score", NUMBER)
        ),
        [
            [level.label, level.description, level.score / framework.max_score, level.score]
            for level in framework.scale
        ],
    )
    compliant = framework.band(framework.assurance.compliant_band).label
    row = _table(
        writer,
        row,
        "Assurance levels",
        _columns(("Level", TEXT), ("Description", TEXT), (f"Standards {compliant}, from", PERCENT)),
        [
            [level.label, level.description, percent(level.min_percent)]
            for level in sorted(framework.assurance.levels, key=lambda lvl: -lvl.min_percent)
        ],
    )
    row = _table(
        writer,
        row,
        "Measures",
        _columns(
            ("Criterion", TEXT),
            ("Thresholds (criterion %)", TEXT),
            ("Unit", TEXT),
            ("Better", TEXT),
        ),
        [
            [
                f"{criterion_refs(standard)[criterion.id]} {criterion.text}",
                _thresholds_text(criterion.measure, framework),
                "%" if criterion.measure.is_ratio else criterion.measure.unit,
                criterion.measure.direction.capitalize(),
            ]
            for standard in framework.standards
            for criterion in standard.criteria
            if criterion.measure is not None
        ],
    )
    _table(
        writer,
        row,
        "How ratings are worked out",
        _columns(("Topic", TEXT), ("How", TEXT)),
        _method(framework),
    )
