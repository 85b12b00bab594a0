"""The return workbook: a blank or prefilled template an organisation fills in with Excel.

Fixed cells are locked and the sheets protected; answer cells are open, with drop-down lists
drawn from a hidden list sheet, input hints, and validation that refuses wrong values. A hidden
Meta sheet records the definitions' identity and a fingerprint of the structure, which the
importer checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection

from selfassess import __version__
from selfassess.assessment import Assessment, CriterionAnswer, StandardResponse
from selfassess.exports.sheet_text import cell_text
from selfassess.exports.workbook_layout import HEADER, TITLE, SheetWriter, Styled
from selfassess.exports.workbook_layout import Column as SheetColumn
from selfassess.framework import Criterion, Framework
from selfassess.presentation import ACTION_STATUS_WORDS, SHEET_DATE_FORMAT, SIGNOFF_WORDS
from selfassess.returns import layout
from selfassess.returns import template_cells as cells
from selfassess.returns.instructions import instruction_lines
from selfassess.returns.layout import Column
from selfassess.returns.network_sheets import new_workbook, page_setup

DETAILS_COLUMNS = (
    Column("item", layout.DETAILS_HEADERS[0], 22),
    Column("value", layout.DETAILS_HEADERS[1], 50),
    Column("hint", layout.DETAILS_HEADERS[2], 60),
)


@dataclass
class _Row:
    """A row of a sheet with one row per standard or criterion."""

    fixed: dict[str, Any]
    values: dict[str, Any]
    open_keys: set[str]  # the columns this row has answer cells in
    answer_list: str = ""  # the choice list of its Answer cell, if it has one


def _heading(writer: SheetWriter, help_text: str) -> None:
    writer.put(layout.TITLE_ROW, 1, writer.sheet.title, TITLE)
    writer.put(layout.HELP_ROW, 1, help_text, cells.HELP)


class _TemplateWriter:
    """Builds one return workbook."""

    def __init__(
        self,
        framework: Framework,
        org_type: str,
        assessment: Assessment | None,
        details: dict[str, Any],
        today: date,
    ) -> None:
        self.today = today
        self.framework = framework
        self.org_type = org_type
        self.assessment = assessment
        self.details = details
        self.book = new_workbook(framework)
        self.book.add_styles(cells.template_styles())
        self.workbook = self.book.workbook

    def _table(
        self,
        writer: SheetWriter,
        columns: tuple[Column, ...],
        rows: list[list[Styled]],
        freeze_column: str = "A",
    ) -> None:
        """The header row and `rows` below it, each cell in the style it carries."""
        sheet_columns = [SheetColumn(column.header, column.width) for column in columns]
        writer.table(sheet_columns, rows, top=layout.HEADER_ROW, filtered=False)
        sheet = writer.sheet
        for index, column in enumerate(columns, 1):
            sheet.column_dimensions[get_column_letter(index)].hidden = column.hidden
        sheet.row_dimensions[layout.HEADER_ROW].height = 30
        wide = sum(column.width for column in columns if not column.hidden) > 160
        title_rows = f"{layout.HEADER_ROW}:{layout.HEADER_ROW}"
        freeze = f"{freeze_column}{layout.FIRST_ROW}"
        page_setup(sheet, self._heading_text, self.today, title_rows, freeze, wide)

    @property
    def _heading_text(self) -> str:
        name = self.details.get("organisation_name") or self.details["organisation_type"]
        return f"SEND self-assessment return: {name}"

    def build(self) -> Workbook:
        book = self.book
        self._instructions(book.writer(layout.INSTRUCTIONS))
        self._details(book.writer(layout.DETAILS))
        self._standards(book.writer(layout.STANDARDS))
        self._criteria(book.writer(layout.CRITERIA))
        self._open_table(book.writer(layout.EVIDENCE), layout.EVIDENCE_COLUMNS)
        self._open_table(book.writer(layout.ACTIONS), layout.ACTION_COLUMNS)
        self._lists(book.writer(layout.LISTS))
        self._meta(book.writer(layout.META))
        for sheet in self.workbook.worksheets:
            cells.protect(sheet)
        # Locking the structure also stops the hidden sheets from being shown or renamed.
        self.workbook.security = WorkbookProtection(lockStructure=True)
        self._properties()
        return self.workbook

    def _instructions(self, writer: SheetWriter) -> None:
        sheet = writer.sheet
        styles = {"heading": HEADER, "small": cells.HELP, "text": cells.TEXT}
        [(_, title), *lines] = instruction_lines(
            self.framework, self.org_type, self.details, self.today
        )
        rows = [[Styled(text, styles[kind])] for kind, text in lines]
        writer.table([SheetColumn(title, 110)], rows, filtered=False)
        sheet.row_dimensions[1].height = 24
        sheet.sheet_view.showGridLines = False
        page_setup(sheet, self._heading_text, self.today, "1:1", "A2")

    def _details(self, writer: SheetWriter) -> None:
        sheet = writer.sheet
        _heading(writer, "Your organisation, the period and the sign-off.")
        rows = []
        for row, field in enumerate(layout.DETAILS_FIELDS, layout.FIRST_ROW):
            style = cells.FIXED if field.locked else cells.input_style(field)
            value = self.details.get(field.key)
            rows.append([Styled(field.header, cells.FIXED), Styled(value, style),
                         Styled(field.hint, cells.TEXT)])  # fmt: skip
            if not field.locked:
                cells.validate(sheet, cells.validation(field), f"B{row}")
        self._table(writer, DETAILS_COLUMNS, rows)

    def _fixed_rows(
        self, writer: SheetWriter, columns: tuple[Column, ...], rows: list[_Row], freeze_column: str
    ) -> None:
        """Rows of fixed cells and answer cells, with one validation per column and list."""
        sheet = writer.sheet
        ranges: dict[tuple[str, str], list[int]] = {}
        table = []
        for number, row in enumerate(rows, layout.FIRST_ROW):
            values = []
            for column in columns:
                if column.key in row.open_keys:
                    values.append(Styled(row.values.get(column.key), cells.input_style(column)))
                    list_name = row.answer_list if column.key == "answer" else ""
                    ranges.setdefault((column.key, list_name), []).append(number)
                else:
                    value = row.fixed.get(column.key, row.values.get(column.key))
                    values.append(Styled(value, cells.FIXED))
            table.append(values)
        self._table(writer, columns, table, freeze_column)
        by_key = {column.key: column for column in columns}
        for (key, list_name), rows_with_it in ranges.items():
            letter = get_column_letter(layout.column_index(columns, key))
            spans = cells.row_spans(rows_with_it)
            rule = cells.validation(by_key[key], list_name)
            cells.validate(
                sheet, rule, *(f"{letter}{first}:{letter}{last}" for first, last in spans)
            )

    def _response(self, standard_id: str) -> StandardResponse | None:
        return self.assessment.responses.get(standard_id) if self.assessment else None

    def _standards(self, writer: SheetWriter) -> None:
        columns = layout.STANDARD_COLUMNS
        _heading(writer, "Describe your current position against each standard.")
        open_keys = {column.key for column in columns if not column.locked}
        rows = [
            _Row(layout.standard_fixed(standard), self._standard_values(standard.id), open_keys)
            for standard in layout.standards_for(self.framework, self.org_type)
        ]
        self._fixed_rows(writer, columns, rows, "D")

    def _standard_values(self, standard_id: str) -> dict[str, Any]:
        response = self._response(standard_id)
        if response is None:
            return {}
        values: dict[str, Any] = {
            "narrative": response.narrative,
            "lead": response.lead,
            "review_date": response.review_date,
            "not_applicable_reason": response.not_applicable_reason,
        }
        if response.override is not None:
            override = response.override
            values |= {
                "override_band": self.framework.band(override.band).label,
                "override_justification": override.justification,
                "override_by": override.by,
                "override_on": override.on,
            }
        return values

    def _criteria(self, writer: SheetWriter) -> None:
        columns = layout.CRITERIA_COLUMNS
        _heading(
            writer,
            "Answer each criterion: choose from the list in the Answer column, or enter the "
            "figures a measure asks for.",
        )
        rows = []
        for standard, criterion in layout.criteria_for(self.framework, self.org_type):
            fixed = layout.criterion_fixed(self.framework, standard, criterion)
            response = self._response(standard.id)
            answer = response.answers.get(criterion.id) if response else None
            list_name = layout.answer_list(criterion)
            rows.append(
                _Row(
                    fixed,
                    self._answer_values(criterion, answer),
                    set(layout.answer_keys(criterion)),
                    list_name,
                )
            )
        self._fixed_rows(writer, columns, rows, "A")

    def _answer_values(
        self, criterion: Criterion, answer: CriterionAnswer | None
    ) -> dict[str, Any]:
        if answer is None:
            return {}
        values: dict[str, Any] = {
            "data_period": answer.data_period,
            "source": answer.source,
            "note": answer.note,
            "carried_forward": layout.YES if answer.carried_forward else None,
        }
        if criterion.kind == "judgement" and answer.score is not None:
            level = self.framework.scale_level(answer.score)
            values["answer"] = layout.scale_label(level.score, level.label)
        elif criterion.kind == "yes_no" and answer.met is not None:
            values["answer"] = layout.YES if answer.met else layout.NO
        elif criterion.measure is not None and criterion.measure.is_ratio:
            values["numerator"], values["denominator"] = answer.numerator, answer.denominator
        elif criterion.measure is not None:
            values["numerator"] = answer.value
        return values

    def _open_table(self, writer: SheetWriter, columns: tuple[Column, ...]) -> None:
        """A table users add rows to: its answer columns are unlocked as whole columns."""
        is_evidence = columns is layout.EVIDENCE_COLUMNS
        what = "piece of evidence" if is_evidence else "SMART action"
        sheet = writer.sheet
        _heading(writer, f"One row per {what}. Add as many rows as you need.")
        items = self._evidence_rows() if is_evidence else self._action_rows()
        styles = [cells.FIXED if c.locked else cells.input_style(c) for c in columns]
        rows = [
            [
                Styled(item.get(column.key), style)
                for column, style in zip(columns, styles, strict=True)
            ]
            for item in items
        ]
        self._table(writer, columns, rows, "C")
        for index, column in enumerate(columns, 1):
            if column.locked:
                continue
            letter = get_column_letter(index)
            dimension = sheet.column_dimensions[letter]
            dimension.protection = Protection(locked=False)
            dimension.alignment = Alignment(vertical="top", wrap_text=column.kind == "long")
            if column.kind == "date":
                dimension.number_format = SHEET_DATE_FORMAT
            # The column's unlocked style would open its empty title cells too: lock them.
            for row in (layout.TITLE_ROW, layout.HELP_ROW):
                if sheet.cell(row, index).value is None:
                    sheet.cell(row, index).protection = Protection(locked=True)
            rule = cells.validation(column)
            cells.validate(
                sheet, rule, f"{letter}{layout.FIRST_ROW}:{letter}{cells.SHEET_LAST_ROW}"
            )

    def _responses(self) -> Iterator[tuple[str, StandardResponse]]:
        for standard in layout.standards_for(self.framework, self.org_type):
            response = self._response(standard.id)
            if response is not None:
                yield layout.standard_label(standard), response

    def _evidence_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "standard": label,
                "title": item.title,
                "kind": layout.evidence_kind_label(item.kind),
                "link": item.link,
                "date": item.date,
                "owner": item.owner,
                "review_by": item.review_by,
                "criteria": ", ".join(item.criteria),
                "notes": item.notes,
                "carried_forward": layout.YES if item.carried_forward else None,
                "attachment": item.attachment,
                "id": item.id,
            }
            for label, response in self._responses()
            for item in response.evidence
        ]

    def _action_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "standard": label,
                "what": action.what,
                "outcome": action.outcome,
                "owner": action.owner,
                "due": action.due,
                "status": ACTION_STATUS_WORDS[action.status],
                "notes": action.notes,
                "carried_forward": layout.YES if action.carried_forward else None,
                "id": action.id,
            }
            for label, response in self._responses()
            for action in response.actions
        ]

    def _lists(self, writer: SheetWriter) -> None:
        lists = layout.choice_lists(self.framework, self.org_type)
        for index, (name, values) in enumerate(lists.items(), 1):
            letter = get_column_letter(index)
            for row, value in enumerate([name, *values], 1):
                writer.put(row, index, value, cells.PLAIN_TEXT)
            reference = f"'{layout.LISTS}'!${letter}$2:${letter}${len(values) + 1}"
            range_name = layout.list_range_name(name)
            self.workbook.defined_names[range_name] = DefinedName(range_name, attr_text=reference)
        writer.sheet.sheet_state = "veryHidden"

    def _meta(self, writer: SheetWriter) -> None:
        assessment = self.assessment
        values: dict[str, str] = {
            "format": layout.FORMAT,
            "layout_version": str(layout.LAYOUT_VERSION),
            "framework_id": self.framework.id,
            "framework_version": self.framework.version,
            "organisation_type": self.org_type,
            "fingerprint": layout.fingerprint(self.framework, self.org_type),
            "assessment_id": assessment.id if assessment else "",
            "created": assessment.created.isoformat() if assessment else "",
            "carried_from": assessment.carried_from if assessment else "",
            "app_version": __version__,
        }
        for row, key in enumerate(layout.META_KEYS, 1):
            writer.put(row, 1, key, cells.PLAIN_TEXT)
            writer.put(row, 2, values[key], cells.PLAIN_TEXT)
        writer.sheet.sheet_state = "veryHidden"

    def _properties(self) -> None:
        name = self.details.get("organisation_name") or self.details["organisation_type"]
        properties = self.workbook.properties
        properties.title = cell_text(f"SEND self-assessment return — {name}")
        properties.subject = cell_text(f"{self.framework.title}, version {self.framework.version}")
        properties.creator = f"SEND Self-Assessment {__version__}"
        properties.keywords = "SEND; self-assessment; return"


def _details_values(
    framework: Framework, org_type: str, assessment: Assessment | None, name: str, period: str
) -> dict[str, Any]:
    label = framework.organisation_type(org_type).label
    if assessment is None:
        return {
            "organisation_name": name,
            "organisation_type": label,
            "period_label": period,
            "status": SIGNOFF_WORDS["draft"],
        }
    signoff = assessment.signoff
    return {
        "organisation_name": assessment.organisation.name,
        "ods_code": assessment.organisation.ods_code,
        "organisation_type": label,
        "period_label": assessment.period.label,
        "period_start": assessment.period.start,
        "period_end": assessment.period.end,
        "assessors": "\n".join(assessment.assessors),
        "status": SIGNOFF_WORDS[signoff.status],
        "signoff_name": signoff.name,
        "signoff_role": signoff.role,
        "signoff_date": signoff.date,
        "signoff_meeting": signoff.meeting,
    }


def build_template(
    framework: Framework,
    org_type: str,
    assessment: Assessment | None = None,
    organisation_name: str = "",
    period_label: str = "",
    today: date | None = None,
) -> Workbook:
    """The return workbook: blank (with a name and period if given) or filled from `assessment`."""
    if assessment is not None:
        org_type = assessment.organisation.type
    framework.organisation_type(org_type)  # KeyError for a type the definitions lack
    details = _details_values(framework, org_type, assessment, organisation_name, period_label)
    writer = _TemplateWriter(framework, org_type, assessment, details, today or date.today())
    return writer.build()
