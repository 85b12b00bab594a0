"""Importing a compliance workbook exported by the app, reading its sheets by their headings.

The compliance workbook is made for reading, not for filling in, but organisations send it as
their return: its answers, narratives, evidence and actions come back into an assessment.
Columns are found by their heading, so a reader who moved or added columns does no harm.
"""

from __future__ import annotations

from typing import Any

from selfassess.assessment import (
    Action,
    Assessment,
    CriterionAnswer,
    EvidenceItem,
    Override,
    new_id,
)
from selfassess.document import Document
from selfassess.framework import Criterion, Standard
from selfassess.returns.cell_reader import SheetValues, split_refs
from selfassess.returns.import_common import (
    ACTION_STATUS_OF,
    DETAIL_KEYS,
    EVIDENCE_KIND_OF,
    Importer,
    read_details,
    with_attachment_note,
)
from selfassess.returns.layout import YES, criterion_applies

SUMMARY, STANDARDS, EVIDENCE, ACTIONS, DEFINITIONS = (
    "Summary", "Standards", "Evidence", "Action plan", "Definitions")  # fmt: skip
WORKBOOK_SHEETS = (SUMMARY, STANDARDS, EVIDENCE, ACTIONS, DEFINITIONS)

# The Summary sheet's labels (column B, values in C), by the detail each one gives.
DETAIL_LABELS = {
    "organisation_name": "Organisation",
    "ods_code": "ODS code",
    "organisation_type": "Organisation type",
    "period_label": "Period",
    "period_start": "Period start",
    "period_end": "Period end",
    "assessors": "Assessors",
    "status": "Status",
    "signoff_name": "Signed off by",
    "signoff_role": "Role",
    "signoff_date": "Sign-off date",
    "signoff_meeting": "Meeting",
}
OVERRIDE_TO, JUSTIFICATION, OVERRIDE_BY, OVERRIDE_DATE = (
    "Override to", "Override justification", "Override by", "Override date")  # fmt: skip
NOT_APPLICABLE_REASON = "Not applicable reason"
SUMMARY_HEADERS = ("No.", OVERRIDE_TO, JUSTIFICATION, OVERRIDE_BY, OVERRIDE_DATE,
                   NOT_APPLICABLE_REASON, "Lead", "Review date")  # fmt: skip
STANDARDS_HEADERS = ("No.", "Ref", "Criterion", "Answer", "Score", "Numerator", "Denominator",
                     "Measured", "Data period", "Source", "Note", "Carried forward",
                     "Current position")  # fmt: skip
EVIDENCE_HEADERS = ("No.", "Evidence", "Kind", "Criteria", "Link", "Attached file", "Dated",
                    "Owner", "Review by", "Carried forward", "Notes", "ID")  # fmt: skip
ACTION_HEADERS = ("No.", "Action", "Measurable outcome", "Owner", "Due", "Status",
                  "Carried forward", "Notes", "ID")  # fmt: skip
NOT_ANSWERED = "Not answered"


class _Table:
    """A table on a sheet: its heading row and each heading's column."""

    def __init__(self, sheet: SheetValues, header_row: int, columns: dict[str, int]) -> None:
        self.sheet, self.header_row, self.columns = sheet, header_row, columns

    def rows(self) -> range:
        return range(self.header_row + 1, self.sheet.last_row + 1)

    def is_empty(self, row: int) -> bool:
        return self.sheet.row_is_empty(row, list(self.columns.values()))


