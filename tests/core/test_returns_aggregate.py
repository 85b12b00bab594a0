"""Aggregating a region's returns, some broken or sent twice, read back from the outputs."""

from __future__ import annotations

import shutil
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from selfassess.assessment import SignOff
from selfassess.cli import main
from selfassess.demo import demo_document
from selfassess.document import read_document, save_document
from selfassess.presentation import NOT_APPLICABLE_COLOUR, NOT_RATED_COLOUR, RATING_WORDS
from selfassess.returns import layout
from selfassess.returns.aggregate import Cancelled, aggregate
from selfassess.returns.demo_returns import write_demo_returns
from selfassess.returns.network_sheets import save_workbook
from selfassess.returns.regional_report import write_regional_report
from selfassess.returns.regional_workbook import write_regional_workbook
from selfassess.returns.template import build_template
from selfassess.scoring import overall_result

COUNT = 15  # 5 commissioners and 10 providers, half of them workbooks


@pytest.fixture(scope="module")
def region(tmp_path_factory, bundled):
    """This round's returns with broken ones and duplicates, and a previous round."""
    folder = tmp_path_factory.mktemp("region")
    current = folder / "2025-26"
    paths = write_demo_returns(current, bundled, COUNT)
    (current / "minutes.xlsx").write_text("These are not a return.")
    newer = bundled.model_copy(update={"version": "6 (2026)"})
    save_workbook(build_template(newer, "provider", None, "New Trust", "2025/26"),
                  current / "version-6.xlsx")  # fmt: skip
    wrong = demo_document(bundled, seed=99, org_type="provider")
    save_workbook(build_template(bundled, "provider", wrong.assessment), current / "lists.xlsx")
    workbook = openpyxl.load_workbook(current / "lists.xlsx")
    workbook[layout.CRITERIA]["F4"] = "Mostly there"
    workbook.save(current / "lists.xlsx")
    # The same return sent twice, and a corrected, approved return for another organisation.
    shutil.copy(paths[0], current / "resent.sendassess")
    corrected = read_document(paths[2])
    corrected.assessment.responses["s01-notification"].answers.clear()
    corrected.assessment.signoff = SignOff(status="approved", date=date(2026, 4, 2))
    save_document(corrected, current / "corrected.sendassess")
    previous = folder / "2024-25"
    write_demo_returns(previous, bundled, COUNT - 2, period_label="2024/25")
    return {"current": current, "previous": previous, "paths": paths, "corrected": corrected}


@pytest.fixture(scope="module")
def data(region, bundled):
    return aggregate([region["current"]], bundled, previous=[region["previous"]])


def test_broken_returns_are_listed_with_reasons_and_do_not_stop_the_rest(data):
    assert len(data.returns) == COUNT
    reasons = {u.source.name: u.reason for u in data.unreadable}
    assert set(reasons) == {"minutes.xlsx", "version-6.xlsx", "lists.xlsx"}
    assert "not an Excel workbook" in reasons["minutes.xlsx"]
    assert "version '6 (2026)'" in reasons["version-6.xlsx"]
    assert "Criteria!F4: 'Mostly there' is not one of the choices" in reasons["lists.xlsx"]


def test_duplicates_are_reported_not_counted_twice(data, region):
    duplicates = {d.source.name: d for d in data.duplicates}
    first, second = region["paths"][0], region["paths"][2]
    involved = set(duplicates) | {d.kept.source.name for d in data.duplicates}
    assert len(duplicates) == 2
    assert involved == {"resent.sendassess", first.name, second.name, "corrected.sendassess"}
    resent = next(d for d in data.duplicates if d.identical)
    assert {resent.source.name, resent.kept.source.name} == {"resent.sendassess", first.name}
    assert "listed first" in resent.why_kept
    replaced = duplicates[second.name]
    assert not replaced.identical and replaced.kept.source.name == "corrected.sendassess"
    assert "approved" in replaced.why_kept
    keys = [entry.organisation_key for entry in data.returns]
    assert len(keys) == len(set(keys))


def _expected_counts(data):
    counts = {}
    for entry in data.returns:
        overall = overall_result(entry.document.framework, entry.document.assessment)
        for result in overall.standards:
            counts.setdefault(result.standard.id, []).append(result.rating)
    return counts


def test_counts_and_most_often_red(data, bundled):
    expected = _expected_counts(data)
    for counts in data.standard_counts:
        ratings = expected[counts.standard.id]
        for key in ("red", "amber", "green", "not_rated", "not_applicable"):
            assert counts.counts[key] == ratings.count(key)
    reds = {s.id: expected[s.id].count("red") for s in bundled.standards}
    ranked = [c.standard.id for c in data.most_often_red(limit=20)]
    assert ranked == sorted((k for k, v in reds.items() if v), key=lambda k: (-reds[k], k))
    # Standards 10 and 11 apply to commissioners only.
    joint = next(c for c in data.standard_counts if c.standard.number == 10)
    assert joint.counts["not_applicable"] == COUNT - COUNT // 3
    assert joint.applicable == COUNT // 3


@pytest.fixture(scope="module")
def workbook(data, tmp_path_factory):
    path = tmp_path_factory.mktemp("out") / "regional.xlsx"
    write_regional_workbook(data, path, "South West SEND returns 2025/26", today=date(2026, 5, 1))
    return openpyxl.load_workbook(path)


