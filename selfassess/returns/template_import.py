"""Importing a filled return template: identity and structure checks, then every answer."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
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
from selfassess.errors import ReturnError, ReturnProblem
from selfassess.framework import Criterion, Framework, Standard
from selfassess.returns import layout
from selfassess.returns.cell_reader import CellReader, SheetValues, split_refs
from selfassess.returns.import_common import (
    ACTION_STATUS_OF,
    DETAIL_KEYS,
    EVIDENCE_KIND_OF,
    Importer,
    read_details,
    with_attachment_note,
)
from selfassess.returns.layout import Column

_REQUIRED_SHEETS = (layout.DETAILS, layout.STANDARDS, layout.CRITERIA, layout.EVIDENCE,
                    layout.ACTIONS)  # fmt: skip


def _col(columns: tuple[Column, ...], key: str) -> int:
    return layout.column_index(columns, key)


@dataclass(frozen=True)
class _Cells:
    """One row of a table sheet, its cells read by column key."""

    read: CellReader
    sheet: SheetValues
    columns: tuple[Column, ...]
    row: int

    def text(self, key: str) -> str:
        return self.read.text(self.sheet, self.row, _col(self.columns, key))

    def date(self, key: str) -> date | None:
        return self.read.date(self.sheet, self.row, _col(self.columns, key))

    def choice(self, key: str, choices: list[str]) -> str | None:
        return self.read.choice(self.sheet, self.row, _col(self.columns, key), choices)

    def report(self, key: str, message: str) -> None:
        self.read.report(self.sheet, self.row, _col(self.columns, key), message)


class TemplateImport(Importer):
    """Reads one filled template; `run` returns the document or raises with every problem."""

    def __init__(self, name: str, framework: Framework, sheets: dict[str, SheetValues]) -> None:
        super().__init__(name, framework, sheets)
        self.lists: dict[str, list[str]] = {}
        self.seen_ids: set[str] = set()

    def run(self) -> Document:
        meta = self._identity()
        self.fail_if_problems()
        self._structure()
        self.fail_if_problems()
        assessment = self._assessment(meta)
        for standard in layout.standards_for(self.framework, self.org_type):
            assessment.response(standard.id)
        self._standards(assessment)
        self._criteria(assessment)
        self._evidence(assessment)
        self._actions(assessment)
        return self.finish(assessment)

    # --- identity and structure -------------------------------------------------------------

    def _identity(self) -> dict[str, str]:
        """The Meta sheet's values, after checking they match the definitions in use."""
        sheet = self.sheets[layout.META]
        meta: dict[str, str] = {}
        rows: dict[str, int] = {}
        for row in range(1, sheet.last_row + 1):
            key = self.read.text(sheet, row, 1)
            if key in layout.META_KEYS:
                meta[key], rows[key] = self.read.text(sheet, row, 2), row
        if meta.get("format") != layout.FORMAT:
            raise ReturnError(
                self.name,
                [ReturnProblem("", "", "this workbook is not a SEND self-assessment return")],
            )
        for sheet_name in _REQUIRED_SHEETS:
            if sheet_name not in self.sheets:
                self.read.problems.append(
                    ReturnProblem(
                        sheet_name, "", "the sheet is missing (it was deleted or renamed)"
                    )
                )

        def at(key: str, message: str) -> None:
            self.read.report(layout.META, rows.get(key, 1), 2, message)

        version = meta.get("layout_version", "")
        if not version.isdigit() or int(version) > layout.LAYOUT_VERSION:
            at(
                "layout_version",
                f"the return was made by a newer SEND Self-Assessment (layout {version!r}); "
                "update the application to import it",
            )
            return meta
        framework = self.framework
        identity = f"{framework.id!r}, version {framework.version!r}"
        if meta.get("framework_id") != framework.id:
            at(
                "framework_id",
                f"the return was made for other standards ({meta.get('framework_id')!r}); "
                f"these definitions are {identity}",
            )
        elif meta.get("framework_version") != framework.version:
            at(
                "framework_version",
                f"the return was made for version {meta.get('framework_version')!r} of the "
                f"standards; this import uses version {framework.version!r}. Send the "
                "organisation a current template, or import with the matching definitions",
            )
        elif meta.get("organisation_type") not in [o.id for o in framework.organisation_types]:
            at("organisation_type", f"unknown organisation type {meta.get('organisation_type')!r}")
        elif meta.get("fingerprint") != layout.fingerprint(framework, meta["organisation_type"]):
            at(
                "fingerprint",
                "the return's structure fingerprint does not match these definitions: it was "
                "made from edited definitions of the same version, or the workbook was altered",
            )
        self.org_type = meta.get("organisation_type", "")
        self.lists = layout.choice_lists(framework, self.org_type) if self.org_type else {}
        return meta

    def _headers(self, sheet: SheetValues, headers: tuple[str, ...]) -> None:
        for column, header in enumerate(headers, 1):
            self.read.expect(sheet, layout.HEADER_ROW, column, header, "column heading")

    def _fixed_rows(
        self, sheet: SheetValues, columns: tuple[Column, ...], fixed_rows: list[dict[str, Any]]
    ) -> None:
        for row, fixed in enumerate(fixed_rows, layout.FIRST_ROW):
            for key, expected in fixed.items():
                self.read.expect(sheet, row, _col(columns, key), expected, "fixed cell")
        extra = layout.FIRST_ROW + len(fixed_rows)
        for row in range(extra, sheet.last_row + 1):
            if not sheet.row_is_empty(row, range(1, len(columns) + 1)):
                self.read.report(sheet, row, 1, "this row was added below the fixed rows")
                break

    def _structure(self) -> None:
        framework, org_type = self.framework, self.org_type
        details = self.sheets[layout.DETAILS]
        self._headers(details, layout.DETAILS_HEADERS)
        for row, field in enumerate(layout.DETAILS_FIELDS, layout.FIRST_ROW):
            self.read.expect(details, row, 1, field.header, "label")
        type_row = layout.FIRST_ROW + [f.key for f in layout.DETAILS_FIELDS].index(
            "organisation_type"
        )
        label = framework.organisation_type(org_type).label
        self.read.expect(details, type_row, 2, label, "organisation type")
        for name, columns in layout.TABLES.items():
            self._headers(self.sheets[name], tuple(column.header for column in columns))
        self._fixed_rows(
            self.sheets[layout.STANDARDS],
            layout.STANDARD_COLUMNS,
            [layout.standard_fixed(s) for s in layout.standards_for(framework, org_type)],
        )
        self._fixed_rows(
            self.sheets[layout.CRITERIA],
            layout.CRITERIA_COLUMNS,
            [
                layout.criterion_fixed(framework, standard, criterion)
                for standard, criterion in layout.criteria_for(framework, org_type)
            ],
        )

    # --- values -----------------------------------------------------------------------------

    def _assessment(self, meta: dict[str, str]) -> Assessment:
        rows = {field.key: row for row, field in enumerate(layout.DETAILS_FIELDS, layout.FIRST_ROW)}
        where = {key: (rows[key], 2) for key in DETAIL_KEYS}
        sheet = self.sheets[layout.DETAILS]
        assessment = read_details(self.read, sheet, where, self.framework, self.org_type)
        assessment.id = meta.get("assessment_id") or assessment.id
        assessment.carried_from = meta.get("carried_from", "")
        with contextlib.suppress(ValueError):  # a blank template has none: made on import
            assessment.created = datetime.fromisoformat(meta.get("created", ""))
        return assessment

    def _standards(self, assessment: Assessment) -> None:
        sheet, columns, read = self.sheets[layout.STANDARDS], layout.STANDARD_COLUMNS, self.read
        bands = {band.label: band.id for band in self.framework.bands}
        standards = layout.standards_for(self.framework, self.org_type)
        for row, standard in enumerate(standards, layout.FIRST_ROW):
            response = assessment.response(standard.id)

            def text(key: str, row: int = row) -> str:
                return read.text(sheet, row, _col(columns, key))

            response.narrative = text("narrative")
            response.lead = text("lead")
            response.review_date = read.date(sheet, row, _col(columns, "review_date"))
            response.not_applicable_reason = text("not_applicable_reason") or None
            band = read.choice(sheet, row, _col(columns, "override_band"), self.lists["Bands"])
            justification = text("override_justification")
            if band and not justification:
                read.report(
                    sheet,
                    row,
                    _col(columns, "override_justification"),
                    "an override needs a justification",
                )
            elif (
                justification
                and not band
                and sheet.value(row, _col(columns, "override_band")) is None
            ):
                read.report(
                    sheet,
                    row,
                    _col(columns, "override_band"),
                    "a justification is given but no override rating: choose the rating, or "
                    "clear the justification",
                )
            elif band:
                response.override = Override(
                    band=bands[band],
                    justification=justification,
                    by=text("override_by"),
                    on=read.date(sheet, row, _col(columns, "override_on")),
                )

    def _criteria(self, assessment: Assessment) -> None:
        sheet = self.sheets[layout.CRITERIA]
        rows = layout.criteria_for(self.framework, self.org_type)
        for row, (standard, criterion) in enumerate(rows, layout.FIRST_ROW):
            answer = self._answer(sheet, row, criterion)
            if answer is not None:
                assessment.response(standard.id).answers[criterion.id] = answer

    def _answer(self, sheet: SheetValues, row: int, criterion: Criterion) -> CriterionAnswer | None:
        read, columns = self.read, layout.CRITERIA_COLUMNS
        open_keys = layout.answer_keys(criterion)
        for key in ("answer", "numerator", "denominator"):
            if key not in open_keys and sheet.value(row, _col(columns, key)) is not None:
                read.report(
                    sheet, row, _col(columns, key), "this criterion takes no answer in this column"
                )
        if all(sheet.value(row, _col(columns, key)) is None for key in open_keys):
            return None
        values: dict[str, Any] = {
            key: read.text(sheet, row, _col(columns, key))
            for key in ("data_period", "source", "note")
        }
        values["carried_forward"] = read.text(sheet, row, _col(columns, "carried_forward")) == (
            layout.YES
        )
        list_name = layout.answer_list(criterion)
        if list_name:
            choice = read.choice(sheet, row, _col(columns, "answer"), self.lists[list_name])
            if criterion.kind == "judgement" and choice is not None:
                values["score"] = int(choice.split(" ", 1)[0])
            elif choice is not None:
                values["met"] = choice == layout.YES
            return CriterionAnswer.model_validate(values)
        first = read.number(sheet, row, _col(columns, "numerator"))
        assert criterion.measure is not None
        if not criterion.measure.is_ratio:
            values["value"] = first
            return CriterionAnswer.model_validate(values)
        second = read.number(sheet, row, _col(columns, "denominator"))
        given = [
            sheet.value(row, _col(columns, k)) is not None for k in ("numerator", "denominator")
        ]
        if any(given) and not all(given):
            missing = "denominator" if given[0] else "numerator"
            read.report(
                sheet,
                row,
                _col(columns, missing),
                "a percentage measure needs both numbers: the count and the total it is out of",
            )
        elif first is not None and second is not None and first > second:
            read.report(
                sheet,
                row,
                _col(columns, "numerator"),
                f"the count ({first:g}) is larger than the total it is out of ({second:g})",
            )
        values["numerator"], values["denominator"] = first, second
        return CriterionAnswer.model_validate(values)

    def _row_standard(
        self, sheet: SheetValues, row: int, columns: tuple[Column, ...]
    ) -> Standard | None:
        column = _col(columns, "standard")
        choice = self.read.choice(sheet, row, column, self.lists["Standards"])
        if choice is None and sheet.value(row, column) is None:
            self.read.report(sheet, row, column, "choose the standard this row belongs to")
        standards = layout.standards_for(self.framework, self.org_type)
        return next((s for s in standards if layout.standard_label(s) == choice), None)

    def _row_id(self, sheet: SheetValues, row: int, columns: tuple[Column, ...]) -> str:
        """The row's ID if it is a fresh one; a copied or missing ID gets a new one."""
        found = self.read.text(sheet, row, _col(columns, "id"))
        if not found or found in self.seen_ids or len(found) > 64:
            found = new_id()
        self.seen_ids.add(found)
        return found

    def _filled_rows(
        self, name: str, columns: tuple[Column, ...]
    ) -> Iterator[tuple[_Cells, Standard | None]]:
        """Each row someone typed in, with the standard it says it belongs to."""
        sheet = self.sheets[name]
        inputs = [index for index, column in enumerate(columns, 1) if not column.locked]
        for row in range(layout.FIRST_ROW, sheet.last_row + 1):
            if not sheet.row_is_empty(row, inputs):
                yield (
                    _Cells(self.read, sheet, columns, row),
                    self._row_standard(sheet, row, columns),
                )

    def _evidence(self, assessment: Assessment) -> None:
        for cells, standard in self._filled_rows(layout.EVIDENCE, layout.EVIDENCE_COLUMNS):
            title = cells.text("title")
            if not title:
                cells.report("title", "the evidence needs a title")
            kind = cells.choice("kind", self.lists["EvidenceKinds"])
            refs = split_refs(cells.text("criteria"))
            known = [criterion.id for criterion in standard.criteria] if standard else refs
            for ref in refs:
                if ref not in known:
                    assert standard is not None
                    cells.report(
                        "criteria",
                        f"{ref!r} is not a criterion of standard {standard.number} "
                        f"(its Refs: {', '.join(known)})",
                    )
            if standard is None or not title:
                continue
            assessment.response(standard.id).evidence.append(
                EvidenceItem(
                    id=self._row_id(cells.sheet, cells.row, cells.columns),
                    title=title,
                    kind=EVIDENCE_KIND_OF.get(kind or "", "other"),
                    link=cells.text("link"),
                    date=cells.date("date"),
                    owner=cells.text("owner"),
                    review_by=cells.date("review_by"),
                    criteria=refs,
                    notes=with_attachment_note(cells.text("notes"), cells.text("attachment")),
                    carried_forward=cells.text("carried_forward") == layout.YES,
                )
            )

    def _actions(self, assessment: Assessment) -> None:
        for cells, standard in self._filled_rows(layout.ACTIONS, layout.ACTION_COLUMNS):
            what = cells.text("what")
            if not what:
                cells.report("what", "say what the action is")
            word = cells.choice("status", self.lists["ActionStatuses"])
            due = cells.date("due")
            if standard is None or not what:
                continue
            action = Action.model_validate(
                {
                    "id": self._row_id(cells.sheet, cells.row, cells.columns),
                    "what": what,
                    "outcome": cells.text("outcome"),
                    "owner": cells.text("owner"),
                    "due": due,
                    "status": ACTION_STATUS_OF.get(word or "", "not_started"),
                    "notes": cells.text("notes"),
                    "carried_forward": cells.text("carried_forward") == layout.YES,
                }
            )
            assessment.response(standard.id).actions.append(action)
