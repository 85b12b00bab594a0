"""The compliance workbook, read back with openpyxl as Excel or a returns importer would."""

from __future__ import annotations

import errno
import os
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from selfassess.assessment import Action, EvidenceItem, Override
from selfassess.demo import demo_document
from selfassess.document import Document
from selfassess.errors import ExportError
from selfassess.exports.sheet_text import (
    EXCEL_CELL_LIMIT,
    TRUNCATION_MARKER,
    cell_text,
    clean_text,
    could_be_formula,
    truncate,
)
from selfassess.exports.workbook import write_workbook
from selfassess.framework import Framework
from selfassess.presentation import OVERDUE_COLOURS, rating_colours, rating_word
from selfassess.scoring import overall_result

TODAY = date(2026, 3, 20)
SHEETS = ["Summary", "Standards", "Evidence", "Action plan", "Definitions"]
INJECTIONS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(1)", "\tx"]


def _export(document: Document, folder: Path, name: str = "out.xlsx") -> Workbook:
    path = folder / name
    write_workbook(document, path, today=TODAY)
    return load_workbook(path)


def _argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


def _header_row(sheet: Worksheet, first: str) -> int:
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, 1).value == first:
            return row
    raise AssertionError(f"no table headed {first!r} on {sheet.title}")


def _records(sheet: Worksheet, first: str = "No.") -> list[dict[str, object]]:
    """The table under the header row starting `first`, as dicts of header -> cell."""
    top = _header_row(sheet, first)
    headers = [cell.value for cell in sheet[top]]
    return [
        {header: cell for header, cell in zip(headers, row, strict=True) if header}
        for row in sheet.iter_rows(min_row=top + 1)
        if row[0].value is not None
    ]


def _figure(summary: Worksheet, label: str) -> object:
    for row in summary.iter_rows(min_col=2, max_col=3):
        if row[0].value == label:
            return row[1].value
    raise AssertionError(f"no figure {label!r}")


@pytest.fixture(scope="module")
def demo(bundled: Framework) -> Document:
    document = demo_document(bundled, seed=3)
    response = document.assessment.responses[bundled.standards[3].id]
    response.override = Override(
        band="red",
        justification="The audit found no protocol in use (see minutes).",
        by="Jo Reid",
        on=date(2026, 3, 2),
    )
    not_applicable = document.assessment.responses[bundled.standards[5].id]
    not_applicable.not_applicable_reason = "Transferred"
    not_applicable.override = None
    first = document.assessment.responses[bundled.standards[0].id]
    next(iter(first.answers.values())).carried_forward = True
    return document


