"""The PDF report, read back with pypdf: what a board reads, what a viewer shows, what it embeds."""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from selfassess import atomic
from selfassess.assessment import Action, EvidenceItem, Organisation, Period, new_assessment
from selfassess.demo import demo_document
from selfassess.document import Document
from selfassess.errors import ExportError
from selfassess.exports.report import write_report
from selfassess.exports.report_layout import NumberedCanvas
from selfassess.framework import Framework
from selfassess.presentation import format_percent, rating_word
from selfassess.scoring import overall_result

TODAY = date(2026, 3, 25)


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _flat(text: str) -> str:
    """Text with every run of whitespace as one space: table cells wrap titles across lines."""
    return " ".join(text.split())


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page index) for every outline entry, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


@pytest.fixture(scope="module")
def demo(bundled: Framework) -> Document:
    return demo_document(bundled, seed=1)


@pytest.fixture(scope="module")
def demo_pdf(demo: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.pdf"
    write_report(demo, path, today=TODAY)
    return path


@pytest.mark.parametrize("org_type", ["commissioner", "provider"])
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_demo_report_shows_the_position(
    bundled: Framework, tmp_path: Path, seed: int, org_type: str
) -> None:
    document = demo_document(bundled, seed=seed, org_type=org_type)
    path = tmp_path / "report.pdf"
    write_report(document, path, today=TODAY)

    pages = _pages(path)
    text = _flat("\n".join(pages))
    overall = overall_result(bundled, document.assessment)
    assert document.assessment.organisation.name in text
    for result in overall.standards:
        assert result.standard.title in text
        assert rating_word(result) in text
    assert overall.level is not None
    summary = _flat(pages[1])
    assert f"{overall.level.label} assurance" in summary
    assert format_percent(overall.percent) in summary
    assert format_percent(overall.completeness) in summary
    # A cover, a summary, a page or more per standard, the action plan and the appendix.
    assert len(bundled.standards) + 4 <= len(pages) <= 60


def test_every_page_carries_the_marking_and_its_number(demo: Document, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    write_report(demo, path, today=TODAY, marking="OFFICIAL-SENSITIVE")
    pages = _pages(path)
    for number, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL-SENSITIVE") == 2, f"page {number}"
        assert f"Page {number} of {len(pages)}" in text


def test_outline_has_the_sections_and_every_standard_at_its_page(
    demo_pdf: Path, demo: Document
) -> None:
    reader = PdfReader(demo_pdf)
    outline = _outline(reader)
    top = [title for level, title, _ in outline if level == 0]
    assert top == [
        "Cover",
        "Executive summary",
        "Standards",
        "Action plan",
        "Appendix: definitions and rating method",
    ]
    standards = [(title, page) for level, title, page in outline if level == 1]
    assert [title for title, _ in standards] == [
        f"{s.number}. {s.title}" for s in demo.framework.standards
    ]
    for (title, page), standard in zip(standards, demo.framework.standards, strict=True):
        assert standard.title in _flat(reader.pages[page].extract_text()), title
    pages = [page for _, _, page in outline]
    assert pages == sorted(pages) and len(set(pages)) > 10


def test_metadata_names_the_report(demo_pdf: Path, demo: Document) -> None:
    reader = PdfReader(demo_pdf)
    org = demo.assessment.organisation.name
    assert reader.metadata is not None
    assert org in (reader.metadata.title or "")
    assert reader.metadata.author == org
    assert "SEND Best Practice Standards" in (reader.metadata.subject or "")
    assert "OFFICIAL" in str(reader.metadata.get("/Keywords"))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_every_font_is_embedded_and_none_is_base_14(demo_pdf: Path) -> None:
    fonts = {}
    for page in PdfReader(demo_pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:  # a composite font keeps it in its descendant
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object(), f"{name} is not embedded"
        assert "LiberationSans" in name
    assert any("Bold" in name for name in fonts)


def _small_document(framework: Framework) -> Document:
    assessment = new_assessment(
        framework,
        Organisation(name="Smith & Jones <Health> NHS Trust", ods_code="RX1", type="provider"),
        Period(label="2025/26"),
    )
    return Document(assessment, framework)


def test_user_text_with_markup_characters_appears_literally(
    small_framework: Framework, tmp_path: Path
) -> None:
    document = _small_document(small_framework)
    response = document.assessment.response("s1")
    response.narrative = "Ask <b>& answer</b> when x > 3 & y < 2"
    response.evidence.append(EvidenceItem(title="Audit <i>& review</i>", link="a&b<c>.pdf"))
    response.actions.append(Action(what="Fix <b>& ship", owner="A <B> & C", due=date(2026, 1, 5)))
    path = tmp_path / "report.pdf"
    write_report(document, path, today=TODAY)

    text = _flat("\n".join(_pages(path)))
    for literal in (
        "Smith & Jones <Health> NHS Trust",
        "Ask <b>& answer</b> when x > 3 & y < 2",
        "Audit <i>& review</i>",
        "a&b<c>.pdf",
        "Fix <b>& ship",
        "A <B> & C",
    ):
        assert literal in text
    assert "Overdue by 79 days" in text


def test_evidence_past_its_review_date_says_so(small_framework: Framework, tmp_path: Path) -> None:
    document = _small_document(small_framework)
    evidence = document.assessment.response("s1").evidence
    evidence.append(EvidenceItem(title="Old policy", review_by=date(2026, 3, 1)))
    evidence.append(EvidenceItem(title="Current audit", review_by=date(2026, 9, 1)))
    path = tmp_path / "report.pdf"
    write_report(document, path, today=TODAY)
    text = _flat("\n".join(_pages(path)))
    assert "01 Mar 2026 Review due" in text
    assert text.count("Review due") == 1


def test_an_empty_assessment_reports_nothing_rated(
    small_framework: Framework, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"
    write_report(_small_document(small_framework), path, today=TODAY)
    text = _flat("\n".join(_pages(path)))
    assert "has not rated any standard yet" in text
    assert "Not rated" in text and "Not applicable" in text
    assert "No open action was overdue on 25 Mar 2026." in text


def test_long_narrative_and_500_evidence_items_flow_over_many_pages(
    bundled: Framework, tmp_path: Path
) -> None:
    document = demo_document(bundled, seed=2)
    response = document.assessment.response(bundled.standards[0].id)
    words = "The local offer was reviewed with the parent carer forum and updated. " * 8
    response.narrative = "\n\n".join(f"Paragraph {n:03d}. {words}" for n in range(150))
    response.evidence = [
        EvidenceItem(title=f"Evidence item {n:03d}", link=f"\\\\share\\SEND\\item-{n:03d}.pdf")
        for n in range(500)
    ]
    # One action longer than a page: its row must split rather than be clipped or refused.
    outcome = " ".join(f"step{n:03d}" for n in range(900))
    response.actions.append(Action(what="Long action", outcome=outcome))
    path = tmp_path / "report.pdf"
    write_report(document, path, today=TODAY)

    pages = _pages(path)
    text = _flat("\n".join(pages))
    assert len(pages) > 30
    for n in range(150):
        assert f"Paragraph {n:03d}." in text
    for n in range(500):
        assert f"Evidence item {n:03d}" in text
    for n in range(900):  # in the standard's actions and again in the action plan
        assert text.count(f"step{n:03d}") == 2
    # The header row is repeated on every page the evidence table runs over.
    evidence_pages = [p for p in pages if "Evidence item" in p]
    assert len(evidence_pages) > 10
    assert all("Review by" in page for page in evidence_pages)


def test_rows_that_fit_on_a_page_are_not_cut_across_two(bundled: Framework, tmp_path: Path) -> None:
    document = demo_document(bundled, seed=3)
    path = tmp_path / "report.pdf"
    write_report(document, path, today=TODAY)
    pages = [_flat(text) for text in _pages(path)]
    for response in document.assessment.responses.values():
        for action in response.actions:
            # Whole in the standard's section, in the action plan and among the overdue.
            whole = sum(page.count(f"{action.what} Outcome: {action.outcome}") for page in pages)
            assert whole == 2 + action.is_overdue(TODAY), action.what


def test_large_assessment_is_reported(bundled: Framework, tmp_path: Path) -> None:
    document = demo_document(bundled, seed=1, large=True)
    path = tmp_path / "report.pdf"
    write_report(document, path, today=TODAY)
    assert len(PdfReader(path).pages) > 60


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    demo: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"old report")

    def disk_full(self: NumberedCanvas) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(NumberedCanvas, "save", disk_full)
    with pytest.raises(ExportError, match="disk is full"):
        write_report(demo, path, today=TODAY)
    assert path.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]

    path.unlink()
    with pytest.raises(ExportError):
        write_report(demo, path, today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_a_locked_file_gets_a_clear_message(
    demo: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"open in a viewer")

    def locked(source: object, target: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ExportError, match="open in another program"):
        write_report(demo, path, today=TODAY)
    assert path.read_bytes() == b"open in a viewer"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_blank_marking_is_refused(demo: Document, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="protective marking"):
        write_report(demo, tmp_path / "report.pdf", marking="  ")
    assert list(tmp_path.iterdir()) == []
