"""Starting the next period: what carries forward, what closes, and what is cleared."""

from __future__ import annotations

from datetime import date

import pytest

from selfassess.assessment import Override, Period, SignOff
from selfassess.cli import main
from selfassess.demo import demo_document
from selfassess.document import read_document, save_document
from selfassess.returns.cycle import next_period_label, start_next_period


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2025/26", "2026/27"),
        ("2099/00", "2100/01"),
        ("2025-2026", "2026-2027"),
        ("Q4 2025", "Q4 2026"),
        ("Annual review", "Annual review (next period)"),
    ],
)
def test_next_period_label(label, expected):
    assert next_period_label(label) == expected


@pytest.fixture
def previous(bundled):
    document = demo_document(bundled, seed=4, org_type="commissioner")
    assessment = document.assessment
    assessment.signoff = SignOff(status="approved", name="A Chair", date=date(2026, 3, 18))
    response = assessment.responses["s01-notification"]
    response.override = Override(band="green", justification="Re-audit shows it is met.")
    name = document.add_attachment("policy.pdf", b"%PDF-1.4 policy")
    response.evidence[0].attachment = name
    document.add_attachment("orphan.pdf", b"not referred to")
    return document


def test_next_period_carries_forward_and_closes(previous):
    old = previous.assessment
    before = old.model_dump()
    new_document, carried = start_next_period(previous)
    new = new_document.assessment
    assert old.model_dump() == before  # the previous period is untouched
    assert new.id != old.id and new.carried_from == old.id
    assert new.period == Period(label="2026/27", start=date(2026, 4, 1), end=date(2027, 3, 31))
    assert new.organisation == old.organisation
    assert new.signoff == SignOff()
    for standard_id, old_response in old.responses.items():
        response = new.responses[standard_id]
        assert response.narrative == old_response.narrative
        assert response.override is None
        assert set(response.answers) == set(old_response.answers)
        assert all(answer.carried_forward for answer in response.answers.values())
        assert [e.id for e in response.evidence] == [e.id for e in old_response.evidence]
        assert all(item.carried_forward for item in response.evidence)
        open_ids = [
            a.id for a in old_response.actions if a.status in ("not_started", "in_progress")
        ]
        assert [a.id for a in response.actions] == open_ids
        assert all(action.carried_forward and action.is_open for action in response.actions)
    old_actions = [a for r in old.responses.values() for a in r.actions]
    assert carried.open_actions == sum(1 for a in old_actions if a.is_open)
    assert carried.closed_actions == sum(1 for a in old_actions if not a.is_open) > 0
    assert carried.overrides_cleared >= 1
    assert carried.answers == sum(len(r.answers) for r in old.responses.values())
    assert set(new_document.attachments) == {"policy.pdf"}


def test_cli_next_period_writes_a_document_that_opens(tmp_path, previous, capsys):
    old_path, new_path = tmp_path / "2025.sendassess", tmp_path / "2026.sendassess"
    save_document(previous, old_path)
    code = main(["next-period", str(old_path), "-o", str(new_path), "--period", "2026-27",
                 "--start", "2026-04-01", "--end", "2027-03-31"])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "carried forward from 2025/26" in out and "sign-off cleared" in out
    reopened = read_document(new_path)
    assert reopened.assessment.period.label == "2026-27"
    assert reopened.assessment.carried_from == previous.assessment.id
    assert main(["next-period", str(old_path), "-o", str(new_path)]) == 2  # no overwrite
    assert "--force" in capsys.readouterr().err
