"""What the network's PDF reports (comparison, regional) share: page set-up and writing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.platypus import NextPageTemplate
from reportlab.platypus.doctemplate import LayoutError

from selfassess import __version__
from selfassess.atomic import write_with
from selfassess.errors import ExportError, SelfAssessError
from selfassess.exports.report_layout import NumberedCanvas, PageText, report_template
from selfassess.exports.report_styles import register_fonts
from selfassess.presentation import format_date


@dataclass(frozen=True)
class ReportInfo:
    """What a network report says about itself: on every page and in the PDF's metadata."""

    title: str  # the document title, also the running header
    kind: str  # e.g. 'SEND regional summary'
    author: str
    subject: str
    keywords: tuple[str, ...]


def write_pdf(
    path: str | Path,
    make_story: Callable[[], list[Any]],
    info: ReportInfo,
    today: date,
    marking: str,
) -> None:
    """Lay out the story on A4 pages and write it atomically; the first page has no header.

    The story is made here, once the fonts its styles name are registered.
    """
    path = Path(path)
    marking = marking.strip()
    if not marking:
        raise ExportError("Cannot write the report: give a protective marking, such as OFFICIAL.")
    register_fonts()
    story = make_story()
    text = PageText(
        marking=marking,
        header_left=info.title,
        header_right=info.kind,
        footer_left=f"Produced {format_date(today)} · SEND Self-Assessment {__version__}",
    )
    metadata = {
        "title": info.title,
        "author": info.author,
        "subject": info.subject,
        "keywords": ", ".join(part for part in (*info.keywords, marking) if part),
        "creator": f"SEND Self-Assessment {__version__}",
    }

    def produce(handle: BinaryIO) -> None:
        template = report_template(handle, text, **metadata)
        try:
            # The first page is the cover template (no running header); the rest are body.
            template.build([NextPageTemplate("body"), *story], canvasmaker=NumberedCanvas)
        except LayoutError as exc:
            raise ExportError(f"Cannot lay out the report {path.name}: {exc}") from None

    try:
        write_with(path, produce, doing="write")
    except ExportError:
        raise
    except SelfAssessError as exc:
        raise ExportError(str(exc)) from None
