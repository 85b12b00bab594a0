"""Making user-typed text safe to export: no illegal XML characters, no over-long cells."""

from __future__ import annotations

import re

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# What openpyxl refuses (C0 controls other than tab, LF and CR), plus what no XML 1.0 file may
# hold either: lone surrogates (a Python string can carry one from a damaged JSON file) and the
# non-characters U+FFFE and U+FFFF. PDF and spreadsheet exports both stumble over these.
_ILLEGAL = re.compile(ILLEGAL_CHARACTERS_RE.pattern + r"|[\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK = re.compile(r"\r\n?")

EXCEL_CELL_LIMIT = 32_767  # characters (UTF-16 code units) Excel keeps in one cell
TRUNCATION_MARKER = "… [truncated]"

# A spreadsheet program may read text starting with one of these as a formula or a command
# (OWASP "CSV injection"): = + - @ start formulas, tab and line breaks hide the start.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def clean_text(text: str) -> str:
    """`text` without characters XML cannot carry, with every line break as one LF."""
    if text.isprintable():  # the usual case, checked in C: no control or unpaired characters
        return text
    return _LINE_BREAK.sub("\n", _ILLEGAL.sub("", text))


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def truncate(text: str, limit: int, marker: str = TRUNCATION_MARKER) -> str:
    """`text` cut to at most `limit` UTF-16 code units, ending in `marker` when it was cut."""
    if len(text) <= limit // 2 or _utf16_length(text) <= limit:
        return text
    budget = 2 * (limit - _utf16_length(marker))
    # Cutting the UTF-16 bytes may split a surrogate pair; the half left over is dropped.
    kept = text.encode("utf-16-le")[:budget].decode("utf-16-le", errors="ignore")
    return kept + marker


def cell_text(text: str) -> str:
    """User text as a spreadsheet cell can hold it: cleaned, and cut at Excel's cell limit."""
    return truncate(clean_text(text), EXCEL_CELL_LIMIT)


def could_be_formula(text: str) -> bool:
    """True when a spreadsheet program might take `text` for a formula if it were retyped."""
    return text.startswith(FORMULA_TRIGGERS)
