"""Starting the next period from a previous assessment: what is carried forward and what closes.

Answers, narratives and evidence are carried forward and marked as such, so the team reviews
each one; open actions carry forward with their ids, so a comparison can follow them; completed
and cancelled actions stay closed in the old period; overrides and the sign-off belong to the
old period and are cleared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from selfassess.assessment import Assessment, Period, SignOff, StandardResponse, new_id
from selfassess.document import Document

_YEAR_PAIR = re.compile(r"(?<!\d)(\d{4})([/-])(\d{2}|\d{4})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass(frozen=True)
class CarriedForward:
    """What starting the next period did, for telling the user."""

    answers: int
    evidence: int
    open_actions: int
    closed_actions: int  # completed or cancelled: left in the previous period
    overrides_cleared: int


def next_period_label(label: str) -> str:
    """'2025/26' -> '2026/27', '2025-2026' -> '2026-2027', '2025' -> '2026'."""

    def pair(match: re.Match[str]) -> str:
        first, separator, second = match.groups()
        following = int(second) + 1
        width = len(second)
        return f"{int(first) + 1}{separator}{following % 10**width:0{width}d}"

    if _YEAR_PAIR.search(label):
        return _YEAR_PAIR.sub(pair, label, count=1)
    if _YEAR.search(label):
        return _YEAR.sub(lambda m: str(int(m.group(1)) + 1), label, count=1)
    return f"{label} (next period)"


def _year_later(day: date | None) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def next_period(previous: Period) -> Period:
    """The period after `previous`: the next label and the same dates a year on."""
    return Period(
        label=next_period_label(previous.label),
        start=_year_later(previous.start),
        end=_year_later(previous.end),
    )


def _carry(response: StandardResponse) -> StandardResponse:
    return StandardResponse(
        answers={
            key: answer.model_copy(update={"carried_forward": True})
            for key, answer in response.answers.items()
        },
        narrative=response.narrative,
        evidence=[item.model_copy(update={"carried_forward": True}) for item in response.evidence],
        actions=[
            action.model_copy(update={"carried_forward": True})
            for action in response.actions
            if action.is_open
        ],
        not_applicable_reason=response.not_applicable_reason,
        lead=response.lead,
        review_date=response.review_date,
    )


def start_next_period(
    document: Document, period: Period | None = None
) -> tuple[Document, CarriedForward]:
    """A new assessment for the next period, built from `document`; the old one is unchanged."""
    old = document.assessment
    responses = {key: _carry(response) for key, response in old.responses.items()}
    assessment = Assessment(
        id=new_id(),
        framework_id=old.framework_id,
        framework_version=old.framework_version,
        organisation=old.organisation.model_copy(),
        period=period or next_period(old.period),
        assessors=list(old.assessors),
        signoff=SignOff(),
        responses=responses,
        created=datetime.now().replace(microsecond=0),
        carried_from=old.id,
    )
    used = {item.attachment for r in responses.values() for item in r.evidence if item.attachment}
    attachments = {name: data for name, data in document.attachments.items() if name in used}
    old_actions = [action for r in old.responses.values() for action in r.actions]
    summary = CarriedForward(
        answers=sum(len(r.answers) for r in responses.values()),
        evidence=sum(len(r.evidence) for r in responses.values()),
        open_actions=sum(len(r.actions) for r in responses.values()),
        closed_actions=sum(1 for action in old_actions if not action.is_open),
        overrides_cleared=sum(1 for r in old.responses.values() if r.override is not None),
    )
    return Document(assessment, document.framework, attachments), summary
