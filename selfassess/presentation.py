"""One way of showing ratings, percentages and dates, shared by the CLI, the app and the exports."""

from __future__ import annotations

from datetime import date

from selfassess.framework import Band
from selfassess.scoring import StandardResult

DATE_FORMAT = "%d %b %Y"  # 18 Mar 2026: unambiguous to UK readers and short enough for tables

# Colours for the two states that are not bands; neutral so they never read as a rating.
NOT_RATED_COLOUR = "#E8EDEE"  # NHS pale grey
NOT_APPLICABLE_COLOUR = "#AEB7BD"  # NHS mid grey
TEXT_COLOUR = "#212B32"
NHS_BLUE = "#005EB8"

RATING_WORDS = {"not_rated": "Not rated", "not_applicable": "Not applicable"}


def format_percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


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
