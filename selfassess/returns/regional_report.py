"""The regional report (PDF): counts per standard, the heat map, each organisation's position,
movement since the previous round, and the returns that were not counted."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from selfassess.exports.report_layout import FRAME_WIDTH, Bookmark, ReportInfo, write_pdf
from selfassess.exports.report_styles import (
    BODY,
    CELL,
    CELL_NOTE,
    FONT_BOLD,
    H1,
    KICKER,
    LEAD,
    SMALL,
    data_table,
    heading,
    para,
)
from selfassess.presentation import (
    MOVEMENT_SYMBOLS,
    SIGNOFF_WORDS,
    count_of,
    format_percent,
    rating_colours,
    rating_word,
)
from selfassess.returns.aggregate import OrganisationReturn, RegionalData, StandardCounts
from selfassess.returns.regional_workbook import regional_title, type_label
from selfassess.scoring import StandardResult

_HEAT_NAME_WIDTH = 150.0
HEAT_CELL = ParagraphStyle(
    "heat-cell", parent=CELL, fontName=FONT_BOLD, fontSize=6.5, leading=8, alignment=TA_CENTER
)


def _count(counts: StandardCounts, key: str) -> str:
    """A count with its share of the organisations the standard applies to (not for N/A)."""
    number = counts.counts.get(key, 0)
    share = counts.percent(key)
    if not number or share is None or key == "not_applicable":
        return str(number)
    return f"{number} ({format_percent(share)})"


def _level(entry: OrganisationReturn) -> str:
    return entry.overall.level.label if entry.overall.level else "Not assessed"


def _heat_word(result: StandardResult) -> str:
    # "Not applicable" does not fit a heat map cell; the key below the table explains N/A.
    return "N/A" if result.status == "not_applicable" else rating_word(result)


def _summary(data: RegionalData, title: str) -> list[Any]:
    types = data.type_counts()
    who = " and ".join(count_of(n, type_label(data, key).lower()) for key, n in types.items())
    framework = data.framework
    story: list[Any] = [
        Bookmark("Summary", "summary"),
        para("SEND regional summary", KICKER),
        para(title, H1),
        para(
            f"{len(data.returns)} returns counted, from {who}. "
            f"Periods: {', '.join(data.periods) or '–'}.",
            LEAD,
        ),
        para(
            f"Not counted: {count_of(len(data.unreadable), 'return')} that could not be read "
            f"and {count_of(len(data.duplicates), 'duplicate')}, listed at the end. Ratings follow "
            f"{framework.title}, version {framework.version}.",
            BODY,
        ),
    ]
    red = framework.band(data.lowest_band).label
    often = data.most_often_red()
    if often:
        listed = "; ".join(
            f"{c.standard.number}. {c.standard.title} ({c.counts[data.lowest_band]} of "
            f"{c.applicable})"
            for c in often
        )
        story.append(para(f"Most often rated {red}: {listed}.", BODY))
    else:
        story.append(para(f"No organisation rates any standard {red}.", BODY))
    keys = [band.id for band in framework.bands_low_to_high] + ["not_rated", "not_applicable"]
    words = [band.label for band in framework.bands_low_to_high] + ["Not rated", "N/A"]
    rows = [
        [str(c.standard.number), para(c.standard.title, CELL), *[_count(c, k) for k in keys]]
        for c in data.standard_counts
    ]
    figures = 54.0
    widths = [24, FRAME_WIDTH - 24 - figures * len(keys), *[figures] * len(keys)]
    numeric = tuple(range(2, 2 + len(keys)))
    story += [
        *heading("Ratings per standard"),
        data_table(["No.", "Standard", *words], rows, widths, numeric=numeric),
        para(
            "Counts, with the share of the organisations each standard applies to. "
            "N/A: the standard does not apply to the organisation.",
            SMALL,
        ),
    ]
    return story


def _heat_map(data: RegionalData) -> list[Any]:
    standards = data.framework.standards
    cell_width = (FRAME_WIDTH - _HEAT_NAME_WIDTH) / len(standards)
    rows: list[list[Any]] = []
    extra: list[tuple[Any, ...]] = []
    styles: dict[str, ParagraphStyle] = {}
    for row, entry in enumerate(data.returns, 1):
        name = para(entry.name, CELL)
        note = para(f"{type_label(data, entry.org_type)} · {entry.period}", CELL_NOTE)
        cells: list[Any] = [[name, note]]
        for column, result in enumerate(entry.overall.standards, 1):
            fill, text = rating_colours(result)
            if text not in styles:
                styles[text] = ParagraphStyle(f"heat-{text}", parent=HEAT_CELL, textColor=text)
            cells.append(para(_heat_word(result), styles[text]))
            extra.append(("BACKGROUND", (column, row), (column, row), colors.HexColor(fill)))
        rows.append(cells)
    extra += [
        ("GRID", (1, 1), (-1, -1), 0.5, colors.white),
        ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (1, 0), (-1, -1), 1),
        ("RIGHTPADDING", (1, 0), (-1, -1), 1),
    ]
    widths = [_HEAT_NAME_WIDTH, *[cell_width] * len(standards)]
    table = data_table(
        ["Organisation", *[str(s.number) for s in standards]], rows, widths, extra=extra
    )
    key = "; ".join(f"{s.number}. {s.title}" for s in standards)
    return [
        Bookmark("Heat map", "heat-map"),
        *heading("Heat map: each organisation against each standard"),
        table,
        para(f"Standards: {key}. N/A: does not apply to the organisation.", SMALL),
    ]


def _organisations(data: RegionalData) -> list[Any]:
    rows = [
        [
            para(entry.name, CELL),
            type_label(data, entry.org_type),
            entry.period,
            SIGNOFF_WORDS[entry.document.assessment.signoff.status],
            format_percent(entry.overall.percent),
            _level(entry),
            format_percent(entry.overall.completeness),
        ]
        for entry in data.returns
    ]
    widths = [FRAME_WIDTH - 72 - 46 - 56 - 44 - 66 - 50, 72, 46, 56, 44, 66, 50]
    header = ["Organisation", "Type", "Period", "Status", "Overall", "Assurance", "Complete"]
    return [
        Bookmark("Organisations", "organisations"),
        *heading("Each organisation's position"),
        data_table(header, rows, widths, numeric=(4, 6)),
    ]


def _movement(data: RegionalData) -> list[Any]:
    rows = []
    for movement in data.movements:
        entry, before = movement.current, movement.previous
        worse = [
            str(s.number) for s in data.framework.standards if movement.movements[s.id] == "down"
        ]
        rows.append(
            [
                para(entry.name, CELL),
                before.period if before else "No return",
                f"{format_percent(before.overall.percent)} → "
                f"{format_percent(entry.overall.percent)}"
                if before
                else format_percent(entry.overall.percent),
                para(f"{_level(before)} → {_level(entry)}" if before else _level(entry), CELL),
                f"{MOVEMENT_SYMBOLS['up']} {movement.count('up')}" if before else "–",
                f"{MOVEMENT_SYMBOLS['down']} {movement.count('down')}" if before else "–",
                para(", ".join(worse) or "–", CELL),
            ]
        )
    widths = [FRAME_WIDTH - 50 - 64 - 96 - 42 - 42 - 60, 50, 64, 96, 42, 42, 60]
    header = ["Organisation", "Previous", "Overall", "Assurance", "Better", "Worse",
              "Worse in standards"]  # fmt: skip
    story: list[Any] = [
        Bookmark("Movement since the previous round", "movement"),
        *heading("Movement since the previous round"),
        data_table(header, rows, widths),
    ]
    missing = data.missing_since_previous
    if missing:
        names = "; ".join(f"{e.name} ({e.period})" for e in missing)
        story.append(para(f"Sent a return last round but not this one: {names}.", BODY))
    return story


def _not_counted(data: RegionalData) -> list[Any]:
    story: list[Any] = [Bookmark("Returns not counted", "not-counted")]
    story += heading("Returns that could not be read")
    if data.unreadable:
        rows = [[para(u.source.name, CELL), para(u.reason, CELL)] for u in data.unreadable]
        story.append(data_table(["File", "Why"], rows, [140, FRAME_WIDTH - 140]))
    else:
        story.append(para("Every return was read.", BODY))
    story += heading("Duplicates: not counted again")
    if data.duplicates:
        rows = [
            [
                para(d.source.name, CELL),
                para(f"{d.kept.name}, {d.kept.period}", CELL),
                para(
                    f"Counted {d.kept.source.name} instead: {d.why_kept}"
                    + ("; the answers are the same." if d.identical else "; the answers differ."),
                    CELL,
                ),
            ]
            for d in data.duplicates
        ]
        widths = [130, 150, FRAME_WIDTH - 280]
        story.append(data_table(["File", "Organisation and period", "Why"], rows, widths))
    else:
        story.append(para("One return per organisation and period: no duplicates.", BODY))
    return story


def regional_story(data: RegionalData, title: str) -> list[Any]:
    story = _summary(data, title) + _heat_map(data) + _organisations(data)
    if data.previous is not None:
        story += _movement(data)
    return story + _not_counted(data)


def write_regional_report(
    data: RegionalData,
    path: str | Path,
    title: str = "",
    today: date | None = None,
    marking: str = "OFFICIAL",
) -> None:
    """Write the regional report as a PDF, atomically."""
    title = regional_title(data, title)
    info = ReportInfo(
        title=title,
        kind="SEND regional summary",
        author="SEND Self-Assessment",
        subject=f"{data.framework.title}: {len(data.returns)} returns",
        keywords=("SEND", "self-assessment", "regional", "returns", *data.periods),
    )
    write_pdf(
        path, lambda: regional_story(data, title), info, today or date.today(), marking, cover=False
    )
