"""Export timings against bare-library baselines doing comparable work in the same run.

Run: python benchmarks/bench_exports.py

For the demo and the large assessment it times write_workbook and write_report (median of
several runs) and, beside each, a baseline: openpyxl writing a workbook of the same shape (the
same sheets, rows, columns and values, with a bold header row and nothing else), and reportlab
writing the same text at the same length (the same paragraphs and table rows, in the same
embedded fonts, as plain Paragraphs and gridded Tables). Targets: within 1.5x of the baseline,
and under 1 s for the demo.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from selfassess.assessment import Action
from selfassess.demo import demo_document
from selfassess.document import Document
from selfassess.exports.report import write_report
from selfassess.exports.report_styles import FONT, FONT_BOLD, register_fonts
from selfassess.exports.workbook import write_workbook
from selfassess.framework import bundled_framework
from selfassess.presentation import format_date, format_percent
from selfassess.scoring import overall_result, overdue_actions

TODAY = date(2026, 3, 25)
RUNS = {"demo": 9, "large": 3}
DEMO_LIMIT = 1.0  # seconds
RATIO_LIMIT = 1.5


def median_seconds(
    ours: Callable[[], None], baseline: Callable[[], None], runs: int
) -> tuple[float, float]:
    """Median times of `ours` and `baseline`, run in turns so that both see the same load."""
    ours(), baseline()  # warm-up: imports, font parsing and caches are not what is measured
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, kept in ((ours, times[0]), (baseline, times[1])):
            start = time.perf_counter()
            action()
            kept.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def workbook_baseline(model: Path, out: Path) -> Callable[[], None]:
    """openpyxl writing the values of `model` into the same sheets, with plain styles."""
    source = load_workbook(model)
    sheets = [
        (sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
        for sheet in source.worksheets
    ]

    def write() -> None:
        book = Workbook()
        book.remove(book.active)
        bold = Font(bold=True)
        for title, rows in sheets:
            sheet = book.create_sheet(title)
            for row_number, row in enumerate(rows, start=1):
                for column, value in enumerate(row, start=1):
                    if value is not None:
                        cell = sheet.cell(row_number, column, value)
                        if row_number == 1:
                            cell.font = bold
        book.save(out)

    return write


def report_baseline(document: Document, out: Path) -> Callable[[], None]:
    """reportlab laying out the report's text plainly, at the same length.

    The same paragraphs, tables, rows, columns, page breaks and embedded fonts as the report,
    with none of its decoration: no colours, rating chips, chart, outline, markings, running
    headers or "Page N of M".
    """
    register_fonts()
    framework, assessment = document.framework, document.assessment
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13.5, spaceAfter=6)
    small = ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=11)
    head = ParagraphStyle("head", fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=8)
    full = A4[0] - 2 * 20 * mm

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    def table(widths: list[float], rows: list[list[str | list[str]]]) -> Table:
        """Rows of cells; a cell is a string (one paragraph) or a list of paragraphs."""
        data = [
            [
                [p(text, small) for text in cell] if isinstance(cell, list) else p(cell, small)
                for cell in row
            ]
            for row in rows
        ]
        widths = [*widths[:-1], full - sum(widths[:-1])]
        style = TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
        return Table(data, colWidths=widths, style=style, repeatRows=1)

    def action_row(action: Action) -> list[str | list[str]]:
        return [[action.what, action.outcome], action.owner, format_date(action.due), action.status]

    def story() -> list[object]:
        overall = overall_result(framework, assessment)
        org = assessment.organisation
        flow: list[object] = [p("Report", head), p(org.name, head), p(framework.title)]
        flow.append(table([130, 0], [["Fact", org.name]] * 11))
        flow += [PageBreak(), p("Executive summary", head), p(org.name * 3)]
        flow.append(table([120] * 4, [[[f"{n}%", "Caption"] for n in range(4)]]))
        flow += [p("Ratings", head), p("Counts"), p("Standards", head), p("Note")]
        rows: list[list[str | list[str]]] = [["No.", "Standard", "Rating", "Score", "Basis"]]
        rows += [
            [str(r.standard.number), r.standard.title, r.rating, format_percent(r.percent), "x"]
            for r in overall.standards
        ]
        flow.append(table([26, 184, 100, 42, 0], rows))
        overdue = overdue_actions(framework, assessment, TODAY)
        flow += [p("Red", head), p("Overdue actions", head)]
        overdue_rows: list[list[str | list[str]]] = [["Std", "Action", "Owner", "Due", "Status"]]
        overdue_rows += [[str(s.number), *action_row(a)] for s, a in overdue]
        flow.append(table([28, 170, 84, 64, 0], overdue_rows))
        plan: list[list[str | list[str]]] = [["Std", "Action", "Owner", "Due", "Status"]]
        for result in overall.standards:
            standard = result.standard
            response = assessment.responses.get(standard.id)
            flow += [PageBreak(), p(str(standard.number)), p(standard.title, head)]
            flow.append(table([110, 150, 110, 0], [["Rating", "Score", "Lead", "Review"]]))
            flow += [p(standard.statement), p("; ".join(standard.references))]
            flow += [p("Rating", head), p(result.rating * 20)]
            criteria: list[list[str | list[str]]] = [["Criterion", "Answer", "Weight", "Score"]]
            criteria += [
                [c.criterion.text, ["answer", "source"], "1", format_percent(c.percent)]
                for c in result.criteria
            ]
            flow.append(table([230, 154, 44, 0], [*criteria, ["Weighted mean", "", "", ""]]))
            if response is None:
                continue
            flow.append(p("Current position", head))
            flow += [p(block) for block in response.narrative.split("\n\n") if block.strip()]
            evidence: list[list[str | list[str]]] = [
                ["Evidence", "Kind", "Dated", "Owner", "Review"]
            ]
            evidence += [
                [[e.title, e.link], e.kind, format_date(e.date), e.owner, format_date(e.review_by)]
                for e in response.evidence
            ]
            flow += [p("Evidence", head), table([210, 56, 64, 88, 0], evidence)]
            actions: list[list[str | list[str]]] = [["Action", "Owner", "Due", "Status"]]
            actions += [action_row(a) for a in response.actions]
            flow += [p("Actions", head), table([198, 84, 64, 0], actions)]
            plan += [[str(standard.number), *action_row(a)] for a in response.actions]
        flow += [
            PageBreak(),
            p("Action plan", head),
            p("Counts"),
            table([28, 170, 84, 64, 0], plan),
        ]
        flow += [PageBreak(), p("Appendix", head), p("Definitions", head)]
        flow.append(table([130, 0], [["Source", framework.source]] * 5))
        flow += [p("Method", head), *[p(framework.source) for _ in range(4)]]
        flow.append(
            table([40, 120, 0], [[str(s.score), s.label, s.description] for s in framework.scale])
        )
        flow.append(
            table([100, 60, 0], [[b.label, "from", b.description] for b in framework.bands])
        )
        thresholds: list[list[str | list[str]]] = [
            [str(s.number), c.text, ["threshold"] * 3]
            for s in framework.standards
            for c in s.criteria
            if c.measure is not None
        ]
        flow.append(table([28, 284, 0], thresholds))
        levels = framework.assurance.levels
        flow.append(table([100, 90, 0], [[lvl.label, "from", lvl.description] for lvl in levels]))
        return flow

    def write() -> None:
        SimpleDocTemplate(
            str(out), pagesize=A4, initialFontName=FONT, leftMargin=20 * mm, rightMargin=20 * mm
        ).build(story())

    return write


def bench(
    label: str, ours: Callable[[], None], baseline: Callable[[], None], runs: int
) -> list[str]:
    """Print our median time beside the baseline's; return the targets missed."""
    ours_time, baseline_time = median_seconds(ours, baseline, runs)
    ratio = ours_time / baseline_time
    print(f"{label:<16}{ours_time:>8.3f}s{baseline_time:>9.3f}s{ratio:>7.2f}x")
    missed = [f"{label} {ratio:.2f}x the baseline"] if ratio > RATIO_LIMIT else []
    if label.startswith("demo") and ours_time > DEMO_LIMIT:
        missed.append(f"{label} {ours_time:.2f} s")
    return missed