@pytest.fixture(scope="module")
def demo_book(demo: Document, tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    return _export(demo, tmp_path_factory.mktemp("book"))


def test_sheets_in_order(demo_book):
    assert demo_book.sheetnames == SHEETS


def test_summary_figures_equal_the_scores(demo, demo_book):
    overall = overall_result(demo.framework, demo.assessment)
    summary = demo_book["Summary"]
    assert _figure(summary, "Organisation") == demo.assessment.organisation.name
    assert _figure(summary, "ODS code") == demo.assessment.organisation.ods_code
    assert _figure(summary, "Organisation type") == "Commissioner (ICB, formerly CCG)"
    assert _figure(summary, "Overall percentage") == pytest.approx(overall.percent / 100)
    assert _figure(summary, "Completeness") == pytest.approx(overall.completeness / 100)
    assert _figure(summary, "Standards rated Green") == pytest.approx(
        overall.compliant_percent / 100
    )
    assert _figure(summary, "Assurance level") == overall.level.label
    counts = {
        row[0].value: row[1].value
        for row in summary.iter_rows(min_col=3, max_col=4, max_row=_header_row(summary, "No."))
        if isinstance(row[1].value, int)
    }
    for band in demo.framework.bands:
        assert counts[band.label] == overall.band_counts[band.id]
    assert counts["Not rated"] == overall.not_rated_count


def test_every_rating_has_its_word_and_colours(demo, demo_book):
    overall = overall_result(demo.framework, demo.assessment)
    records = _records(demo_book["Summary"])
    assert len(records) == len(overall.standards)
    for record, result in zip(records, overall.standards, strict=True):
        fill, text = rating_colours(result)
        rating = record["Rating"]
        assert record["No."].value == result.standard.number
        assert record["Standard"].value == result.standard.title
        assert rating.value == rating_word(result)
        assert rating.fill.fgColor.rgb == _argb(fill)
        assert rating.font.color.rgb == _argb(text)
        if result.band is not None and result.band.id == "amber":
            assert rating.font.color.rgb == _argb("#212B32")  # dark text on amber
        expected = None if result.percent is None else pytest.approx(result.percent / 100)
        assert record["%"].value == expected
        assert record["%"].number_format == "0%"
        response = demo.assessment.responses[result.standard.id]
        assert (record["Override to"].value is not None) is (response.override is not None)


def test_overrides_and_reasons_have_columns_of_their_own(demo, demo_book):
    records = _records(demo_book["Summary"])
    overridden = records[3]
    assert overridden["Rating"].value == "Red"
    assert overridden["Override to"].value == "Red"
    assert overridden["Override justification"].value == (
        "The audit found no protocol in use (see minutes)."
    )
    assert overridden["Override by"].value == "Jo Reid"
    assert overridden["Override date"].value == datetime(2026, 3, 2)
    assert overridden["Override date"].number_format == "dd mmm yyyy"
    assert overridden["Not applicable reason"].value is None
    assert records[5]["Rating"].value == "Not applicable"
    assert records[5]["Not applicable reason"].value == "Transferred"
    assert records[5]["Override to"].value is None


def test_standards_sheet_has_a_row_per_criterion(demo, demo_book):
    records = _records(demo_book["Standards"])
    assert len(records) == sum(len(s.criteria) for s in demo.framework.standards)
    overall = overall_result(demo.framework, demo.assessment)
    first = overall.standards[0]
    row = records[0]
    assert row["Ref"].value == "1.1"
    assert row["Standard rating"].value == rating_word(first)
    assert row["Standard rating"].fill.fgColor.rgb == _argb(rating_colours(first)[0])
    assert row["Current position"].value == demo.assessment.responses[first.standard.id].narrative
    ratios = [r for r in records if r["Denominator"].value]
    assert ratios
    for record in ratios:
        measured = record["Numerator"].value / record["Denominator"].value
        assert record["Measured"].value == pytest.approx(measured)
        assert record["Measured"].number_format == "0%"
        assert record["Answer"].value.endswith(f"of {record['Denominator'].value:g}")
    carried = [r["Ref"].value for r in records if r["Carried forward"].value == "Yes"]
    assert carried == ["1.1"]
    judged = next(r for r in records if r["Score"].value is not None)
    assert " – " in judged["Answer"].value  # the score with its scale label
    assert judged["Criterion %"].value == pytest.approx(judged["Score"].value / 3)
    assert judged["Criterion %"].number_format == "0%"


@pytest.mark.parametrize(("name", "items"), [("Evidence", "evidence"), ("Action plan", "actions")])
def test_ids_sit_at_the_far_right_small_grey_and_off_the_page(demo, demo_book, name, items):
    sheet = demo_book[name]
    records = _records(sheet)
    expected = [
        item.id
        for standard in demo.framework.standards
        for item in getattr(demo.assessment.responses[standard.id], items)
    ]
    assert [r["ID"].value for r in records] == expected
    assert sheet.cell(1, sheet.max_column).value == "ID"
    cell = records[0]["ID"]
    assert cell.font.sz == 8 and cell.font.color.rgb != _argb("#212B32")
    assert not cell.alignment.wrap_text
    last = sheet.max_row
    # Printed pages keep every other column; the filter, and so sorting, spans the IDs too.
    assert sheet.print_area == f"'{name}'!$A$1:${_letter(sheet.max_column - 1)}${last}"
    assert sheet.auto_filter.ref == f"A1:{_letter(sheet.max_column)}{last}"


def _letter(column: int) -> str:
    return chr(ord("A") + column - 1)


def test_header_rows_look_like_nhs_tables(demo_book):
    for name in ("Standards", "Evidence", "Action plan"):
        header = demo_book[name]["A1"]
        assert header.fill.fgColor.rgb == _argb("#005EB8")
        assert header.font.b and header.font.color.rgb == "FFFFFFFF"
        assert header.font.name == "Arial"


def test_dates_are_dates_with_a_uk_format(demo, demo_book):
    summary = demo_book["Summary"]
    assert _figure(summary, "Period start") == datetime(2025, 4, 1)
    for name, column in (("Evidence", "Dated"), ("Action plan", "Due")):
        cell = _records(demo_book[name])[0][column]
        assert isinstance(cell.value, datetime)
        assert cell.number_format == "dd mmm yyyy"


def test_print_setup_freeze_panes_and_filters(demo_book):
    for sheet in demo_book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
        assert sheet.print_title_rows
        assert sheet.freeze_panes
    assert demo_book["Standards"].freeze_panes == "A2"
    for name in ("Standards", "Evidence", "Action plan"):  # empty cells have no borders
        assert demo_book[name].print_options.gridLines
    assert demo_book["Standards"].auto_filter.ref.startswith("A1:")
    summary = demo_book["Summary"]
    assert summary.auto_filter.ref.startswith(f"A{_header_row(summary, 'No.')}:")


def test_document_properties(demo, demo_book):
    properties = demo_book.properties
    organisation = demo.assessment.organisation
    assert organisation.name in properties.title
    assert properties.subject == organisation.name
    assert properties.creator
    assert organisation.ods_code in properties.keywords


def _every_cell(book: Workbook):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_typed_text_never_becomes_a_formula(bundled, tmp_path):
    document = demo_document(bundled, seed=1)
    document.assessment.organisation.name = INJECTIONS[0]
    responses = list(document.assessment.responses.values())
    for payload, response in zip(INJECTIONS, responses, strict=False):
        response.lead = payload
        response.narrative = payload
        response.evidence.append(EvidenceItem(title="Audit", notes=payload))
        response.actions.append(Action(what="Act", outcome=payload))
    path = tmp_path / "injection.xlsx"
    write_workbook(document, path, today=TODAY)
    book = load_workbook(path)
    found = {payload: 0 for payload in INJECTIONS}
    for cell in _every_cell(book):
        assert cell.data_type != "f"
        if cell.value in found:
            found[cell.value] += 1
            assert cell.data_type == "s"
            assert cell.quotePrefix  # stays text even if someone edits the cell in Excel
    assert all(count >= 4 for count in found.values()), found
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name)


