"""The comparison workbook: each standard then and now, and the actions closed and opened."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from selfassess import __version__
from selfassess.assessment import Assessment
from selfassess.exports.sheet_text import clean_text
from selfassess.exports.workbook_layout import (
    DATE,
    HEADING,
    NUMBER,
    PERCENT,
    TITLE,
    CellValue,
    Column,
    percent,
    rating_cell,
)
from selfassess.presentation import (
    ACTION_STATUS_WORDS,
    SIGNOFF_WORDS,
    format_percent,
    movement_text,
)
from selfassess.returns.compare import ActionChange, Comparison
from selfassess.returns.network_sheets import key_values, new_workbook, page_setup, save_workbook
from selfassess.scoring import OverallResult

STANDARD_COLUMNS = [
    Column("No.", 6, NUMBER),
    Column("Standard", 44),
    Column("Then", 15),
    Column("Then %", 10, PERCENT),
    Column("Now", 15),
    Column("Now %", 10, PERCENT),
    Column("Movement", 17),
    Column("Newly red", 10),
]
ACTION_COLUMNS = [
    Column("Change", 10),
    Column("No.", 6, NUMBER),
    Column("Standard", 30),
    Column("Action", 48),
    Column("Owner", 20),
    Column("Due", 13, DATE),
    Column("Status then", 13),
    Column("Status now", 14),
]


def _position(overall: OverallResult) -> str:
    level = overall.level.label if overall.level else "not assessed"
    return f"{format_percent(overall.percent)} · assurance {level}"


def _period(assessment: Assessment) -> str:
    return f"{assessment.period.label} ({SIGNOFF_WORDS[assessment.signoff.status].lower()})"


def comparison_heading(comparison: Comparison) -> str:
    old, new = comparison.old.assessment, comparison.new.assessment
    return f"{new.organisation.name}: {old.period.label} compared with {new.period.label}"


def _action_rows(
    label: str, changes: Sequence[ActionChange], then_open: bool
) -> list[list[CellValue]]:
    return [
        [
            label,
            change.standard.number,
            change.standard.title,
            change.action.what,
            change.action.owner,
            change.action.due,
            ACTION_STATUS_WORDS[change.action.status] if then_open else "",
            change.now_word,
        ]
        for change in changes
    ]


def build_comparison_workbook(comparison: Comparison, today: date | None = None) -> Workbook:
    today = today or date.today()
    old, new = comparison.old.assessment, comparison.new.assessment
    book = new_workbook(comparison.new.framework)
    heading = comparison_heading(comparison)
    writer = book.writer("Comparison")
    writer.put(1, 1, heading, TITLE)
    newly_red = ", ".join(str(c.standard.number) for c in comparison.newly_red) or "None"
    pairs: list[tuple[str, CellValue]] = [
        ("Earlier", _period(old)),
        ("Later", _period(new)),
        ("Overall then", _position(comparison.before)),
        ("Overall now", _position(comparison.after)),
        ("Completeness", f"{format_percent(comparison.before.completeness)} then, "
                         f"{format_percent(comparison.after.completeness)} now"),
        ("Newly red", newly_red),
        ("Actions", f"{len(comparison.closed)} closed, {len(comparison.opened)} opened"),
    ]  # fmt: skip
    if not comparison.same_organisation:
        pairs.append(("Note", f"The earlier assessment is of {old.organisation.name}."))
    top = key_values(writer, 3, pairs, column=2) + 1
    writer.put(top, 1, "Standards", HEADING)
    rows: list[list[CellValue]] = [
        [
            change.standard.number,
            change.standard.title,
            rating_cell(change.before) if change.before else "Not assessed",
            percent(change.before.percent) if change.before else None,
            rating_cell(change.after),
            percent(change.after.percent),
            movement_text(change.movement),
            "Yes" if change.newly_red else "",
        ]
        for change in comparison.standards
    ]
    then, now = f"Then ({old.period.label})", f"Now ({new.period.label})"
    titles = {"Then": then, "Now": now}
    columns = [Column(titles.get(c.title, c.title), c.width, c.style) for c in STANDARD_COLUMNS]
    writer.table(columns, rows, top=top + 1)
    page_setup(writer.sheet, heading, today, f"{top + 1}:{top + 1}", f"C{top + 2}")

    action_writer = book.writer("Actions")
    action_writer.table(
        ACTION_COLUMNS,
        _action_rows("Closed", comparison.closed, True)
        + _action_rows("Opened", comparison.opened, False),
    )
    page_setup(action_writer.sheet, heading, today, "1:1", "A2")
    properties = book.workbook.properties
    properties.title = clean_text(f"SEND self-assessment comparison: {heading}")
    properties.subject = clean_text(new.organisation.name)
    properties.creator = f"SEND Self-Assessment {__version__}"
    properties.keywords = "SEND; self-assessment; comparison"
    return book.workbook


def write_comparison_workbook(
    comparison: Comparison, path: str | Path, today: date | None = None
) -> None:
    save_workbook(build_comparison_workbook(comparison, today), path)