def _fill(cell):
    return "#" + cell.fill.fgColor.rgb[-6:].upper()


def test_heat_map_cells_have_word_and_fill(workbook, data, bundled):
    sheet = workbook["Heat map"]
    header = [cell.value for cell in sheet[4]]
    first = header.index("1. " + bundled.standards[0].title) + 1
    names = [sheet.cell(row, 1).value for row in range(5, 5 + COUNT)]
    assert names == [entry.name for entry in data.returns]
    assert sheet.cell(5 + COUNT, 1).value is None
    bands = {band.label: band.colour.upper() for band in bundled.bands}
    greys = {"Not rated": NOT_RATED_COLOUR, "Not applicable": NOT_APPLICABLE_COLOUR}
    for row, entry in enumerate(data.returns, 5):
        overall = overall_result(entry.document.framework, entry.document.assessment)
        for column, result in enumerate(overall.standards, first):
            cell = sheet.cell(row, column)
            word = result.band.label if result.band else RATING_WORDS[result.status]
            assert cell.value == word
            assert _fill(cell) == {**bands, **greys}[word].upper()
    types = {sheet.cell(row, 3).value for row in range(5, 5 + COUNT)}
    assert types == {"Commissioner", "Provider"}
    assert sheet.auto_filter.ref.startswith("A4:")


def test_summary_sheet_counts_and_red_list(workbook, data):
    sheet = workbook["Summary"]
    assert sheet["A1"].value == "South West SEND returns 2025/26"
    facts = {sheet.cell(r, 2).value: sheet.cell(r, 3).value for r in range(3, 12)}
    assert facts["Returns counted"] == COUNT
    assert facts["Commissioners"] == COUNT // 3
    assert facts["Could not be read"] == 3 and facts["Duplicates not counted"] == 2
    header = next(r for r in range(1, 30) if sheet.cell(r, 1).value == "No.")
    titles = [c.value for c in sheet[header]]
    red = titles.index("Red") + 1
    assert _fill(sheet.cell(header, red)) == "#D5281B"
    for counts in data.standard_counts:
        row = header + counts.standard.number
        assert sheet.cell(row, 2).value == counts.standard.title
        assert sheet.cell(row, red).value == counts.counts["red"]
        assert sheet.cell(row, titles.index("Green") + 1).value == counts.counts["green"]
        share = sheet.cell(row, red + 1).value
        assert share == pytest.approx(counts.counts["red"] / counts.applicable)
    top_red = data.most_often_red()[0]
    listed = [sheet.cell(r, 2).value for r in range(header + 12, header + 20)]
    assert top_red.standard.title in listed


def test_unreadable_duplicates_and_movement_sheets(workbook, data):
    rows = workbook["Could not be read"].iter_rows(min_row=4, values_only=True)
    unreadable = {row[0]: row[1] for row in rows}
    assert set(unreadable) == {"minutes.xlsx", "version-6.xlsx", "lists.xlsx"}
    duplicates = [row[0] for row in workbook["Duplicates"].iter_rows(min_row=4, values_only=True)]
    assert {"resent.sendassess", "return-0001.sendassess"} & set(duplicates)
    movement = workbook["Movement"]
    rows = {row[0]: row for row in movement.iter_rows(min_row=4, values_only=True) if row[0]}
    moved = {m.current.name: m for m in data.movements}
    assert set(rows) >= set(moved)
    for name, entry in moved.items():
        if entry.previous is None:
            assert rows[name][2] == "No return"
        else:
            assert rows[name][2] == "2024/25"
            assert rows[name][8] == entry.count("up") and rows[name][9] == entry.count("down")
    assert any(m.previous is None for m in data.movements)  # two are new this round
    assert any(m.count("up") or m.count("down") for m in data.movements)


def test_regional_report_read_back(data, tmp_path):
    path = tmp_path / "regional.pdf"
    write_regional_report(data, path, "South West SEND returns 2025/26", today=date(2026, 5, 1))
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "South West SEND returns 2025/26" in text
    for entry in data.returns:
        assert entry.name in text.replace("\n", " ")
    assert "minutes.xlsx" in text and "resent.sendassess" in text
    assert "Green" in text and "Amber" in text
    outline = [item.title for item in reader.outline]
    assert outline[:2] == ["Summary", "Heat map"]
    assert "Movement since the previous round" in outline
    assert reader.metadata.title == "South West SEND returns 2025/26"


def test_cancelling_stops_without_a_result(region, bundled):
    seen = []
    with pytest.raises(Cancelled):
        aggregate(
            [region["current"]],
            bundled,
            progress=lambda done, total, name: seen.append(done),
            cancelled=lambda: len(seen) >= 3,
        )
    assert seen == [1, 2, 3]


def test_cli_aggregate(region, tmp_path, capsys):
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    code = main(["aggregate", str(region["current"]), "--previous", str(region["previous"]),
                 "--xlsx", str(xlsx), "--pdf", str(pdf), "--title", "Round 3"])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert f"{COUNT} returns counted" in out
    assert "3 could not be read" in out and "minutes.xlsx" in out
    assert "2 duplicates not counted" in out
    assert openpyxl.load_workbook(xlsx)["Summary"]["A1"].value == "Round 3"
    assert PdfReader(pdf).metadata.title == "Round 3"
    assert main(["aggregate", str(region["current"]), "--xlsx", str(xlsx)]) == 2  # no overwrite