def test_control_characters_are_removed(bundled, tmp_path):
    document = demo_document(bundled, seed=1)
    response = next(iter(document.assessment.responses.values()))
    response.narrative = "Line\x00 one\x07\x1b\x0b\x0c\r\nnext\rlast\ud800\ufffe"
    response.evidence.append(EvidenceItem(title="Policy\x01 v2"))
    book = _export(document, tmp_path)
    standards = _records(book["Standards"])
    assert standards[0]["Current position"].value == "Line one\nnext\nlast"
    titles = [r["Evidence"].value for r in _records(book["Evidence"])]
    assert "Policy v2" in titles
    for cell in _every_cell(book):
        if isinstance(cell.value, str):
            assert not ILLEGAL_CHARACTERS_RE.search(cell.value)


def test_text_over_the_cell_limit_is_cut_visibly(bundled, tmp_path):
    document = demo_document(bundled, seed=1)
    next(iter(document.assessment.responses.values())).narrative = "x" * 40_000
    book = _export(document, tmp_path)
    narrative = _records(book["Standards"])[0]["Current position"].value
    assert len(narrative) == EXCEL_CELL_LIMIT
    assert narrative.endswith(TRUNCATION_MARKER)


def test_overdue_actions_are_flagged_in_words_and_colour(bundled, tmp_path):
    document = demo_document(bundled, seed=1)
    standard = bundled.standards[0]
    response = document.assessment.responses[standard.id]
    response.actions = [
        Action(what="Late", due=date(2026, 3, 19), status="in_progress", carried_forward=True),
        Action(what="Due today", due=date(2026, 3, 20)),
        Action(what="Late but done", due=date(2026, 1, 1), status="done"),
        Action(what="Undated"),
    ]
    book = _export(document, tmp_path)
    actions = {r["Action"].value: r for r in _records(book["Action plan"])}
    late = actions["Late"]["Overdue"]
    assert late.value == "Overdue"
    assert late.fill.fgColor.rgb == _argb(OVERDUE_COLOURS[0])
    assert actions["Late"]["Carried forward"].value == "Yes"
    for name in ("Due today", "Late but done", "Undated"):
        assert actions[name]["Overdue"].value is None
    assert actions["Late but done"]["Status"].value == "Done"
    summary_row = _records(book["Summary"])[0]
    assert summary_row["Overdue actions"].value == 1
    assert summary_row["Open actions"].value == 3


