"""Sample assessments: consistent with their definitions, varied, and large on request."""

from __future__ import annotations

import pytest

from selfassess.assessment import consistency_problems
from selfassess.demo import demo_document
from selfassess.scoring import overall_result


@pytest.mark.parametrize("org_type", ["commissioner", "provider"])
def test_demos_fit_their_definitions_and_vary(bundled, org_type):
    levels, names = set(), set()
    for seed in range(1, 9):
        document = demo_document(bundled, seed=seed, org_type=org_type)
        assert consistency_problems(document.assessment, bundled) == []
        overall = overall_result(bundled, document.assessment)
        assert overall.rated_count >= 1
        levels.add(overall.level.id if overall.level else None)
        names.add(document.assessment.organisation.name)
        not_applicable = {r.standard.id for r in overall.standards if r.status == "not_applicable"}
        expected = {s.id for s in bundled.standards if org_type not in s.applies_to}
        assert not_applicable == expected
    assert len(levels) >= 2 and len(names) >= 3


def test_large_demo(bundled):
    assessment = demo_document(bundled, seed=1, large=True).assessment
    evidence = sum(len(r.evidence) for r in assessment.responses.values())
    actions = sum(len(r.actions) for r in assessment.responses.values())
    assert evidence >= 500 and actions >= 200
    assert max(len(r.narrative) for r in assessment.responses.values()) > 2000
