"""Exporting the workbook and the PDF report from the app, off the GUI thread."""

from __future__ import annotations

import openpyxl
import pypdf


def export(window, qtbot, fake_dialogs, kind, path):
    fake_dialogs.save_path = path
    window.export_actions[kind].trigger()  # File ▸ Export workbook… or Export PDF report…
    qtbot.waitUntil(
        lambda: bool({"open_result", "error"} & set(fake_dialogs.kinds())), timeout=120_000
    )


def test_export_the_workbook(window, qtbot, demo, fake_dialogs, tmp_path):
    window.session.load(demo)
    path = tmp_path / "return.xlsx"
    export(window, qtbot, fake_dialogs, "workbook", path)
    assert fake_dialogs.messages("error") == []
    assert "return.xlsx" in str(path) and path.exists()
    workbook = openpyxl.load_workbook(path, read_only=True)
    text = " ".join(
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    assert demo.assessment.organisation.name in text
    assert demo.framework.standards[0].title in text


def test_export_the_pdf_report(window, qtbot, demo, fake_dialogs, tmp_path):
    window.session.load(demo)
    path = tmp_path / "report.pdf"
    export(window, qtbot, fake_dialogs, "report", path)
    assert fake_dialogs.messages("error") == []
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    assert demo.assessment.organisation.name.split()[1] in text


def test_a_failed_export_says_why_and_leaves_the_work_alone(
    window, qtbot, demo, fake_dialogs, tmp_path
):
    window.session.load(demo)
    export(window, qtbot, fake_dialogs, "report", tmp_path / "missing folder" / "report.pdf")
    message = fake_dialogs.messages("error")[0]
    assert "missing folder" in message or "does not exist" in message
    assert "unchanged" in message
    assert window.session.document is demo and not window.isWindowModified()