class WorkbookImport(Importer):
    """Reads one compliance workbook; `run` returns the document or raises with every problem."""

    def run(self) -> Document:
        self._identity()
        details = self._details()
        summary = self._table(SUMMARY, SUMMARY_HEADERS)
        standards = self._table(STANDARDS, STANDARDS_HEADERS)
        evidence = self._table(EVIDENCE, EVIDENCE_HEADERS)
        actions = self._table(ACTIONS, ACTION_HEADERS)
        self.fail_if_problems()
        assert summary and standards and evidence and actions
        where = {key: details[key] for key in DETAIL_KEYS}
        assessment = read_details(
            self.read, self.sheets[SUMMARY], where, self.framework, self.org_type, ";"
        )
        self._summary(summary, assessment)
        self._answers(standards, assessment)
        self._evidence(evidence, assessment)
        self._actions(actions, assessment)
        return self.finish(assessment)

    # --- identity and layout ---------------------------------------------------------------

    def _identity(self) -> None:
        """The Definitions sheet names the framework: it must be the one in use."""
        sheet = self.sheets[DEFINITIONS]
        found = {}
        for row in range(1, sheet.last_row + 1):
            label = self.read.text(sheet, row, 1)
            if label in ("Title", "Version"):
                found[label] = (row, self.read.text(sheet, row, 2))
        framework = self.framework
        for label, expected in (("Title", framework.title), ("Version", framework.version)):
            row, value = found.get(label, (4, ""))
            if value != expected:
                self.read.report(
                    sheet,
                    row,
                    2,
                    f"the workbook was exported with {label.lower()} {value!r} of the standards; "
                    f"this import uses {expected!r}",
                )
        self.fail_if_problems()

    def _details(self) -> dict[str, tuple[int, int]]:
        sheet = self.sheets[SUMMARY]
        rows = {self.read.text(sheet, row, 2): row for row in range(1, min(sheet.last_row, 40) + 1)}
        where = {}
        for key, label in DETAIL_LABELS.items():
            if label in rows:
                where[key] = (rows[label], 3)
            else:
                self.read.report(sheet, 1, 2, f"the label {label!r} is missing from column B")
        if "organisation_type" in where:
            label = self.read.text(sheet, *where["organisation_type"])
            types = {org.label: org.id for org in self.framework.organisation_types}
            self.org_type = types.get(label, "")
            if not self.org_type:
                message = f"{label!r} is not an organisation type of these standards"
                self.read.report(sheet, *where["organisation_type"], message)
        return where

    def _table(self, name: str, headers: tuple[str, ...]) -> _Table | None:
        """Find the table whose first heading is 'No.', and the columns named `headers`."""
        sheet = self.sheets[name]
        for row in range(1, sheet.last_row + 1):
            if self.read.text(sheet, row, 1) == "No.":
                width = len(sheet.rows[row - 1])
                found = {self.read.text(sheet, row, c): c for c in range(1, width + 1)}
                missing = [header for header in headers if header not in found]
                for header in missing:
                    self.read.report(sheet, row, 1, f"the table has no {header!r} column")
                return None if missing else _Table(sheet, row, found)
        self.read.report(sheet, 1, 1, "no table with a 'No.' column was found on this sheet")
        return None

    def _standard(self, table: _Table, row: int) -> Standard | None:
        column = table.columns["No."]
        number = self.read.number(table.sheet, row, column)
        for standard in self.framework.standards:
            if number == standard.number:
                return standard
        if number is not None:
            self.read.report(table.sheet, row, column, f"there is no standard {number:g}")
        elif not table.is_empty(row):
            self.read.report(table.sheet, row, column, "the standard's number is missing")
        return None

    def _refs(self, table: _Table, row: int, column: str, standard: Standard) -> list[str]:
        """Criterion ids for references such as '3.2' (standard 3, its second criterion)."""
        ids = []
        for ref in split_refs(self.read.text(table.sheet, row, table.columns[column])):
            number, _, index = ref.partition(".")
            known = number == str(standard.number) and index.isdigit()
            if known and 1 <= int(index) <= len(standard.criteria):
                ids.append(standard.criteria[int(index) - 1].id)
                continue
            message = f"{ref!r} is not a criterion of standard {standard.number}"
            self.read.report(table.sheet, row, table.columns[column], message)
        return ids

    def _id(self, table: _Table, row: int, seen: set[str]) -> str:
        """The row's ID, or a new one for a row added by hand or copied with another's ID."""
        found = self.read.text(table.sheet, row, table.columns["ID"])
        if not found or found in seen:
            found = new_id()
        seen.add(found)
        return found

    # --- values -----------------------------------------------------------------------------

    def _summary(self, table: _Table, assessment: Assessment) -> None:
        sheet, columns, read = table.sheet, table.columns, self.read
        for row in table.rows():
            standard = self._standard(table, row)
            if standard is None:
                continue
            response = assessment.response(standard.id)
            response.lead = read.text(sheet, row, columns["Lead"])
            response.review_date = read.date(sheet, row, columns["Review date"])
            # A standard that does not apply to the organisation's type shows why; it is not
            # the organisation's own reason.
            if self.org_type in standard.applies_to:
                reason = read.text(sheet, row, columns[NOT_APPLICABLE_REASON])
                response.not_applicable_reason = reason or None
            response.override = self._override(table, row)

    def _override(self, table: _Table, row: int) -> Override | None:
        """The standard's override from its four columns; None if they are empty or wrong."""
        sheet, columns, read = table.sheet, table.columns, self.read
        bands = {band.label: band.id for band in self.framework.bands}
        band = read.choice(sheet, row, columns[OVERRIDE_TO], list(bands))
        justification = read.text(sheet, row, columns[JUSTIFICATION])
        by = read.text(sheet, row, columns[OVERRIDE_BY])
        on = read.date(sheet, row, columns[OVERRIDE_DATE])
        if band is None:
            if sheet.value(row, columns[OVERRIDE_TO]) is None and (justification or by or on):
                read.report(sheet, row, columns[OVERRIDE_TO],
                            f"say which rating the override sets ({', '.join(bands)}), "
                            "or clear its justification, name and date")  # fmt: skip
            return None
        if not justification:
            read.report(sheet, row, columns[JUSTIFICATION], "an override needs its justification")
            return None
        return Override(band=bands[band], justification=justification, by=by, on=on)

    def _answers(self, table: _Table, assessment: Assessment) -> None:
        sheet, columns, read = table.sheet, table.columns, self.read
        for row in table.rows():
            standard = self._standard(table, row)
            if standard is None:
                continue
            ids = self._refs(table, row, "Ref", standard)
            if not ids:
                continue
            criterion = standard.criterion(ids[0])
            if read.text(sheet, row, columns["Criterion"]) != criterion.text:
                read.expect(sheet, row, columns["Criterion"], criterion.text, "criterion")
                continue
            response = assessment.response(standard.id)
            response.narrative = read.text(sheet, row, columns["Current position"])
            applies = self.org_type in standard.applies_to
            if applies and criterion_applies(criterion, self.org_type):
                answer = self._answer(table, row, criterion)
                if answer is not None:
                    response.answers[criterion.id] = answer

    def _answer(self, table: _Table, row: int, criterion: Criterion) -> CriterionAnswer | None:
        sheet, columns, read = table.sheet, table.columns, self.read
        values: dict[str, Any] = {
            "data_period": read.text(sheet, row, columns["Data period"]),
            "source": read.text(sheet, row, columns["Source"]),
            "note": read.text(sheet, row, columns["Note"]),
            "carried_forward": read.text(sheet, row, columns["Carried forward"]) == YES,
        }
        answer_text = read.text(sheet, row, columns["Answer"])
        if answer_text == NOT_ANSWERED:
            return CriterionAnswer.model_validate(values) if any(values.values()) else None
        measure = criterion.measure
        if criterion.kind == "judgement":
            score = read.number(sheet, row, columns["Score"])
            scale = [level.score for level in self.framework.scale]
            if score is None or score not in scale:
                read.report(sheet, row, columns["Score"], f"expected a score from {scale}")
                return None
            values["score"] = int(score)
        elif criterion.kind == "yes_no":
            values["met"] = read.choice(sheet, row, columns["Answer"], [YES, "No"]) == YES
        elif measure is not None and measure.is_ratio:
            values["numerator"] = read.number(sheet, row, columns["Numerator"])
            values["denominator"] = read.number(sheet, row, columns["Denominator"])
        else:
            values["value"] = read.number(sheet, row, columns["Measured"])
        return CriterionAnswer.model_validate(values)

    def _evidence(self, table: _Table, assessment: Assessment) -> None:
        sheet, columns, read = table.sheet, table.columns, self.read
        ids: set[str] = set()
        for row in table.rows():
            standard = self._standard(table, row)
            title = read.text(sheet, row, columns["Evidence"])
            if standard is None:
                continue
            if not title:
                read.report(sheet, row, columns["Evidence"], "the evidence needs a title")
                continue
            kind = read.choice(sheet, row, columns["Kind"], list(EVIDENCE_KIND_OF))
            notes = read.text(sheet, row, columns["Notes"])
            attachment = read.text(sheet, row, columns["Attached file"])
            assessment.response(standard.id).evidence.append(
                EvidenceItem(
                    id=self._id(table, row, ids),
                    title=title,
                    kind=EVIDENCE_KIND_OF.get(kind or "", "other"),
                    link=read.text(sheet, row, columns["Link"]),
                    date=read.date(sheet, row, columns["Dated"]),
                    owner=read.text(sheet, row, columns["Owner"]),
                    review_by=read.date(sheet, row, columns["Review by"]),
                    criteria=self._refs(table, row, "Criteria", standard),
                    notes=with_attachment_note(notes, attachment),
                    carried_forward=read.text(sheet, row, columns["Carried forward"]) == YES,
                )
            )

    def _actions(self, table: _Table, assessment: Assessment) -> None:
        sheet, columns, read = table.sheet, table.columns, self.read
        ids: set[str] = set()
        for row in table.rows():
            standard = self._standard(table, row)
            what = read.text(sheet, row, columns["Action"])
            if standard is None:
                continue
            if not what:
                read.report(sheet, row, columns["Action"], "say what the action is")
                continue
            word = read.choice(sheet, row, columns["Status"], list(ACTION_STATUS_OF))
            action = Action.model_validate(
                {
                    "id": self._id(table, row, ids),
                    "what": what,
                    "outcome": read.text(sheet, row, columns["Measurable outcome"]),
                    "owner": read.text(sheet, row, columns["Owner"]),
                    "due": read.date(sheet, row, columns["Due"]),
                    "status": ACTION_STATUS_OF.get(word or "", "not_started"),
                    "notes": read.text(sheet, row, columns["Notes"]),
                    "carried_forward": read.text(sheet, row, columns["Carried forward"]) == YES,
                }
            )
            assessment.response(standard.id).actions.append(action)
