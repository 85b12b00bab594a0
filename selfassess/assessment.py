"""The assessment being filled in: organisation, period, sign-off, and a response per standard."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from selfassess.framework import Framework

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

STATUSES = ("draft", "submitted", "approved")
ACTION_STATUSES = ("not_started", "in_progress", "done", "cancelled")
EVIDENCE_KINDS = (
    "policy",
    "procedure",
    "audit",
    "data",
    "minutes",
    "report",
    "feedback",
    "training",
    "contract",
    "other",
)


def new_id() -> str:
    return uuid.uuid4().hex


class _Model(BaseModel):
    # Documents come from anyone: unknown fields are refused so a foreign JSON is not mistaken
    # for an assessment, and assignment is validated so the GUI cannot store a wrong type.
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Organisation(_Model):
    name: NonEmpty
    ods_code: str = ""
    type: NonEmpty


class Period(_Model):
    label: NonEmpty
    start: dt.date | None = None
    end: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start and self.end and self.end < self.start:
            raise ValueError("the period ends before it starts")
        return self


# Fields named `date` shadow the type inside a class body, hence `dt.date` throughout.
class SignOff(_Model):
    status: Literal["draft", "submitted", "approved"] = "draft"
    name: str = ""
    role: str = ""
    date: dt.date | None = None
    meeting: str = ""


class CriterionAnswer(_Model):
    """An answer: `score` for a judgement, `met` for yes/no, measure values for a measure."""

    score: int | None = None
    met: bool | None = None
    numerator: Annotated[float, Field(ge=0)] | None = None
    denominator: Annotated[float, Field(ge=0)] | None = None
    value: float | None = None
    data_period: str = ""
    source: str = ""
    note: str = ""
    carried_forward: bool = False  # copied from the previous period and not yet re-answered


class EvidenceItem(_Model):
    id: str = Field(default_factory=new_id)
    title: NonEmpty
    kind: str = "other"
    link: str = ""
    attachment: str = ""  # name of a file carried inside the document, under attachments/
    date: dt.date | None = None
    owner: str = ""
    review_by: dt.date | None = None
    criteria: list[str] = Field(default_factory=list)
    notes: str = ""
    carried_forward: bool = False

    def is_review_due(self, today: dt.date) -> bool:
        """Whether the date by which this evidence should be reviewed has passed."""
        return self.review_by is not None and self.review_by < today


class Action(_Model):
    id: str = Field(default_factory=new_id)
    what: NonEmpty
    outcome: str = ""
    owner: str = ""
    due: dt.date | None = None
    status: Literal["not_started", "in_progress", "done", "cancelled"] = "not_started"
    notes: str = ""
    carried_forward: bool = False

    @property
    def is_open(self) -> bool:
        return self.status in ("not_started", "in_progress")

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and self.due is not None and self.due < today


class Override(_Model):
    band: NonEmpty
    justification: NonEmpty
    by: str = ""
    on: dt.date | None = None


class StandardResponse(_Model):
    answers: dict[str, CriterionAnswer] = Field(default_factory=dict)
    narrative: str = ""
    evidence: list[EvidenceItem] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    override: Override | None = None
    not_applicable_reason: str | None = None
    lead: str = ""
    review_date: dt.date | None = None

    @model_validator(mode="after")
    def _reason_given(self) -> StandardResponse:
        if self.not_applicable_reason is not None and not self.not_applicable_reason.strip():
            raise ValueError("a standard marked not applicable needs a reason")
        return self

    @property
    def not_applicable(self) -> bool:
        return self.not_applicable_reason is not None


class Assessment(_Model):
    id: str = Field(default_factory=new_id)
    framework_id: NonEmpty
    framework_version: NonEmpty
    organisation: Organisation
    period: Period
    assessors: list[str] = Field(default_factory=list)
    signoff: SignOff = Field(default_factory=SignOff)
    responses: dict[str, StandardResponse] = Field(default_factory=dict)
    created: dt.datetime = Field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    carried_from: str = ""

    def response(self, standard_id: str) -> StandardResponse:
        """The response to a standard, created empty on first use."""
        if standard_id not in self.responses:
            self.responses[standard_id] = StandardResponse()
        return self.responses[standard_id]

    @property
    def is_approved(self) -> bool:
        return self.signoff.status == "approved"


def new_assessment(framework: Framework, organisation: Organisation, period: Period) -> Assessment:
    """An empty assessment against `framework`, with an empty response for every standard."""
    framework.organisation_type(organisation.type)  # KeyError for a type the framework lacks
    return Assessment(
        framework_id=framework.id,
        framework_version=framework.version,
        organisation=organisation,
        period=period,
        responses={standard.id: StandardResponse() for standard in framework.standards},
    )


def consistency_problems(assessment: Assessment, framework: Framework) -> list[str]:
    """Ways an assessment does not fit its framework (unknown ids, answers of the wrong kind)."""
    problems: list[str] = []
    org_types = [org.id for org in framework.organisation_types]
    band_ids = [band.id for band in framework.bands]
    scores = [level.score for level in framework.scale]
    if assessment.organisation.type not in org_types:
        problems.append(
            f"organisation type {assessment.organisation.type!r} is not one of {org_types}"
        )
    known = {standard.id: standard for standard in framework.standards}
    for standard_id, response in assessment.responses.items():
        standard = known.get(standard_id)
        if standard is None:
            problems.append(f"response to unknown standard {standard_id!r}")
            continue
        criteria = {criterion.id: criterion for criterion in standard.criteria}
        for criterion_id, answer in response.answers.items():
            criterion = criteria.get(criterion_id)
            if criterion is None:
                problems.append(
                    f"standard {standard.number}: answer to unknown criterion {criterion_id!r}"
                )
            elif (
                criterion.kind == "judgement"
                and answer.score is not None
                and (answer.score not in scores)
            ):
                problems.append(
                    f"standard {standard.number}: score {answer.score} for "
                    f"{criterion_id!r} is not on the scale {scores}"
                )
        if response.override and response.override.band not in band_ids:
            problems.append(
                f"standard {standard.number}: override to unknown band {response.override.band!r}"
            )
    return problems
