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


def _without_ids(items):
    return [item.model_copy(update={"id": ""}) for item in items]


@pytest.mark.parametrize(
    ("org_type", "seed", "large"),
    [("commissioner", 5, False), ("provider", 3, False), ("provider", 2, True)],
)
def test_round_trip_gives_back_answers_narratives_evidence_and_actions(
    tmp_path, bundled, org_type, seed, large
):
    document = demo_document(bundled, seed=seed, org_type=org_type, large=large)
    original = document.assessment
    first = original.responses["s01-notification"]
    first.narrative = "=SUM(A1:A3) is how we count; the rest — “quoted” — follows."
    first.override = Override(band="green", justification="Re-audit (February) shows it met.",
                              by="Jo Reid", on=date(2026, 3, 1))  # fmt: skip
    original.responses["s08-transition"].not_applicable_reason = "Service transferred in April"
    original.responses["s02-ehc-partnership"].evidence[0].carried_forward = True
    path = tmp_path / "compliance.xlsx"
    write_workbook(document, path)
    imported = import_return(path, bundled).assessment
    for standard_id, expected in original.responses.items():
        got = imported.responses[standard_id]
        assert got.answers == expected.answers, standard_id
        assert got.narrative == expected.narrative
        assert _without_ids(got.evidence) == _without_ids(expected.evidence)
        assert _without_ids(got.actions) == _without_ids(expected.actions)
        assert got.override == expected.override
        assert got.not_applicable_reason == expected.not_applicable_reason
        assert (got.lead, got.review_date) == (expected.lead, expected.review_date)
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
    workbook.save(exported)
    assert "no 'Link' column" in _problems(exported, bundled)["Evidence!A1"]


def test_cli_imports_a_compliance_workbook(exported, tmp_path, capsys):
    out = tmp_path / "back.sendassess"
    assert main(["import", str(exported), "-o", str(out)]) == 0
    assert "Imported compliance.xlsx" in capsys.readouterr().out
    assert read_document(out).assessment.organisation.type == "provider"
    save_document(read_document(out), tmp_path / "again.sendassess")  # a valid document
