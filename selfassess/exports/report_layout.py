"""Pages of the PDF report: A4 templates, protective markings, headers, footers and the outline."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from selfassess import __version__
from selfassess.atomic import write_with
from selfassess.errors import ExportError, SelfAssessError
from selfassess.exports.report_styles import (
    FONT,
    FONT_BOLD,
    PAGE_MARGIN,
    RULE,
    SECONDARY,
    TEXT,
    fit_text,
    register_fonts,
)
from selfassess.presentation import format_date

PAGE_WIDTH, PAGE_HEIGHT = A4
FRAME_WIDTH = PAGE_WIDTH - 2 * PAGE_MARGIN
_MARKING_TOP = PAGE_HEIGHT - 11 * mm
_MARKING_BOTTOM = 8 * mm
_HEADER_Y = PAGE_HEIGHT - 17 * mm
_FOOTER_Y = 13 * mm
_BODY_TOP = 25 * mm  # from the top edge: below the marking and the running header
_COVER_TOP = 18 * mm
_BOTTOM = 21 * mm  # from the bottom edge: above the footer and the marking
_NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}


@dataclass(frozen=True)
class PageText:
    """What every page repeats: the marking, who and what the report is about, when made."""

    marking: str
    header_left: str
    header_right: str
    footer_left: str


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that keeps its pages until the end so that each can say 'Page N of M'."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()
        # A bookmark names its page by this counter, which only a real showPage advances;
        # advance it here so that outline entries point at the page they were made on.
        self._doc.pageCounter += 1

    def save(self) -> None:
        total = len(self._held_pages)
        self._doc.pageCounter -= total
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.setFillColor(SECONDARY)
            self.drawRightString(PAGE_WIDTH - PAGE_MARGIN, _FOOTER_Y, f"Page {number} of {total}")
            super().showPage()
        super().save()


def _decorate(text: PageText, header: bool, canvas: Canvas, _doc: BaseDocTemplate) -> None:
    """Draw the marking at top and bottom, and the running header and footer."""
    canvas.saveState()
    canvas.setFont(FONT_BOLD, 9)
    canvas.setFillColor(TEXT)
    canvas.drawCentredString(PAGE_WIDTH / 2, _MARKING_TOP, text.marking)
    canvas.drawCentredString(PAGE_WIDTH / 2, _MARKING_BOTTOM, text.marking)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(SECONDARY)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    if header:
        right_width = canvas.stringWidth(text.header_right, FONT, 8)
        left = fit_text(text.header_left, FONT, 8, FRAME_WIDTH - right_width - 12 * mm)
        canvas.drawString(PAGE_MARGIN, _HEADER_Y, left)
        canvas.drawRightString(PAGE_WIDTH - PAGE_MARGIN, _HEADER_Y, text.header_right)
        canvas.line(PAGE_MARGIN, _HEADER_Y - 2 * mm, PAGE_WIDTH - PAGE_MARGIN, _HEADER_Y - 2 * mm)
    canvas.line(PAGE_MARGIN, _FOOTER_Y + 4 * mm, PAGE_WIDTH - PAGE_MARGIN, _FOOTER_Y + 4 * mm)
    canvas.drawString(PAGE_MARGIN, _FOOTER_Y, text.footer_left)
    canvas.restoreState()


def _cover(text: PageText, canvas: Canvas, doc: BaseDocTemplate) -> None:
    canvas.showOutline()  # open the bookmarks pane: the outline is how readers find a standard
    _decorate(text, False, canvas, doc)


def report_template(handle: BinaryIO, text: PageText, **metadata: Any) -> BaseDocTemplate:
    """An A4 document: a cover page, then body pages with running header and footer."""
    cover_frame = Frame(
        PAGE_MARGIN,
        _BOTTOM,
        FRAME_WIDTH,
        PAGE_HEIGHT - _BOTTOM - _COVER_TOP,
        id="cover",
        **_NO_PADDING,
    )
    body_frame = Frame(
        PAGE_MARGIN,
        _BOTTOM,
        FRAME_WIDTH,
        PAGE_HEIGHT - _BOTTOM - _BODY_TOP,
        id="body",
        **_NO_PADDING,
    )
    return BaseDocTemplate(
        handle,
        pagesize=A4,
        pageTemplates=[
            PageTemplate("cover", [cover_frame], onPage=functools.partial(_cover, text)),
            PageTemplate("body", [body_frame], onPage=functools.partial(_decorate, text, True)),
        ],
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        # The canvas's initial font is Helvetica unless told otherwise, which would put an
        # unembedded base-14 font into the file.
        initialFontName=FONT,
        lang="en-GB",
        displayDocTitle=True,
        **metadata,
    )


class Bookmark(Flowable):  # type: ignore[misc]
    """An invisible mark that adds an entry to the PDF outline, pointing at where it stands."""

    def __init__(self, title: str, key: str, level: int = 0) -> None:
        super().__init__()
        self.title, self.key, self.level = title, key, level
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 14)
        self.canv.addOutlineEntry(self.title, self.key, self.level, closed=False)


@dataclass(frozen=True)
class ReportInfo:
    """What a report says about itself: on every page and in the PDF's metadata."""

    title: str  # the document title; also the running header unless `header` is given
    kind: str  # e.g. 'SEND self-assessment report', at the right of the running header
    author: str
    subject: str
    keywords: tuple[str, ...]
    header: str = ""


def write_pdf(
    path: str | Path,
    make_story: Callable[[], list[Any]],
    info: ReportInfo,
    today: date,
    marking: str,
    cover: bool = True,
) -> None:
    """Lay out the story on A4 pages and write it atomically; ExportError says what failed.

    With `cover`, the first page has no running header. The story is made here, once the
    fonts its styles name are registered.
    """
    path = Path(path)
    marking = marking.strip()
    if not marking:
        raise ExportError("Cannot write the report: give a protective marking, such as OFFICIAL.")
    register_fonts()
    story = make_story() if cover else [NextPageTemplate("body"), *make_story()]
    text = PageText(
        marking=marking,
        header_left=info.header or info.title,
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
            template.build(story, canvasmaker=NumberedCanvas)
        except LayoutError as exc:
            raise ExportError(f"Cannot lay out the report {path.name}: {exc}") from None

    try:
        write_with(path, produce, doing="write")
    except ExportError:
        raise
    except SelfAssessError as exc:
        raise ExportError(str(exc)) from None
