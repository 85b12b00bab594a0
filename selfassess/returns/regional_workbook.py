"""The regional workbook: summary counts, the organisation x standard heat map, movement since
the previous round, and the returns that were not counted and why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from selfassess import __version__
from selfassess.exports.sheet_text import clean_text
from selfassess.exports.workbook_layout import (
    HEADING,
    NUMBER,
    PERCENT,
    TITLE,
    VALUE,
    CellValue,
    Column,
    SheetWriter,
    percent,
    rating_cell,
    rating_style_name,
)
from selfassess.presentation import RATING_WORDS, SIGNOFF_WORDS, format_date, movement_text
from selfassess.returns.aggregate import OrganisationReturn, RegionalData
from selfassess.returns.network_sheets import key_values, new_workbook, page_setup, save_workbook

SUMMARY, HEAT_MAP, MOVEMENT = "Summary", "Heat map", "Movement"
UNREADABLE, DUPLICATES = "Could not be read", "Duplicates"
STANDARD_WIDTH = 14  # wide enough for "Not applicable" on one line


def regional_title(data: RegionalData, title: str = "") -> str:
    """The title given, or one naming the period most returns cover."""
    if title.strip():
        return title.strip()
    return f"SEND regional summary {data.periods[0]}" if data.periods else "SEND regional summary"


def type_label(data: RegionalData, org_type: str) -> str:
    """'Commissioner' for 'Commissioner (ICB, formerly CCG)': short enough for a table cell."""
    return data.framework.organisation_type(org_type).label.split(" (")[0]


def _level(entry: OrganisationReturn) -> str:
    return entry.overall.level.label if entry.overall.level else "Not assessed"


def _summary(writer: SheetWriter, data: RegionalData, title: str, today: date) -> None:
    framework = data.framework
    writer.put(1, 1, title, TITLE)
    types = data.type_counts()
    pairs: list[tuple[str, CellValue]] = [
        ("Returns counted", len(data.returns)),
        *[(f"{type_label(data, key)}s", count) for key, count in types.items()],
        ("Could not be read", len(data.unreadable)),
        ("Duplicates not counted", len(data.duplicates)),
        ("Periods", ", ".join(data.periods) or "–"),
        ("Standards", f"{framework.title}, version {framework.version}"),
        ("Made", f"{format_date(today)} by SEND Self-Assessment {__version__}"),
    ]
    top = key_values(writer, 3, pairs, column=2) + 1
    writer.put(top, 1, "Ratings per standard", HEADING)
    bands = [*framework.bands_low_to_high]
    columns = [Column("No.", 6, NUMBER), Column("Standard", 44)]
    keys = [band.id for band in bands] + ["not_rated"]
    words = [band.label for band in bands] + [RATING_WORDS["not_rated"]]
    for word in words:
        columns += [Column(word, 10, NUMBER), Column(f"{word} %", 9, PERCENT)]
    columns += [Column("Not applicable", 11, NUMBER), Column("Organisations it applies to", 13,
                                                            NUMBER)]  # fmt: skip
    rows: list[list[CellValue]] = []
    for counts in data.standard_counts:
        row: list[CellValue] = [counts.standard.number, counts.standard.title]
        for key in keys:
            row += [counts.counts[key], percent(counts.percent(key))]
        rows.append([*row, counts.counts["not_applicable"], counts.applicable])
    header_row = top + 1
    last = writer.table(columns, rows, top=header_row)
    for index, key in enumerate(keys):  # the band headings carry the band's own colour
        writer.put(header_row, 3 + 2 * index, words[index], rating_style_name(key))
    red_word = framework.band(data.lowest_band).label
    top = last + 2
    writer.put(top, 1, f"Standards most often rated {red_word}", HEADING)
    red_rows: list[list[CellValue]] = [
        [c.standard.number, c.standard.title, c.counts[data.lowest_band],
         percent(c.percent(data.lowest_band))]
        for c in data.most_often_red()
    ]  # fmt: skip
    if red_rows:
        red_columns = [
            Column("No.", 6, NUMBER),
            Column("Standard", 44),
            Column(red_word, 10, NUMBER),
            Column(f"{red_word} %", 9, PERCENT),
        ]
        writer.table(red_columns, red_rows, top=top + 1, filtered=False)
    else:
        writer.put(top + 1, 2, f"No standard is rated {red_word} by any organisation.", VALUE)
    page_setup(writer.sheet, title, today, f"{header_row}:{header_row}", f"C{header_row + 1}")


def _heat_map(writer: SheetWriter, data: RegionalData, title: str, today: date) -> None:
    writer.put(1, 1, f"{title}: heat map", TITLE)
    writer.put(
        2,
        1,
        "Each cell gives the rating in words on its colour. Organisations are sorted by type "
        "and name; use the filter buttons to show one type.",
        VALUE,
    )
    columns = [
        Column("Organisation", 56),
        Column("ODS code", 9),
        Column("Type", 13),
        Column("Period", 9),
        Column("Status", 10),
        Column("Overall %", 9, PERCENT),
        Column("Assurance", 13),
        Column("Complete", 9, PERCENT),
        *[Column(f"{s.number}. {s.title}", STANDARD_WIDTH) for s in data.framework.standards],
        Column("File", 34),
    ]
    rows: list[list[CellValue]] = []
    for entry in data.returns:
        assessment = entry.document.assessment
        rows.append(
            [
                entry.name,
                assessment.organisation.ods_code,
                type_label(data, entry.org_type),
                entry.period,
                SIGNOFF_WORDS[assessment.signoff.status],
                percent(entry.overall.percent),
                _level(entry),
                percent(entry.overall.completeness),
                *[rating_cell(result) for result in entry.overall.standards],
                entry.source.name,
            ]
        )
    writer.table(columns, rows, top=4)
    page_setup(writer.sheet, title, today, "4:4", "B5", wide=True)


def _movement(writer: SheetWriter, data: RegionalData, title: str, today: date) -> None:
    writer.put(1, 1, f"{title}: movement since the previous round", TITLE)
    columns = [
        Column("Organisation", 46),
        Column("Type", 13),
        Column("Previous period", 10),
        Column("Period", 9),
        Column("Overall then", 9, PERCENT),
        Column("Overall now", 9, PERCENT),
        Column("Assurance then", 13),
        Column("Assurance now", 13),
        Column("Better", 8, NUMBER),
        Column("Worse", 8, NUMBER),
        *[Column(f"{s.number}. {s.title}", STANDARD_WIDTH) for s in data.framework.standards],
    ]
    rows: list[list[CellValue]] = []
    for movement in data.movements:
        entry, before = movement.current, movement.previous
        rows.append(
            [
                entry.name,
                type_label(data, entry.org_type),
                before.period if before else "No return",
                entry.period,
                percent(before.overall.percent) if before else None,
                percent(entry.overall.percent),
                _level(before) if before else "",
                _level(entry),
                movement.count("up") if before else None,
                movement.count("down") if before else None,
                *[movement_text(movement.movements[s.id]) for s in data.framework.standards],
            ]
        )
    last = writer.table(columns, rows, top=3)
    missing = data.missing_since_previous
    if missing:
        top = last + 2
        writer.put(top, 1, "Sent a return last round but not this one", HEADING)
        writer.table(
            [Column("Organisation", 46), Column("Type", 13), Column("Previous period", 10)],
            [[e.name, type_label(data, e.org_type), e.period] for e in missing],
            top=top + 1,
            filtered=False,
        )
    page_setup(writer.sheet, title, today, "3:3", "B4", wide=True)


def _unreadable(writer: SheetWriter, data: RegionalData, title: str, today: date) -> None:
    writer.put(1, 1, "Returns that could not be read", TITLE)
    rows: list[list[CellValue]] = [
        [u.source.name, u.reason, str(u.source.parent)] for u in data.unreadable
    ]
    columns = [Column("File", 30), Column("Why", 90), Column("Folder", 40)]
    writer.table(columns, rows or [["None: every return was read.", "", ""]], top=3)
    page_setup(writer.sheet, title, today, "3:3", "A4")


def _duplicates(writer: SheetWriter, data: RegionalData, title: str, today: date) -> None:
    writer.put(1, 1, "Duplicates: second returns for the same organisation and period", TITLE)
    writer.put(
        2, 1, "They are not counted again: one return per organisation and period is.", VALUE
    )
    rows: list[list[CellValue]] = [
        [
            d.source.name,
            d.kept.name,
            d.kept.period,
            d.kept.source.name,
            "Yes" if d.identical else "No: the answers differ",
            f"It {d.why_kept.removeprefix('it ')}.",
        ]
        for d in data.duplicates
    ]
    columns = [
        Column("File", 30),
        Column("Organisation", 46),
        Column("Period", 9),
        Column("Counted instead", 30),
        Column("Same answers", 12),
        Column("Why that one", 30),
    ]
    empty = ["None: one return per organisation and period.", "", "", "", "", ""]
    writer.table(columns, rows or [empty], top=3)
    page_setup(writer.sheet, title, today, "3:3", "A4")


def build_regional_workbook(
    data: RegionalData, title: str = "", today: date | None = None
) -> Workbook:
    today = today or date.today()
    title = regional_title(data, title)
    book = new_workbook(data.framework)
    _summary(book.writer(SUMMARY), data, title, today)
    _heat_map(book.writer(HEAT_MAP), data, title, today)
    if data.previous is not None:
        _movement(book.writer(MOVEMENT), data, title, today)
    _unreadable(book.writer(UNREADABLE), data, title, today)
    _duplicates(book.writer(DUPLICATES), data, title, today)
    workbook = book.workbook
    properties = workbook.properties
    properties.title = clean_text(title)
    properties.subject = f"{data.framework.title}, version {data.framework.version}"
    properties.creator = f"SEND Self-Assessment {__version__}"
    properties.keywords = "SEND; self-assessment; regional; returns"
    return workbook


def write_regional_workbook(
    data: RegionalData, path: str | Path, title: str = "", today: date | None = None
) -> None:
    save_workbook(build_regional_workbook(data, title, today), path)
