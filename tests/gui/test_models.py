"""The item models pass qtmodeltester and say what needs attention in words."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from selfassess.assessment import Action, EvidenceItem
from selfassess.gui.models import RESULT_ROLE, ActionsModel, EvidenceModel, StandardsModel
from selfassess.gui.session import Session

TODAY = date(2026, 3, 1)


def test_standards_model_passes_the_model_tester(qtmodeltester, demo):
    session = Session()
    session.load(demo)
    model = StandardsModel(session)
    qtmodeltester.check(model)
    assert model.rowCount() == 11
    first = model.index(0)
    assert first.data().startswith("1. ")
    assert first.data(RESULT_ROLE).standard.number == 1
    # Colour is never alone: the accessible text names the rating in words.
    spoken = first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Standard 1:") and any(
        word in spoken for word in ("Red", "Amber", "Green", "Not rated", "Not applicable")
    )


def test_standards_model_is_empty_without_a_document(qtmodeltester):
    model = StandardsModel(Session())
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_evidence_model_flags_a_passed_review_date(qtmodeltester):
    model = EvidenceModel(lambda: TODAY)
    model.set_rows(
        [
            EvidenceItem(title="Policy", link="x", review_by=date(2026, 2, 1)),
            EvidenceItem(title="Audit", attachment="audit.pdf", review_by=date(2026, 9, 1)),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, 5).data() == "01 Feb 2026 — review due"
    assert model.index(0, 5).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 5).data() == "01 Sep 2026"
    assert model.index(1, 2).data() == "Attached: audit.pdf"


def test_actions_model_shows_overdue_actions(qtmodeltester, framework):
    standard = framework.standards[0]
    late = Action(what="Audit", due=date(2026, 2, 1))
    done = Action(what="Train", due=date(2026, 2, 1), status="done")
    model = ActionsModel(lambda: TODAY)
    model.set_rows([(standard, late), (standard, done)])
    qtmodeltester.check(model)
    assert model.index(0, 3).data() == "01 Feb 2026 — overdue"
    assert model.index(1, 3).data() == "01 Feb 2026"  # a finished action is never overdue
    assert model.index(1, 4).data() == "Done"
    with_standard = ActionsModel(lambda: TODAY, show_standard=True)
    with_standard.set_rows([(standard, late)])
    qtmodeltester.check(with_standard)
    assert with_standard.index(0, 0).data().startswith("1. ")
    assert with_standard.headerData(0, Qt.Orientation.Horizontal) == "Standard"
