"""Comparing an assessment with an earlier one, read back from the workbook and the PDF."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from selfassess.assessment import Action, CriterionAnswer
from selfassess.cli import main
from selfassess.demo import demo_document
from selfassess.document import save_document
from selfassess.errors import SelfAssessError
from selfassess.returns.compare import compare
from selfassess.returns.compare_report import write_comparison_report
from selfassess.returns.compare_workbook import write_comparison_workbook
from selfassess.returns.cycle import start_next_period

NOTIFICATION, KEY_WORKER = "s01-notification", "s03-key-worker"


def _score_all(document, standard_id, score):
    standard = document.framework.standard(standard_id)
    response = document.assessment.responses[standard_id]
    response.override = None
    response.answers = {
        c.id: CriterionAnswer(score=score)
        for c in standard.criteria
        if c.kind == "judgement" and (c.applies_to is None or "provider" in c.applies_to)
    }


@pytest.fixture
def pair(bundled):
    old = demo_document(bundled, seed=9, org_type="provider")
    for response in old.assessment.responses.values():
        response.override = None  # the next period clears overrides: keep ratings as scored
    _score_all(old, NOTIFICATION, 3)  # green then
    _score_all(old, KEY_WORKER, 0)  # red then
    old_open = Action(what="Publish the key worker model", status="in_progress")
    old.assessment.responses[KEY_WORKER].actions.append(old_open)
    new, _ = start_next_period(old)
    _score_all(new, NOTIFICATION, 0)  # red now: newly red
    _score_all(new, KEY_WORKER, 3)  # green now
    for action in new.assessment.responses[KEY_WORKER].actions:
        if action.id == old_open.id:
            action.status = "done"
    new.assessment.responses[NOTIFICATION].actions.append(
        Action(what="Recover notification times", owner="Sam Reid", due=date(2026, 9, 1))
    )
    return old, new, old_open


def test_comparison_per_standard_and_actions(pair):
    old, new, old_open = pair
    comparison = compare(old, new)
    changes = {c.standard.id: c for c in comparison.standards}
    assert changes[NOTIFICATION].before.rating == "green"
    assert changes[NOTIFICATION].after.rating == "red"
    assert changes[NOTIFICATION].movement == "down" and changes[NOTIFICATION].newly_red
    assert changes[KEY_WORKER].movement == "up" and not changes[KEY_WORKER].newly_red
    assert [c.standard.id for c in comparison.newly_red] == [NOTIFICATION]
    assert changes["s10-joint-commissioning"].movement == "none"  # not for providers
    assert old_open.id in [c.action.id for c in comparison.closed]
    closed = next(c for c in comparison.closed if c.action.id == old_open.id)
    assert closed.now_word == "Done"
    assert [c.action.what for c in comparison.opened] == ["Recover notification times"]


def test_different_standards_are_refused(pair, bundled):
    old, new, _ = pair
    other = new.framework.model_copy(update={"id": "other-standards"})
    new.framework = other
    with pytest.raises(SelfAssessError, match="different standards"):
        compare(old, new)


def test_comparison_workbook_read_back(tmp_path, pair):
    old, new, _ = pair
    path = tmp_path / "comparison.xlsx"
    write_comparison_workbook(compare(old, new), path, today=date(2026, 5, 1))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Comparison"]
    header_row = next(r for r in range(1, 30) if sheet.cell(r, 1).value == "No.")
    headers = [c.value for c in sheet[header_row]]
    assert headers[:7] == ["No.", "Standard", "Then (2025/26)", "Then %", "Now (2026/27)",
                           "Now %", "Movement"]  # fmt: skip
    rows = {sheet.cell(r, 1).value: r for r in range(header_row + 1, header_row + 12)}
    first = rows[1]
    then, now = sheet.cell(first, 3), sheet.cell(first, 5)
    assert (then.value, now.value) == ("Green", "Red")
    assert then.fill.fgColor.rgb.endswith("007F3B") and now.fill.fgColor.rgb.endswith("D5281B")
    assert sheet.cell(first, 7).value == "▼ Worse"
    assert sheet.cell(first, 8).value == "Yes"
    assert sheet.cell(rows[3], 7).value == "▲ Better"
    labels = {sheet.cell(r, 2).value: sheet.cell(r, 3).value for r in range(3, header_row)}
    assert labels["Newly red"] == "1"
    actions = workbook["Actions"]
    changes = [(row[0], row[3]) for row in actions.iter_rows(min_row=2, values_only=True)]
    assert ("Opened", "Recover notification times") in changes
    assert ("Closed", "Publish the key worker model") in changes


def test_comparison_report_read_back(tmp_path, pair):
    old, new, _ = pair
    path = tmp_path / "comparison.pdf"
    write_comparison_report(compare(old, new), path, today=date(2026, 5, 1))
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "2025/26 compared with 2026/27" in text
    assert "Newly red: 1. Notifying the local authority of SEN or disability" in text
    assert "▼ Worse" in text and "▲ Better" in text
    assert "Recover notification times" in text and "Publish the key worker model" in text
    assert [item.title for item in reader.outline] == ["Summary", "Standards", "Actions"]
    assert reader.metadata.title.endswith("2025/26 compared with 2026/27")
    assert "OFFICIAL" in text


def test_cli_compare(tmp_path, pair, capsys):
    old, new, _ = pair
    old_path, new_path = tmp_path / "old.sendassess", tmp_path / "new.sendassess"
    save_document(old, old_path)
    save_document(new, new_path)
    xlsx, pdf = tmp_path / "c.xlsx", tmp_path / "c.pdf"
    args = ["compare", str(old_path), str(new_path), "--xlsx", str(xlsx), "--pdf", str(pdf)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Newly red: 1" in out and "Actions: " in out
    assert xlsx.exists() and pdf.exists()
    assert main(args) == 2  # refuses to overwrite without --force
    assert main([*args, "--force"]) == 0
