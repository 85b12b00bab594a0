"""A standard's page: override and not-applicable need reasons; evidence and actions."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from selfassess.demo import demo_document
from selfassess.gui.actions import ActionForm
from selfassess.gui.evidence import EvidenceForm
from tests.gui.helpers import choose, navigation_rating, standard_id


def open_standard(window, demo, number):
    window.session.load(demo)
    window.show_standard(standard_id(window, number))
    return window.standard_page


def test_an_override_needs_a_justification(window, qtbot, demo):
    page = open_standard(window, demo, 2)
    sid = page.standard.id
    derived = navigation_rating(window, 2)
    target = "Red" if derived != "red" else "Green"
    choose(qtbot, page.override_band, target)
    page.override_justification.clear()
    qtbot.mouseClick(page.apply_override, Qt.MouseButton.LeftButton)
    assert window.session.response(sid).override is None
    assert page.override_error.isVisibleTo(page)
    assert "justification" in page.override_error.text()
    assert navigation_rating(window, 2) == derived

    qtbot.keyClicks(page.override_justification, "Audit found the pathway is not used")
    page.apply_override.click()
    override = window.session.response(sid).override
    assert override is not None and override.band == target.lower()
    assert override.justification == "Audit found the pathway is not used"
    assert override.on == date.today()
    assert navigation_rating(window, 2) == target.lower()
    assert "(override)" in page.badge.accessibleName()
    assert page.explanation.text().startswith(f"Overridden to {target}")
    assert not page.override_error.isVisibleTo(page)

    choose(qtbot, page.override_band, "No override")
    page.apply_override.click()
    assert window.session.response(sid).override is None
    assert navigation_rating(window, 2) == derived


def test_not_applicable_needs_a_reason(window, qtbot, demo):
    page = open_standard(window, demo, 4)
    sid = page.standard.id
    page.not_applicable.setChecked(True)
    page.apply_na.click()
    assert window.session.response(sid).not_applicable_reason is None
    assert page.na_error.isVisibleTo(page)
    qtbot.keyClicks(page.na_reason, "No such service is commissioned locally")
    page.apply_na.click()
    assert window.session.response(sid).not_applicable_reason.startswith("No such service")
    assert navigation_rating(window, 4) == "not_applicable"
    window.undo_action.trigger()
    assert navigation_rating(window, 4) != "not_applicable"
    assert not page.not_applicable.isChecked()


def fill_form(monkeypatch, form_class, fill):
    def exec_(form):
        fill(form)
        form.accept()
        return form.result()

    monkeypatch.setattr(form_class, "exec", exec_)


def test_add_edit_and_remove_evidence(window, qtbot, demo, monkeypatch):
    page = open_standard(window, demo, 1)
    sid = page.standard.id
    before = len(window.session.response(sid).evidence)

    def refuse_blank(form):
        form.title.setText("Notification audit")
        form.accept()
        assert "link" in form.error.text()  # the form stays open and says what is missing

    fill_form(monkeypatch, EvidenceForm, refuse_blank)
    page.evidence.add()
    assert len(window.session.response(sid).evidence) == before  # no link and no file: refused

    def link(form):
        form.title.setText("Notification audit")
        form.link.setText("https://intranet.example.nhs.uk/audit.pdf")
        form.review_by.set_value(date.today() - timedelta(days=1))

    fill_form(monkeypatch, EvidenceForm, link)
    page.evidence.add()
    items = window.session.response(sid).evidence
    assert len(items) == before + 1 and items[-1].title == "Notification audit"
    row = page.evidence.model.rowCount() - 1
    assert page.evidence.model.index(row, 5).data().endswith("review due")

    fill_form(monkeypatch, EvidenceForm, lambda form: form.owner.setText("Dr A Patel"))
    page.evidence.table.selectRow(row)
    page.evidence.edit_selected()
    assert window.session.response(sid).evidence[-1].owner == "Dr A Patel"
    assert window.session.response(sid).evidence[-1].title == "Notification audit"

    page.evidence.table.selectRow(row)
    page.evidence.remove_selected()
    assert len(window.session.response(sid).evidence) == before


def test_an_attached_file_travels_in_the_document(
    window, qtbot, demo, monkeypatch, tmp_path, fake_dialogs
):
    page = open_standard(window, demo, 1)
    sid = page.standard.id
    attached = tmp_path / "DCO annual report.pdf"
    attached.write_bytes(b"%PDF-1.4 report")
    fake_dialogs.attachment_path = attached
    fill_form(monkeypatch, EvidenceForm, lambda form: None)
    page.evidence.attach()
    item = window.session.response(sid).evidence[-1]
    assert item.title == "DCO annual report" and item.attachment == "DCO annual report.pdf"
    assert window.session.document.attachments[item.attachment] == b"%PDF-1.4 report"

    page.evidence.table.selectRow(page.evidence.model.rowCount() - 1)
    page.evidence.remove_selected()
    assert item.attachment not in window.session.document.attachments
    window.undo_action.trigger()  # undoing the removal brings the file back with the item
    assert window.session.document.attachments[item.attachment] == b"%PDF-1.4 report"


def test_add_a_smart_action_and_see_it_overdue(window, qtbot, demo, monkeypatch):
    page = open_standard(window, demo, 5)
    sid = page.standard.id
    fill_form(monkeypatch, ActionForm, lambda form: None)
    page.actions.add()
    assert page.actions.model.rowCount() == len(window.session.response(sid).actions)
    before = len(window.session.response(sid).actions)

    def action(form):
        form.what.setText("Audit 20 EHC plans for health outcomes")
        form.outcome.setText("90% of plans have SMART health outcomes")
        form.owner.setText("Designated Clinical Officer")
        form.due.set_value(date.today() - timedelta(days=3))

    fill_form(monkeypatch, ActionForm, action)
    page.actions.add()
    actions = window.session.response(sid).actions
    assert len(actions) == before + 1 and actions[-1].outcome.startswith("90%")
    row = page.actions.model.rowCount() - 1
    assert page.actions.model.index(row, 3).data().endswith("overdue")
    window.show_dashboard()
    overdue = window.dashboard.overdue_model
    texts = [overdue.index(r, 1).data() for r in range(overdue.rowCount())]
    assert "Audit 20 EHC plans for health outcomes" in texts


def test_a_standard_that_does_not_apply_says_so(window, framework):
    provider = demo_document(framework, seed=4, org_type="provider")
    page = open_standard(window, provider, 10)  # joint commissioning: commissioners only
    assert page.applies_label.isVisibleTo(page)
    assert "does not apply" in page.applies_label.text()
    assert navigation_rating(window, 10) == "not_applicable"
    assert not page.override_band.isVisibleTo(page)


def test_forms_are_dialogs():
    assert issubclass(EvidenceForm, QDialog) and issubclass(ActionForm, QDialog)
