"""What both importers read the same way: the organisation, period and sign-off, and row values."""

from __future__ import annotations

from collections.abc import Mapping

from selfassess.assessment import (
    EVIDENCE_KINDS,
    Assessment,
    Organisation,
    Period,
    SignOff,
    consistency_problems,
    new_assessment,
)
from selfassess.document import Document
from selfassess.errors import ReturnError, ReturnProblem
from selfassess.framework import Framework
from selfassess.presentation import ACTION_STATUS_WORDS, SIGNOFF_WORDS
from selfassess.returns.cell_reader import CellReader, SheetValues
from selfassess.returns.layout import evidence_kind_label

Where = tuple[int, int]  # (row, column) of a value


class Importer:
    """What an importer keeps while it reads one workbook: its problems above all."""

    def __init__(self, name: str, framework: Framework, sheets: dict[str, SheetValues]) -> None:
        self.name = name
        self.framework = framework
        self.sheets = sheets
        self.read = CellReader()
        self.org_type = ""

    def fail_if_problems(self) -> None:
        """Stop with every problem found so far: nothing is imported by half."""
        if self.read.problems:
            raise ReturnError(self.name, self.read.problems)

    def finish(self, assessment: Assessment) -> Document:
        """The document, once the whole workbook was read without a problem."""
        self.fail_if_problems()
        if mismatches := consistency_problems(assessment, self.framework):
            raise ReturnError(self.name, [ReturnProblem("", "", m) for m in mismatches])
        return Document(assessment, self.framework)


DETAIL_KEYS = (
    "organisation_name",
    "ods_code",
    "period_label",
    "period_start",
    "period_end",
    "assessors",
    "status",
    "signoff_name",
    "signoff_role",
    "signoff_date",
    "signoff_meeting",
)


def read_details(
    read: CellReader,
    sheet: SheetValues,
    where: Mapping[str, Where],
    framework: Framework,
    org_type: str,
    assessor_separator: str = "\n",
) -> Assessment:
    """A new assessment with the organisation, period, assessors and sign-off read from `where`.

    Problems are reported to `read`; the assessment returned then only stands in for one that
    will not be used.
    """

    def text(key: str) -> str:
        return read.text(sheet, *where[key])

    name, label = text("organisation_name"), text("period_label")
    if not name:
        read.report(sheet, *where["organisation_name"], "the organisation's name is required")
    if not label:
        read.report(sheet, *where["period_label"], "the period (e.g. 2025/26) is required")
    start = read.date(sheet, *where["period_start"])
    end = read.date(sheet, *where["period_end"])
    if start and end and end < start:
        read.report(sheet, *where["period_end"], "the period ends before it starts")
        end = None
    word = read.choice(sheet, *where["status"], list(SIGNOFF_WORDS.values()))
    status = next((key for key, value in SIGNOFF_WORDS.items() if value == word), "draft")
    organisation = Organisation(name=name or "?", ods_code=text("ods_code"), type=org_type)
    assessment = new_assessment(framework, organisation, Period(label=label or "?", start=start,
                                                                 end=end))  # fmt: skip
    assessors = text("assessors").split(assessor_separator)
    assessment.assessors = [person.strip() for person in assessors if person.strip()]
    assessment.signoff = SignOff.model_validate(
        {
            "status": status,
            "name": text("signoff_name"),
            "role": text("signoff_role"),
            "date": read.date(sheet, *where["signoff_date"]),
            "meeting": text("signoff_meeting"),
        }
    )
    return assessment


EVIDENCE_KIND_OF = {evidence_kind_label(kind): kind for kind in EVIDENCE_KINDS}
ACTION_STATUS_OF = {word: key for key, word in ACTION_STATUS_WORDS.items()}


def with_attachment_note(notes: str, attachment: str) -> str:
    """Notes saying which file was attached: the file itself cannot travel in a workbook."""
    if not attachment or attachment in notes:
        return notes
    return (
        f"{notes}\n" if notes else ""
    ) + f"File attached in the organisation's copy: {attachment}"
