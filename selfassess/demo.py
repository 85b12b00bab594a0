"""Realistic sample assessments: a reproducible, filled-in ICB or trust for demos and tests.

The organisations are fictitious (plausible names, made-up codes), so a demo
report passed around cannot be mistaken for a real organisation's position.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from selfassess.assessment import (
    Action,
    Assessment,
    CriterionAnswer,
    EvidenceItem,
    Organisation,
    Override,
    Period,
    SignOff,
    StandardResponse,
    new_assessment,
)
from selfassess.document import Document
from selfassess.framework import Criterion, Framework, Standard
from selfassess.scoring import standard_result

PLACES = [
    "Tamar Valley",
    "Severn Vale",
    "Wessex Downs",
    "Mendip and Quantock",
    "Exe Estuary",
    "Cotswold Edge",
    "Purbeck and Stour",
    "Kennet and Avon",
    "Bodmin and Fal",
]
TRUST_KINDS = [
    "Community Health NHS Trust",
    "Children's Services NHS Foundation Trust",
    "University Hospitals NHS Foundation Trust",
    "Healthcare NHS Trust",
]
FIRST = [
    "Aisha",
    "Ben",
    "Claire",
    "David",
    "Emma",
    "Farah",
    "Gareth",
    "Helen",
    "Imran",
    "Jo",
    "Karen",
    "Liam",
    "Megan",
    "Nikhil",
    "Olivia",
    "Priya",
    "Rachel",
    "Sam",
    "Tom",
    "Zoe",
]
LAST = [
    "Patel",
    "Hughes",
    "Okafor",
    "Trelawny",
    "Morgan",
    "Singh",
    "Evans",
    "Baker",
    "Nguyen",
    "Davies",
    "Clarke",
    "Penrose",
    "Ahmed",
    "Wilson",
    "Pascoe",
    "Reid",
]
COMMISSIONER_ROLES = [
    "Designated Clinical Officer",
    "Head of Children's Commissioning",
    "Associate Director of Quality",
    "SEND Programme Manager",
    "Designated Medical Officer",
]
PROVIDER_ROLES = [
    "SEND Health Lead",
    "Consultant Community Paediatrician",
    "Head of Children's Therapies",
    "Named Nurse for SEND",
    "Divisional Director for Children and Families",
]
EVIDENCE_KINDS = {
    "polic": "policy",
    "protocol": "procedure",
    "audit": "audit",
    "log": "data",
    "tracker": "data",
    "data": "data",
    "report": "report",
    "minutes": "minutes",
    "survey": "feedback",
    "feedback": "feedback",
    "training": "training",
    "agreement": "contract",
    "specification": "contract",
    "job": "contract",
}

POSITIONS = {
    "green": [
        "Arrangements are embedded and audited: {evidence} shows the standard is met "
        "consistently, and families' feedback through the Parent Carer Forum is positive.",
        "This is well established across the system. Quarterly assurance to the SEND "
        "Partnership Board confirms performance, and {evidence} is reviewed annually.",
    ],
    "amber": [
        "Arrangements are in place but not yet consistent across all services; {evidence} "
        "shows progress since the last assessment, but gaps remain in therapy services and "
        "for young people over 16.",
        "A process is agreed and most teams follow it, although {evidence} identified "
        "variation between localities, which the actions below address.",
    ],
    "red": [
        "Arrangements are not yet in place. The gap was confirmed by {evidence}, and a "
        "recovery plan has been agreed with the local authority.",
        "Performance has fallen below the expected level because of workforce vacancies, "
        "as {evidence} sets out; the actions below are monitored monthly.",
    ],
}
ACTION_VERBS = [
    "Agree and publish",
    "Audit",
    "Train all relevant staff on",
    "Review",
    "Introduce monthly reporting on",
    "Co-produce with the Parent Carer Forum",
]


# Per standard in a large assessment: 11 x 46 = 506 evidence items, 11 x 19 = 209 actions.
LARGE_EVIDENCE = 46
LARGE_ACTIONS = 19


def _reproducible_id(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _demo_code(prefix: str, seed: int) -> str:
    """A three-character code from the seed, so that different demos never share one."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return prefix + digits[seed // 36 % 36] + digits[seed % 36]


def demo_organisation(
    rng: random.Random, org_type: str, name: str | None, seed: int
) -> Organisation:
    place = rng.choice(PLACES)
    if org_type == "commissioner":
        default = f"NHS {place} Integrated Care Board"
        code = _demo_code("Q", seed)
    else:
        default = f"{place} {rng.choice(TRUST_KINDS)}"
        code = _demo_code("R", seed)
    return Organisation(name=name or default, ods_code=code, type=org_type)


def _answer(
    rng: random.Random, framework: Framework, criterion: Criterion, maturity: float
) -> CriterionAnswer:
    """An answer near the standard's maturity (0..1), with the spread real audits show."""
    jitter = min(1.0, max(0.0, rng.gauss(maturity, 0.1)))
    if criterion.kind == "judgement":
        scores = sorted(level.score for level in framework.scale)
        return CriterionAnswer(score=scores[min(len(scores) - 1, int(jitter * len(scores)))])
    if criterion.kind == "yes_no":
        return CriterionAnswer(met=jitter >= 0.5)
    assert criterion.measure is not None
    source = rng.choice(
        [
            "Advice request tracker",
            "Case-note audit",
            "Local authority data",
            "Service activity report",
        ]
    )
    period = rng.choice(["Q2 2025/26", "Q3 2025/26", "April–December 2025"])
    if criterion.measure.is_ratio:
        denominator = rng.randint(24, 240)
        numerator = round(denominator * min(1.0, 0.35 + 0.65 * jitter))
        return CriterionAnswer(
            numerator=numerator, denominator=denominator, data_period=period, source=source
        )
    return CriterionAnswer(value=round(0.2 + 1.2 * jitter, 1), data_period=period, source=source)


