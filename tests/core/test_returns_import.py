"""Importing returns: round trips, a filled-in blank template, and returns that are refused."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from selfassess.cli import main
from selfassess.demo import demo_document
from selfassess.document import read_document
from selfassess.errors import ReturnError
from selfassess.returns import layout
from selfassess.returns.importer import import_return
from selfassess.returns.network_sheets import save_workbook
from selfassess.returns.template import build_template

CRITERIA_COL = {c.key: c for c in layout.CRITERIA_COLUMNS}


def _letter(columns, key):
    return openpyxl.utils.get_column_letter(layout.column_index(columns, key))


def _template(tmp_path, framework, org_type="provider", assessment=None, name="prefilled.xlsx"):
    path = tmp_path / name
    save_workbook(build_template(framework, org_type, assessment, "", ""), path)
    return path


def _edit(path, changes):
    """Change cells as a user (or a tamperer) would, then save: {sheet: {cell: value}}."""
    workbook = openpyxl.load_workbook(path)
    for sheet, cells in changes.items():
        for coordinate, value in cells.items():
            workbook[sheet][coordinate].value = value
    workbook.save(path)


def _row_of(path, sheet, key_column, key):
    sheet = openpyxl.load_workbook(path, read_only=True)[sheet]
    for row, values in enumerate(sheet.iter_rows(values_only=True), 1):
        if values and len(values) >= key_column and values[key_column - 1] == key:
            return row
    raise AssertionError(key)


def _problems(path, framework):
    with pytest.raises(ReturnError) as caught:
        import_return(path, framework)
    return {f"{p.sheet}!{p.cell}" if p.cell else p.sheet: p.message for p in caught.value.problems}


@pytest.mark.parametrize(
    ("org_type", "seed", "large"),
    [("commissioner", 1, False), ("provider", 2, False), ("commissioner", 7, False),
     ("provider", 3, True)],
)  # fmt: skip
def test_round_trip_gives_back_the_same_assessment(tmp_path, bundled, org_type, seed, large):
    original = demo_document(bundled, seed=seed, org_type=org_type, large=large).assessment
    response = next(iter(original.responses.values()))
    response.answers[next(iter(response.answers))].carried_forward = True
    response.narrative = "Line one\nline two — with “quotes” and =formula-looking text"
    path = _template(tmp_path, bundled, org_type, original)
    imported = import_return(path, bundled).assessment
    for standard_id, expected in original.responses.items():
        got = imported.responses[standard_id]
        assert got.answers == expected.answers, standard_id
        assert got.narrative == expected.narrative
        assert got.evidence == expected.evidence
        assert got.actions == expected.actions
        assert got == expected
    assert imported == original


def test_a_blank_template_filled_in_by_hand(tmp_path, bundled):
    path = _template(tmp_path, bundled, "commissioner", name="blank.xlsx")
    agreement = _row_of(path, layout.CRITERIA, 3, "s10-agreement")
    policy = _row_of(path, layout.CRITERIA, 3, "s01-policy")
    wte = _row_of(path, layout.CRITERIA, 3, "s11-wte")
    ratio = _row_of(path, layout.CRITERIA, 3, "s06-plans-within-20-weeks")
    _edit(
        path,
        {
            layout.DETAILS: {"B4": "  NHS Exe Estuary ICB ", "B5": "QX1", "B7": "2026/27",
                             "B8": datetime(2026, 4, 1), "B9": "31/03/2027",
                             "B10": "A Patel, DCO\nB Hughes, Head of Commissioning"},
            layout.CRITERIA: {f"F{agreement}": "yes", f"F{policy}": "2 – Largely in place",
                              f"G{wte}": 0.6, f"G{ratio}": 45, f"H{ratio}": "50",
                              f"I{ratio}": "Q1 2026/27"},
            layout.STANDARDS: {"D4": "We notify within six weeks.", "E4": "Jo Reid"},
            layout.EVIDENCE: {"A4": "1. Notifying the local authority of SEN or disability",
                              "B4": "Notification policy", "C4": "Policy", "E4": "01/02/2026",
                              "H4": "s01-policy, s01-within-6-weeks",
                              "A9": "10. Joint commissioning", "B9": "Section 75 agreement"},
            layout.ACTIONS: {"A5": "11. Designated Medical Officer (DMO)",
                             "B5": "Recruit a DMO", "E5": date(2026, 9, 30), "F5": "In progress"},
        },
    )  # fmt: skip
    document = import_return(path, bundled)
    assessment = document.assessment
    assert assessment.organisation.name == "NHS Exe Estuary ICB"
    assert assessment.organisation.type == "commissioner"
    assert (assessment.period.label, assessment.period.start, assessment.period.end) == (
        "2026/27", date(2026, 4, 1), date(2027, 3, 31))  # fmt: skip
    assert assessment.assessors == ["A Patel, DCO", "B Hughes, Head of Commissioning"]
    assert assessment.responses["s10-joint-commissioning"].answers["s10-agreement"].met is True
    assert assessment.responses["s01-notification"].answers["s01-policy"].score == 2
    assert assessment.responses["s11-designated-officer"].answers["s11-wte"].value == 0.6
    plans = assessment.responses["s06-advice-timeliness"].answers["s06-plans-within-20-weeks"]
    assert (plans.numerator, plans.denominator, plans.data_period) == (45, 50, "Q1 2026/27")
    first = assessment.responses["s01-notification"]
    assert first.narrative == "We notify within six weeks." and first.lead == "Jo Reid"
    [item] = first.evidence
    assert (item.title, item.kind, item.date) == ("Notification policy", "policy", date(2026, 2, 1))
    assert item.criteria == ["s01-policy", "s01-within-6-weeks"]
    assert [e.title for e in assessment.responses["s10-joint-commissioning"].evidence] == [
        "Section 75 agreement"
    ]
    [action] = assessment.responses["s11-designated-officer"].actions
    assert (action.what, action.status, action.due) == (
        "Recruit a DMO", "in_progress", date(2026, 9, 30))  # fmt: skip
    assert len(action.id) == 32


def test_wrong_values_are_each_reported_by_sheet_and_cell(tmp_path, bundled):
    path = _template(tmp_path, bundled, "provider", name="wrong.xlsx")
    policy = _row_of(path, layout.CRITERIA, 3, "s01-policy")
    ratio = _row_of(path, layout.CRITERIA, 3, "s01-within-6-weeks")
    other = _row_of(path, layout.CRITERIA, 3, "s02-voice-in-advice")
    _edit(
        path,
        {
            layout.DETAILS: {"B4": "Test Trust", "B7": "2025/26", "B8": "the first of April",
                             "B11": "Signed"},
            layout.CRITERIA: {f"F{policy}": "Mostly", f"G{ratio}": 60, f"H{ratio}": 50,
                              f"G{other}": -3, f"H{other}": 10, f"F{ratio}": "Yes"},
            layout.STANDARDS: {"H4": "Green", "I5": "Good reasons"},
            layout.EVIDENCE: {"A4": "1. Notifying the local authority of SEN or disability",
                              "H4": "s02-planning-meetings", "A6": "Standard 99"},
            layout.ACTIONS: {"A4": "2. EHC planning in partnership with families",
                             "F4": "Finished"},
        },
    )  # fmt: skip
    problems = _problems(path, bundled)
    assert "is not a date" in problems["Details!B8"]
    assert "'Signed' is not one of the choices" in problems["Details!B11"]
    assert "'Mostly' is not one of the choices (0 – Not in place" in problems[f"Criteria!F{policy}"]
    assert "larger than the total" in problems[f"Criteria!G{ratio}"]
    assert "takes no answer" in problems[f"Criteria!F{ratio}"]
    assert "negative" in problems[f"Criteria!G{other}"]
    assert "needs a justification" in problems["Standards!I4"]
    assert "no override rating" in problems["Standards!H5"]
    assert "needs a title" in problems["Evidence!B4"]
    assert "not a criterion of standard 1" in problems["Evidence!H4"]
    assert "not one of the choices" in problems["Evidence!A6"]
    assert "say what the action is" in problems["Actions!B4"]
    assert "'Finished' is not one of the choices" in problems["Actions!F4"]
    assert "needs a title" in problems["Evidence!B6"]
    assert len(problems) == 14


def test_a_blank_return_needs_a_name_and_period(tmp_path, bundled):
    path = _template(tmp_path, bundled, "provider", name="empty.xlsx")
    problems = _problems(path, bundled)
    assert problems == {
        "Details!B4": "the organisation's name is required",
        "Details!B7": "the period (e.g. 2025/26) is required",
    }


def test_tampered_structure_is_reported_where_it_was_changed(tmp_path, bundled):
    path = _template(tmp_path, bundled, "provider", name="tampered.xlsx")
    _edit(
        path,
        {
            layout.CRITERIA: {"D4": "Something easier", "C5": "s01-made-up"},
            layout.STANDARDS: {"C3": "Comments", "A20": "extra"},
            layout.DETAILS: {"B6": "Commissioner (ICB, formerly CCG)"},
        },
    )
    problems = _problems(path, bundled)
    assert set(problems) == {"Criteria!D4", "Criteria!C5", "Standards!C3", "Standards!A20",
                             "Details!B6"}  # fmt: skip
    assert "fixed structure was changed" in problems["Criteria!D4"]
    assert "'Something easier'" in problems["Criteria!D4"]
    assert "added below" in problems["Standards!A20"]


def test_a_deleted_sheet_or_altered_meta_is_caught(tmp_path, bundled):
    path = _template(tmp_path, bundled, "provider", name="meta.xlsx")
    workbook = openpyxl.load_workbook(path)
    del workbook[layout.ACTIONS]
    workbook[layout.META]["B6"] = "0" * 64
    workbook.save(path)
    problems = _problems(path, bundled)
    assert "missing" in problems["Actions"]
    assert "fingerprint does not match" in problems["Meta!B6"]


def test_another_framework_version_is_refused(tmp_path, bundled):
    newer = bundled.model_copy(update={"version": "6 (2026)"})
    path = _template(tmp_path, newer, "commissioner", name="v6.xlsx")
    problems = _problems(path, bundled)
    assert list(problems) == ["Meta!B4"]
    assert "version '6 (2026)'" in problems["Meta!B4"]
    assert bundled.version in problems["Meta!B4"]


def test_edited_definitions_of_the_same_version_are_refused(tmp_path, bundled):
    standards = [s.model_copy(update={"title": s.title + " (local)"}) for s in bundled.standards]
    edited = bundled.model_copy(update={"standards": standards})
    path = _template(tmp_path, edited, "provider", name="edited.xlsx")
    assert "fingerprint does not match" in _problems(path, bundled)["Meta!B6"]


@pytest.mark.parametrize(
    ("content", "suffix", "expected"),
    [
        (b"just text", ".xlsx", "not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0 old excel", ".xls", "Excel 97–2003"),
        (None, ".xlsx", "not a SEND self-assessment return"),
    ],
)
def test_what_is_not_a_return_is_refused_clearly(tmp_path, bundled, content, suffix, expected):
    path = tmp_path / f"file{suffix}"
    if content is None:
        workbook = openpyxl.Workbook()
        workbook.active["A1"] = "Budget 2026"
        workbook.save(path)
    else:
        path.write_bytes(content)
    with pytest.raises(ReturnError) as caught:
        import_return(path, bundled)
    assert expected in str(caught.value)
    assert str(caught.value).startswith(path.name)


def test_cli_import_writes_nothing_when_a_return_has_problems(tmp_path, bundled, capsys):
    path = _template(tmp_path, bundled, "provider", name="half.xlsx")
    details = {"B4": "Test Trust", "B7": "2025/26"}
    criteria = {"F4": "3 – Fully in place and evidenced", "F5": "Maybe"}
    _edit(path, {layout.DETAILS: details, layout.CRITERIA: criteria})
    out = tmp_path / "out.sendassess"
    assert main(["import", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("selfassess: error: half.xlsx was not imported: 1 problem:")
    assert "Criteria!F5: 'Maybe' is not one of the choices" in err
    assert not out.exists()
    _edit(path, {layout.CRITERIA: {"F5": "1 – Partly in place"}})
    assert main(["import", str(path), "-o", str(out)]) == 0
    answers = read_document(out).assessment.responses["s01-notification"].answers
    assert answers["s01-policy"].score == 3


def test_cli_template_blank_and_prefilled(tmp_path, capsys):
    blank = tmp_path / "blank.xlsx"
    assert main(["template", str(blank), "--type", "provider", "--org", "X Trust"]) == 0
    assert openpyxl.load_workbook(blank)[layout.DETAILS]["B4"].value == "X Trust"
    assert main(["template", str(blank), "--type", "provider"]) == 2
    assert "--force" in capsys.readouterr().err
    source = tmp_path / "a.sendassess"
    assert main(["demo", str(source), "--seed", "5", "--type", "provider"]) == 0
    prefilled = tmp_path / "prefilled.xlsx"
    assert main(["template", str(prefilled), "--from", str(source)]) == 0
    out = tmp_path / "back.sendassess"
    assert main(["import", str(prefilled), "-o", str(out)]) == 0
    assert read_document(out).assessment == read_document(source).assessment