def test_definitions_explain_the_bands_and_levels(demo, demo_book):
    sheet = demo_book["Definitions"]
    values = {cell.value for cell in _every_cell(demo_book) if cell.parent is sheet}
    framework = demo.framework
    assert {framework.title, framework.version, framework.publisher} <= values
    for band in framework.bands:
        cell = next(c for c in sheet["A"] if c.value == band.label)
        assert cell.fill.fgColor.rgb == _argb(band.colour)
        assert sheet.cell(cell.row, 3).value == pytest.approx(band.min_percent / 100)
    assert {level.label for level in framework.assurance.levels} <= values
    assert {level.label for level in framework.scale} <= values


def test_large_assessment_exports(bundled, tmp_path):
    book = _export(demo_document(bundled, seed=1, large=True), tmp_path)
    assert len(_records(book["Evidence"])) == 506
    assert len(_records(book["Action plan"])) == 209


@pytest.mark.parametrize("org_type", ["commissioner", "provider"])
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_every_demo_exports(bundled, tmp_path, seed, org_type):
    document = demo_document(bundled, seed=seed, org_type=org_type)
    book = _export(document, tmp_path)
    overall = overall_result(bundled, document.assessment)
    words = [r["Rating"].value for r in _records(book["Summary"])]
    assert words == [rating_word(result) for result in overall.standards]


def test_missing_folder_is_a_clear_error(demo, tmp_path):
    with pytest.raises(ExportError, match=r"folder .* does not exist"):
        write_workbook(demo, tmp_path / "missing" / "out.xlsx", today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_locked_file_is_a_clear_error_and_kept(demo, tmp_path, monkeypatch):
    path = tmp_path / "open-in-excel.xlsx"
    path.write_bytes(b"the old workbook")

    def locked(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)  # what Windows does to a file Excel has open
    with pytest.raises(ExportError, match=r"open in another program"):
        write_workbook(demo, path, today=TODAY)
    assert path.read_bytes() == b"the old workbook"
    assert list(tmp_path.iterdir()) == [path]


def test_read_only_folder_is_a_clear_error(demo, tmp_path, monkeypatch):
    def read_only(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(ExportError, match=r"read-only"):
        write_workbook(demo, tmp_path / "out.xlsx", today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_full_disk_keeps_the_old_file(demo, tmp_path, monkeypatch):
    path = tmp_path / "out.xlsx"
    write_workbook(demo, path, today=TODAY)
    before = path.read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(ExportError, match=r"disk is full"):
        write_workbook(demo, path, today=TODAY)
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text – with “quotes”", "plain text – with “quotes”"),
        ("a\x00b\x08c\x1fd", "abcd"),
        ("tab\tand\nbreaks\r\nkept\rsame", "tab\tand\nbreaks\nkept\nsame"),
        ("lone \ud800 surrogate \uffff", "lone  surrogate "),
    ],
)
def test_clean_text(text, expected):
    assert clean_text(text) == expected


def test_truncate_counts_what_excel_counts():
    assert truncate("short", 20) == "short"
    assert truncate("x" * 30, 20) == "x" * 7 + TRUNCATION_MARKER
    # An emoji is two UTF-16 units in Excel's count and is never split in half.
    assert truncate("😀" * 20, 20) == "😀" * 3 + TRUNCATION_MARKER
    assert len(cell_text("y" * 40_000)) == EXCEL_CELL_LIMIT


@pytest.mark.parametrize("text", [*INJECTIONS, "\nx", "\rx"])
def test_formula_triggers(text):
    assert could_be_formula(text)
    assert not could_be_formula("Audit - March")
