"""One way of showing ratings, percentages and dates, shared by the CLI, the app and the exports."""

from __future__ import annotations

from datetime import date

from selfassess.framework import Band, Framework
from selfassess.scoring import StandardResult, whole_percent

DATE_FORMAT = "%d %b %Y"  # 18 Mar 2026: unambiguous to UK readers and short enough for tables

# Colours for the two states that are not bands; neutral so they never read as a rating.
NOT_RATED_COLOUR = "#E8EDEE"  # NHS pale grey
NOT_APPLICABLE_COLOUR = "#AEB7BD"  # NHS mid grey
TEXT_COLOUR = "#212B32"
NHS_BLUE = "#005EB8"

RATING_WORDS = {"not_rated": "Not rated", "not_applicable": "Not applicable"}
SIGNOFF_WORDS = {"draft": "Draft", "submitted": "Submitted", "approved": "Approved"}
ACTION_STATUS_WORDS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "cancelled": "Cancelled",
}
CRITERION_KIND_WORDS = {"judgement": "Judgement", "yes_no": "Yes/no", "measure": "Measure"}
# How a rating moved between two assessments: a symbol for scanning, a word for reading.
MOVEMENT_SYMBOLS = {"up": "▲", "down": "▼", "same": "=", "rated": "+", "unrated": "–", "none": ""}
MOVEMENT_WORDS = {
    "up": "Better",
    "down": "Worse",
    "same": "Same",
    "rated": "Newly rated",
    "unrated": "No longer rated",
    "none": "",
}
OVERDUE_COLOURS = ("#D5281B", "#FFFFFF")  # (fill, text): NHS red, so overdue reads as a warning
PROBLEM_COLOUR = "#D5281B"  # NHS red: the border of a field that must be corrected
MIN_TEXT_CONTRAST = 4.5  # WCAG 2.1 AA for normal-size text

# DATE_FORMAT and format_percent in spreadsheet number-format notation, so cells stay numbers.
SHEET_DATE_FORMAT = "dd mmm yyyy"
SHEET_PERCENT_FORMAT = "0%"


def format_percent(value: float | None) -> str:
    return "–" if value is None else f"{whole_percent(value)}%"


def format_measure(value: float | None, unit: str) -> str:
    """A measured value with its unit; one decimal, since measure thresholds compare it exactly."""
    if value is None:
        return "–"
    number = f"{value:.1f}".removesuffix(".0")
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def count_of(number: int, noun: str) -> str:
    """'1 return', '3 returns': a count with its noun, plural when it is not one."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def movement_text(movement: str) -> str:
    """'▲ Better', '▼ Worse', '= Same' …; '' when there is nothing to compare."""
    return f"{MOVEMENT_SYMBOLS[movement]} {MOVEMENT_WORDS[movement]}".strip()


def format_date(value: date | None) -> str:
    return "" if value is None else value.strftime(DATE_FORMAT)


def rating_word(result: StandardResult) -> str:
    """The word for a standard's rating: the band label, 'Not rated' or 'Not applicable'."""
    if result.status == "rated" and result.band is not None:
        return result.band.label
    return RATING_WORDS[result.status]


def rating_letter(result: StandardResult) -> str:
    if result.status == "rated" and result.band is not None:
        return result.band.letter
    return "–" if result.status == "not_rated" else "N/A"


def rating_colours(result: StandardResult) -> tuple[str, str]:
    """(fill, text) colours for a rating; text on amber is dark for contrast."""
    if result.status == "rated" and result.band is not None:
        return band_colours(result.band)
    if result.status == "not_applicable":
        return NOT_APPLICABLE_COLOUR, TEXT_COLOUR
    return NOT_RATED_COLOUR, TEXT_COLOUR


def band_colours(band: Band) -> tuple[str, str]:
    return band.colour, band.text_colour


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio (1 to 21) of two '#RRGGBB' colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def band_thresholds(framework: Framework) -> str:
    """The bands and where each starts, e.g. 'Red below 50%, Amber from 50%, Green from 85%'."""
    bands = framework.bands_low_to_high
    parts = [f"{bands[0].label} below {bands[1].min_percent:g}%"] if len(bands) > 1 else []
    parts += [f"{band.label} from {band.min_percent:g}%" for band in bands[1:]]
    return ", ".join(parts)


def rating_explanation(result: StandardResult, framework: Framework) -> str:
    """How a standard's rating was reached, in a sentence or two."""
    if result.status == "not_applicable":
        return f"Not applicable: {result.not_applicable_reason}"
    if result.percent is None or result.derived_band is None:
        derived = "No criterion is answered yet, so the standard is not rated."
    else:
        derived = (
            f"{format_percent(result.percent)} is the weighted mean of the {result.answered} of "
            f"{result.applicable_criteria} criteria answered, which rates "
            f"{result.derived_band.label} ({band_thresholds(framework)})."
        )
    if result.overridden and result.band is not None:
        return f"Overridden to {result.band.label}. Without the override: {derived}"
    return derived
