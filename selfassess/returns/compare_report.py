"""The comparison report (PDF): the position then and now, each standard's movement, actions."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from selfassess.exports.report_layout import FRAME_WIDTH, Bookmark, ReportInfo, write_pdf
from selfassess.exports.report_styles import (
    BODY,
    CELL,
    H1,
    KICKER,
    LEAD,
    data_table,
    heading,
    para,
    rating_chip,
)
from selfassess.presentation import format_date, format_percent, movement_text
from selfassess.returns.compare import ActionChange, Comparison
from selfassess.returns.compare_workbook import comparison_heading
from selfassess.scoring import OverallResult


def _level(overall: OverallResult) -> str:
    return overall.level.label if overall.level else "Not assessed"


def _then_now(comparison: Comparison) -> tuple[str, str]:
    old, new = comparison.old.assessment.period.label, comparison.new.assessment.period.label
    return f"Then ({old})", f"Now ({new})"


def _figures(comparison: Comparison) -> Any:
    before, after = comparison.before, comparison.after
    framework = comparison.new.framework
    compliant = framework.band(framework.assurance.compliant_band)
    rows = [
        ["Overall score", format_percent(before.percent), format_percent(after.percent)],
        ["Assurance level", _level(before), _level(after)],
        [
            f"Standards rated {compliant.label}",
            str(before.band_counts.get(compliant.id, 0)),
            str(after.band_counts.get(compliant.id, 0)),
        ],
        ["Completeness", format_percent(before.completeness), format_percent(after.completeness)],
    ]
    widths = [FRAME_WIDTH - 2 * 110, 110, 110]
    return data_table(["", *_then_now(comparison)], rows, widths, numeric=(1, 2))


def _standards(comparison: Comparison) -> Any:
    rows = [
        [
            str(change.standard.number),
            para(change.standard.title, CELL),
            rating_chip(change.before) if change.before else para("Not assessed", CELL),
            rating_chip(change.after),
            para(movement_text(change.movement) + (" · newly red" if change.newly_red else ""),
                 CELL),
        ]
        for change in comparison.standards
    ]  # fmt: skip
    widths = [26, FRAME_WIDTH - 26 - 2 * 100 - 110, 100, 100, 110]
    return data_table(["No.", "Standard", *_then_now(comparison), "Movement"], rows, widths)


def _actions(title: str, changes: list[ActionChange], empty: str) -> list[Any]:
    story: list[Any] = heading(title)
    if not changes:
        return [*story, para(empty, BODY)]
    rows = [
        [
            str(change.standard.number),
            para(change.action.what, CELL),
            para(change.action.owner, CELL),
            format_date(change.action.due),
            para(change.now_word, CELL),
        ]
        for change in changes
    ]
    widths = [26, FRAME_WIDTH - 26 - 100 - 62 - 80, 100, 62, 80]
    return [*story, data_table(["No.", "Action", "Owner", "Due", "Now"], rows, widths)]


def comparison_story(comparison: Comparison) -> list[Any]:
    old, new = comparison.old.assessment, comparison.new.assessment
    story: list[Any] = [
        Bookmark("Summary", "summary"),
        para("SEND self-assessment comparison", KICKER),
        para(new.organisation.name, H1),
        para(f"{old.period.label} compared with {new.period.label}", LEAD),
    ]
    if not comparison.same_organisation:
        story.append(para(f"The earlier assessment is of {old.organisation.name}.", BODY))
    story.append(_figures(comparison))
    red = comparison.newly_red
    story.append(
        para(
            "Newly red: "
            + ("; ".join(f"{c.standard.number}. {c.standard.title}" for c in red) or "none")
            + ".",
            BODY,
        )
    )
    story += [Bookmark("Standards", "standards"), *heading("Standards then and now")]
    story.append(_standards(comparison))
    story.append(Bookmark("Actions", "actions"))
    story += _actions("Actions closed", comparison.closed, "No action was closed.")
    story += _actions("Actions opened", comparison.opened, "No action was opened.")
    return story


def write_comparison_report(
    comparison: Comparison,
    path: str | Path,
    today: date | None = None,
    marking: str = "OFFICIAL",
) -> None:
    """Write the comparison as a PDF, atomically."""
    organisation = comparison.new.assessment.organisation
    title = comparison_heading(comparison)
    info = ReportInfo(
        title=title,
        kind="SEND self-assessment comparison",
        author=organisation.name,
        subject=f"{comparison.new.framework.title}: {title}",
        keywords=("SEND", "self-assessment", "comparison", organisation.name,
                  organisation.ods_code),
    )  # fmt: skip
    write_pdf(
        path,
        lambda: comparison_story(comparison),
        info,
        today or date.today(),
        marking,
        cover=False,
    )
