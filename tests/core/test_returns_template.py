"""The return template as an organisation without the app opens it in a spreadsheet program."""

from __future__ import annotations

import openpyxl
import pytest

from selfassess.demo import demo_document
from selfassess.returns import layout
from selfassess.returns.network_sheets import save_workbook
from selfassess.returns.template import build_template


@pytest.fixture
def blank(tmp_path, bundled):
    path = tmp_path / "return.xlsx"
    save_workbook(build_template(bundled, "provider", None, "Test NHS Trust", "2025/26"), path)
    return openpyxl.load_workbook(path)


def _criterion_row(sheet, criterion_id):
    ref = layout.column_index(layout.CRITERIA_COLUMNS, "ref")
    for row in range(layout.FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(row, ref).value == criterion_id:
            return row
    raise AssertionError(criterion_id)


def _validation_of(sheet, coordinate):
    found = [dv for dv in sheet.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(found) == 1, f"{sheet.title}!{coordinate} has {len(found)} validations"
    return found[0]


def test_instructions_first_and_identity_in_hidden_meta(blank, bundled):
    assert blank.sheetnames[0] == layout.INSTRUCTIONS
    assert blank.active.title == layout.INSTRUCTIONS
    text = " ".join(str(c.value) for c in blank[layout.INSTRUCTIONS]["A"] if c.value)
    assert "How to fill in this return" in text and bundled.version in text
    assert "Test NHS Trust" in text
    meta = {row[0]: row[1] for row in blank[layout.META].iter_rows(values_only=True)}
    assert meta["format"] == layout.FORMAT
    assert meta["framework_id"] == bundled.id
    assert meta["framework_version"] == bundled.version
    assert meta["organisation_type"] == "provider"
    assert meta["fingerprint"] == layout.fingerprint(bundled, "provider")
    assert blank[layout.META].sheet_state == "veryHidden"
    assert blank[layout.LISTS].sheet_state == "veryHidden"
    visible = [s.title for s in blank.worksheets if s.sheet_state == "visible"]
    assert visible == [layout.INSTRUCTIONS, layout.DETAILS, layout.STANDARDS, layout.CRITERIA,
                       layout.EVIDENCE, layout.ACTIONS]  # fmt: skip


def test_structure_is_locked_and_answer_cells_open(blank, bundled):
    assert blank.security.lockStructure
    assert all(sheet.protection.sheet for sheet in blank.worksheets)
    criteria = blank[layout.CRITERIA]
    row = _criterion_row(criteria, "s01-policy")
    answer = layout.column_index(layout.CRITERIA_COLUMNS, "answer")
    numerator = layout.column_index(layout.CRITERIA_COLUMNS, "numerator")
    for key in ("number", "standard", "ref", "text", "how"):
        assert criteria.cell(
            row, layout.column_index(layout.CRITERIA_COLUMNS, key)
        ).protection.locked
    assert not criteria.cell(row, answer).protection.locked
    assert criteria.cell(row, numerator).protection.locked  # a judgement takes no figures
    ratio = _criterion_row(criteria, "s01-within-6-weeks")
    assert criteria.cell(ratio, answer).protection.locked
    assert not criteria.cell(ratio, numerator).protection.locked
    # Only the criteria that apply to a provider have rows.
    refs = [criteria.cell(r, 3).value for r in range(layout.FIRST_ROW, criteria.max_row + 1)]
    assert "s01-parent-first" in refs and "s01-commissioner-assurance" not in refs
    assert not any(ref.startswith(("s10", "s11")) for ref in refs)
    # Evidence rows can be added anywhere below the header: whole columns are unlocked.
    evidence = blank[layout.EVIDENCE]
    assert evidence.column_dimensions["B"].protection.locked is False
    assert evidence.cell(layout.HEADER_ROW, 2).protection.locked
    assert evidence.column_dimensions["L"].hidden  # the ID column


def test_drop_downs_come_from_named_ranges_on_the_hidden_list_sheet(blank, bundled):
    criteria = blank[layout.CRITERIA]
    answer = layout.column_index(layout.CRITERIA_COLUMNS, "answer")
    coordinate = criteria.cell(_criterion_row(criteria, "s01-policy"), answer).coordinate
    rule = _validation_of(criteria, coordinate)
    assert rule.type == "list" and rule.formula1 == "ListScale"
    assert rule.errorStyle == "stop" and rule.showErrorMessage
    assert rule.prompt and rule.showInputMessage
    reference = blank.defined_names["ListScale"].attr_text
    assert reference.startswith(f"'{layout.LISTS}'!")
    sheet, cells = next(iter(blank.defined_names["ListScale"].destinations))
    values = [c.value for row in blank[sheet][cells] for c in row]
    assert values == [f"{lv.score} – {lv.label}" for lv in bundled.scale]
    status = _validation_of(blank[layout.ACTIONS], "F50")
    assert status.formula1 == "ListActionStatuses"
    numbers = _validation_of(criteria, f"G{_criterion_row(criteria, 's01-within-6-weeks')}")
    assert numbers.type == "decimal" and numbers.operator == "greaterThanOrEqual"
    due = _validation_of(blank[layout.ACTIONS], "E7")
    assert due.type == "date" and due.errorStyle == "stop"


def test_prefilled_template_shows_the_answers(tmp_path, bundled):
    document = demo_document(bundled, seed=2, org_type="commissioner")
    path = tmp_path / "prefilled.xlsx"
    save_workbook(build_template(bundled, "commissioner", document.assessment), path)
    workbook = openpyxl.load_workbook(path)
    details = workbook[layout.DETAILS]
    assert details["B4"].value == document.assessment.organisation.name
    answers = document.assessment.responses["s10-joint-commissioning"].answers
    criterion_id, answer = next((k, a) for k, a in answers.items() if a.met is not None)
    criteria = workbook[layout.CRITERIA]
    row = _criterion_row(criteria, criterion_id)
    assert criteria.cell(row, 6).value == ("Yes" if answer.met else "No")
    assert _validation_of(criteria, f"F{row}").formula1 == "ListYesNo"
    evidence = workbook[layout.EVIDENCE]
    titles = [c.value for c in evidence["B"][layout.FIRST_ROW - 1 :]]
    total = sum(len(r.evidence) for r in document.assessment.responses.values())
    assert len([t for t in titles if t]) == total


def test_user_text_stays_text(tmp_path, bundled):
    document = demo_document(bundled, seed=1, org_type="provider")
    response = document.assessment.responses["s01-notification"]
    response.narrative = '=HYPERLINK("http://evil","click")\x07 bell removed'
    response.lead = "+44 1234"
    path = tmp_path / "r.xlsx"
    save_workbook(build_template(bundled, "provider", document.assessment), path)
    sheet = openpyxl.load_workbook(path)[layout.STANDARDS]
    narrative = sheet.cell(layout.FIRST_ROW, 4)
    assert narrative.data_type == "s" and narrative.quotePrefix
    assert narrative.value == '=HYPERLINK("http://evil","click") bell removed'
    assert sheet.cell(layout.FIRST_ROW, 5).value == "+44 1234"