def main() -> None:
    framework = bundled_framework()
    missed = []
    print(f"{'case':<16}{'ours':>9}{'baseline':>10}{'ratio':>8}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name, large in (("demo", False), ("large", True)):
            document = demo_document(framework, seed=1, large=large)
            xlsx, pdf = work / f"{name}.xlsx", work / f"{name}.pdf"
            baseline_pdf = work / f"{name}-baseline.pdf"

            def workbook(document: Document = document, xlsx: Path = xlsx) -> None:
                write_workbook(document, xlsx, today=TODAY)

            def report(document: Document = document, pdf: Path = pdf) -> None:
                write_report(document, pdf, today=TODAY)

            workbook()  # the baseline copies the shape of the workbook written here
            baseline_xlsx = workbook_baseline(xlsx, work / "baseline.xlsx")
            missed += bench(f"{name} workbook", workbook, baseline_xlsx, RUNS[name])
            baseline = report_baseline(document, baseline_pdf)
            missed += bench(f"{name} report", report, baseline, RUNS[name])
            print(
                f"{'':<16}report {len(PdfReader(pdf).pages)} pages, "
                f"baseline {len(PdfReader(baseline_pdf).pages)} pages"
            )
    print("targets met" if not missed else "targets missed: " + "; ".join(missed))


if __name__ == "__main__":
    main()
