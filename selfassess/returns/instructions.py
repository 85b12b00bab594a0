"""The words on the return template's first sheet: what it is for and how to fill it in."""

from __future__ import annotations

from datetime import date
from typing import Any

from selfassess import __version__
from selfassess.framework import Framework
from selfassess.presentation import band_thresholds
from selfassess.returns import layout


def instruction_lines(
    framework: Framework, org_type: str, details: dict[str, Any], today: date
) -> list[tuple[str, str]]:
    """(kind, text) lines, kind being 'title', 'heading', 'text' or 'small'."""
    name = details.get("organisation_name") or ""
    org_label = framework.organisation_type(org_type).label
    return [
        ("title", "SEND self-assessment return"),
        ("text", f"{framework.title} — version {framework.version}"),
        ("text", framework.publisher),
        ("text", f"For: {name + ', ' if name else ''}{org_label}"),
        ("text", ""),
        ("heading", "How to fill in this return"),
        (
            "text",
            f"1. {layout.DETAILS}: your organisation, the period the return covers and who "
            "signed it off.",
        ),
        (
            "text",
            f"2. {layout.CRITERIA}: answer each criterion. Choose a level or Yes/No from the "
            "drop-down list, or enter the figures a measure asks for. Leave a criterion empty "
            "if you cannot answer it yet.",
        ),
        (
            "text",
            f"3. {layout.STANDARDS}: describe your current position against each standard. "
            "Mark a standard not applicable only with a reason, and override its rating only "
            "with a justification.",
        ),
        (
            "text",
            f"4. {layout.EVIDENCE}: one row per piece of evidence, with the standard it "
            "supports. Add as many rows as you need.",
        ),
        (
            "text",
            f"5. {layout.ACTIONS}: one row per SMART action — what will be done, the "
            "measurable outcome, the owner, the due date and the status.",
        ),
        (
            "text",
            "6. Save the workbook as an Excel workbook (.xlsx) and send it to the regional "
            "network as asked.",
        ),
        ("text", ""),
        ("heading", "Good to know"),
        (
            "text",
            "White cells are for your answers; grey cells are fixed. Drop-down lists show the "
            "values allowed, and other values are refused. Select a cell to see a hint.",
        ),
        (
            "text",
            "The sheets are protected so that the structure cannot change by accident. Do not "
            "unprotect them, rename sheets or move rows: the return is checked when it is read, "
            "and any change is reported back to you.",
        ),
        (
            "text",
            "Ratings are worked out when the return is read: each criterion gives a "
            "percentage, a standard's percentage is the mean of its answered criteria, and its "
            f"rating follows the bands ({band_thresholds(framework)}).",
        ),
        ("text", ""),
        (
            "small",
            f"Made by SEND Self-Assessment {__version__} on {today:%d %B %Y}. Definitions: "
            f"{framework.id}, version {framework.version}.",
        ),
    ]
