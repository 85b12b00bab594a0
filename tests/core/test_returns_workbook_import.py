"""Importing the compliance workbook the app exports: a round trip, and changed workbooks."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from selfassess.assessment import Override
from selfassess.cli import main
from selfassess.demo import demo_document
from selfassess.document import read_document, save_document
from selfassess.errors import ReturnError
from selfassess.exports.workbook import write_workbook
from selfassess.returns.importer import import_return


@pytest.mark.parametrize(
    ("org_type", "seed", "large"),
    [("commissioner", 5, False), ("provider", 3, False), ("provider", 2, True)],
)
def test_round_trip_gives_back_the_assessment_exactly(tmp_path, bundled, org_type, seed, large):
    document = demo_document(bundled, seed=seed, org_type=org_type, large=large)
    original = document.assessment
    first = original.responses["s01-notification"]
    first.narrative = "=SUM(A1:A3) is how we count; the rest — “quoted” — follows."
    # A justification ending in brackets once read as the override's author and date.
    first.override = Override(band="green", justification="Re-audit shows it met (see minutes)",
                              by="Jo Reid", on=date(2026, 3, 1))  # fmt: skip
    original.responses["s03-key-worker"].override = Override(
        band="red", justification="Not met (2025)"
    )
    original.responses["s08-transition"].not_applicable_reason = "Service transferred (April)"
    original.responses["s02-ehc-partnership"].evidence[0].carried_forward = True
    next(r for r in original.responses.values() if r.actions).actions[0].carried_forward = True
    answers = original.responses["s04-coordinated-appointments"].answers
    for answer in list(answers.values())[:2]:
        answer.carried_forward = True
    path = tmp_path / "compliance.xlsx"
    write_workbook(document, path)
    imported = import_return(path, bundled).assessment
    assert imported.responses.keys() == original.responses.keys()
    for standard_id, expected in original.responses.items():
        got = imported.responses[standard_id]
        assert got.answers == expected.answers, standard_id
        assert got.narrative == expected.narrative
        assert got.evidence == expected.evidence
        assert got.actions == expected.actions
        assert got.override == expected.override
        assert got.not_applicable_reason == expected.not_applicable_reason
        assert got == expected  # and nothing else was missed
    for field in ("organisation", "period", "assessors", "signoff"):
        assert getattr(imported, field) == getattr(original, field)


@pytest.fixture
def exported(tmp_path, bundled):
    path = tmp_path / "compliance.xlsx"
    write_workbook(demo_document(bundled, seed=4, org_type="provider"), path)
    return path


def _problems(path, framework):
    with pytest.raises(ReturnError) as caught:
        import_return(path, framework)
    return {f"{p.sheet}!{p.cell}": p.message for p in caught.value.problems}


def test_a_changed_criterion_or_bad_value_is_reported_by_cell(exported, bundled):
    workbook = openpyxl.load_workbook(exported)
    standards = workbook["Standards"]
    standards["D2"] = "A much easier criterion"
    standards["G3"] = 7  # a score off the scale
    workbook["Action plan"]["G2"] = "Nearly done"
    workbook.save(exported)
    problems = _problems(exported, bundled)
    assert "fixed structure was changed" in problems["Standards!D2"]
    assert "score" in problems["Standards!G3"]
    assert "'Nearly done' is not one of the choices" in problems["Action plan!G2"]


def _summary_cells(workbook):
    """The Summary's standards table: its first data row and each heading's column letter."""
    summary = workbook["Summary"]
    header = next(row for row in summary.iter_rows() if row[0].value == "No.")
    return summary, header[0].row + 1, {cell.value: cell.column_letter for cell in header}


def test_an_incomplete_override_is_reported_by_cell(exported, bundled):
    workbook = openpyxl.load_workbook(exported)
    summary, first, column = _summary_cells(workbook)
    summary[f"{column['Override to']}{first}"] = "Green"
    summary[f"{column['Override justification']}{first}"] = None
    summary[f"{column['Override justification']}{first + 1}"] = "Agreed at the board"
    summary[f"{column['Override to']}{first + 1}"] = None
    summary[f"{column['Override to']}{first + 2}"] = "Purple"
    summary[f"{column['Override justification']}{first + 2}"] = "Why not"
    summary[f"{column['Override date']}{first + 2}"] = "last week"
    workbook.save(exported)
    problems = _problems(exported, bundled)
    justification, override_to = column["Override justification"], column["Override to"]
    assert "needs its justification" in problems[f"Summary!{justification}{first}"]
    assert "say which rating" in problems[f"Summary!{override_to}{first + 1}"]
    assert "'Purple' is not one of the choices" in problems[f"Summary!{override_to}{first + 2}"]
    assert "'last week' is not a date" in problems[f"Summary!{column['Override date']}{first + 2}"]
    assert len(problems) == 4


def test_rows_added_or_copied_by_hand_get_ids_of_their_own(exported, bundled):
    original = import_return(exported, bundled).assessment
    workbook = openpyxl.load_workbook(exported)
    actions = workbook["Action plan"]
    id_column = actions.max_column
    assert actions.cell(1, id_column).value == "ID"
    first_id = actions.cell(2, id_column).value
    copy = actions.max_row + 1
    for column in range(1, id_column + 1):  # the first action copied to the end, ID and all
        actions.cell(copy, column).value = actions.cell(2, column).value
    actions.cell(3, id_column).value = None  # an ID cleared
    workbook.save(exported)
    imported = import_return(exported, bundled).assessment

    def ids(assessment):
        return [a.id for r in assessment.responses.values() for a in r.actions]

    before, after = ids(original), ids(imported)
    assert before[0] == first_id
    assert len(after) == len(set(after)) == len(before) + 1
    assert first_id in after
    assert len(set(after) - set(before)) == 2  # the copy's and the cleared row's
    assert set(before) - set(after) == {before[1]}


def test_another_version_or_a_missing_column_is_refused(exported, bundled):
    workbook = openpyxl.load_workbook(exported)
    definitions = workbook["Definitions"]
    version_row = next(r for r in range(1, 12) if definitions.cell(r, 1).value == "Version")
    definitions.cell(version_row, 2).value = "6 (2026)"
    workbook.save(exported)
    problems = _problems(exported, bundled)
    assert list(problems) == [f"Definitions!B{version_row}"]
    assert "'6 (2026)'" in problems[f"Definitions!B{version_row}"]

    workbook = openpyxl.load_workbook(exported)
    workbook["Definitions"].cell(version_row, 2).value = bundled.version
    workbook["Evidence"]["F1"] = "Web address"  # the 'Link' heading renamed
    workbook["Evidence"].delete_cols(workbook["Evidence"].max_column)  # and the IDs deleted
    workbook.save(exported)
    with pytest.raises(ReturnError) as caught:
        import_return(exported, bundled)
    assert [(p.sheet, p.cell, p.message) for p in caught.value.problems] == [
        ("Evidence", "A1", "the table has no 'Link' column"),
        ("Evidence", "A1", "the table has no 'ID' column"),
    ]


def test_cli_imports_a_compliance_workbook(exported, tmp_path, capsys):
    out = tmp_path / "back.sendassess"
    assert main(["import", str(exported), "-o", str(out)]) == 0
    assert "Imported compliance.xlsx" in capsys.readouterr().out
    assert read_document(out).assessment.organisation.type == "provider"
    save_document(read_document(out), tmp_path / "again.sendassess")  # a valid document