def _in_sentence(title: str) -> str:
    """A title as it reads mid-sentence: first letter lowered unless it starts an acronym."""
    return title if title[:2].isupper() else title[:1].lower() + title[1:]


def _evidence_kind(title: str) -> str:
    lowered = title.lower()
    return next((kind for key, kind in EVIDENCE_KINDS.items() if key in lowered), "other")


def _response(
    rng: random.Random,
    framework: Framework,
    standard: Standard,
    org_type: str,
    period_end: date,
    large: bool,
    strength: float,
) -> StandardResponse:
    # Standards vary around the organisation's overall strength, as they do in real returns.
    maturity = min(1.0, max(0.1, rng.gauss(strength, 0.17)))
    answers = {
        c.id: _answer(rng, framework, c, maturity)
        for c in standard.criteria
        if (c.applies_to is None or org_type in c.applies_to) and rng.random() > 0.04
    }
    tone = "green" if maturity >= 0.8 else "amber" if maturity >= 0.45 else "red"
    titles = standard.suggested_evidence or [f"{standard.title} report"]
    if large:
        chosen = [titles[index % len(titles)] for index in range(LARGE_EVIDENCE)]
    else:
        chosen = rng.sample(titles, k=rng.randint(1, min(len(titles), 4)))
    evidence = []
    for title in chosen:
        dated = period_end - timedelta(days=rng.randint(30, 500))
        evidence.append(
            EvidenceItem(
                id=_reproducible_id(rng),
                title=title[0].upper() + title[1:],
                kind=_evidence_kind(title),
                link=rf"\\nhs-share\SEND\Evidence\S{standard.number:02d}\{title[:40].strip()}.pdf",
                date=dated,
                owner=_person(rng),
                review_by=dated + timedelta(days=365),
                criteria=[rng.choice(standard.criteria).id],
            )
        )
    narrative = rng.choice(POSITIONS[tone]).format(
        evidence=f"the {_in_sentence(evidence[0].title)}"
    )
    if large:
        narrative = "\n\n".join([narrative] * 12)
    actions = []
    count = LARGE_ACTIONS if large else rng.randint(0, 1) if tone == "green" else rng.randint(1, 3)
    for _ in range(count):
        due = period_end + timedelta(days=rng.randint(-120, 420))
        status = rng.choice(["not_started", "in_progress", "in_progress", "done"])
        subject = _in_sentence(rng.choice(titles))
        actions.append(
            Action(
                id=_reproducible_id(rng),
                what=f"{rng.choice(ACTION_VERBS)} the {subject}",
                outcome=f"Standard {standard.number} evidenced as met in the next quarterly audit "
                f"(target: {rng.choice([80, 90, 95])} % compliance)",
                owner=_person(rng),
                due=due,
                status=status,
            )
        )
    response = StandardResponse(
        answers=answers,
        narrative=narrative,
        evidence=evidence,
        actions=actions,
        lead=_person(rng),
        review_date=period_end + timedelta(days=rng.choice([90, 180])),
    )
    derived = standard_result(framework, standard, response, org_type).derived_band
    # Now and then a quality lead knows better than an out-of-date audit: an amber raised.
    if derived is not None and derived.id == "amber" and rng.random() < 0.25:
        response.override = Override(
            band="green",
            by=_person(rng),
            on=period_end - timedelta(days=10),
            justification="The audit sample pre-dates the new pathway; the February re-audit "
            "(not yet scored) shows the standard met in every locality.",
        )
    return response


def demo_document(
    framework: Framework,
    seed: int = 1,
    org_type: str = "commissioner",
    org_name: str | None = None,
    large: bool = False,
) -> Document:
    """A filled-in assessment; the same seed always gives the same assessment.

    `large` multiplies evidence, actions and narrative length, for benchmarks and stress tests.
    """
    rng = random.Random(seed)
    organisation = demo_organisation(rng, org_type, org_name, seed)
    period = Period(label="2025/26", start=date(2025, 4, 1), end=date(2026, 3, 31))
    assessment: Assessment = new_assessment(framework, organisation, period)
    roles = COMMISSIONER_ROLES if org_type == "commissioner" else PROVIDER_ROLES
    assessment.assessors = [f"{_person(rng)}, {role}" for role in rng.sample(roles, k=2)]
    assessment.created = assessment.created.replace(2026, 1, 12, 9, 30, 0)
    assessment.id = f"demo-{org_type}-{seed}"
    # Consecutive seeds step through weak to strong organisations, so any few differ.
    strength = (0.55, 0.75, 0.9, 1.05)[seed % 4] + rng.uniform(-0.05, 0.05)
    for standard in framework.standards:
        if org_type in standard.applies_to:
            assessment.responses[standard.id] = _response(
                rng, framework, standard, org_type, period.end or date(2026, 3, 31), large, strength
            )
    if rng.random() < 0.5:
        assessment.signoff = SignOff(
            status="submitted",
            name=_person(rng),
            role=rng.choice(roles),
            date=date(2026, 3, 18),
            meeting="SEND Partnership Board, 18 March 2026",
        )
    return Document(assessment, framework)
