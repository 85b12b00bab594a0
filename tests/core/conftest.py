"""Fixtures for the core tests: a small framework whose numbers make boundaries easy to hit."""

from __future__ import annotations

import textwrap

import pytest

from selfassess.assessment import Organisation, Period, new_assessment
from selfassess.framework import Framework, bundled_framework, parse_framework

SMALL_FRAMEWORK = textwrap.dedent("""\
    id: test-framework
    title: Test standards
    version: "1"
    publisher: Test publisher
    source: Test source
    organisation_types:
      - {id: commissioner, label: Commissioner}
      - {id: provider, label: Provider}
    scale:
      - {score: 0, label: Not in place}
      - {score: 1, label: Partly}
      - {score: 2, label: Largely}
      - {score: 3, label: Fully}
    bands:
      - {id: red, label: Red, letter: R, colour: "#D5281B", text_colour: "#FFFFFF", min_percent: 0}
      - {id: amber, label: Amber, letter: A, colour: "#FFB81C", text_colour: "#212B32",
         min_percent: 50}
      - {id: green, label: Green, letter: G, colour: "#007F3B", text_colour: "#FFFFFF",
         min_percent: 85}
    assurance:
      compliant_band: green
      levels:
        - {id: full, label: Full, min_percent: 100}
        - {id: substantial, label: Substantial, min_percent: 89}
        - {id: partial, label: Partial, min_percent: 77}
        - {id: non_compliant, label: Non-compliant, min_percent: 0}
    standards:
      - id: s1
        number: 1
        title: Both, judgements
        statement: Statement one.
        applies_to: [commissioner, provider]
        criteria:
          - {id: s1-a, text: First judgement, kind: judgement}
          - {id: s1-b, text: Second judgement, kind: judgement, weight: 3}
      - id: s2
        number: 2
        title: Provider only, a ratio measure
        statement: Statement two.
        applies_to: [provider]
        criteria:
          - id: s2-m
            text: Within six weeks
            kind: measure
            measure:
              numerator: On time
              denominator: All
              thresholds:
                - {band: green, limit: 90, percent: 100}
                - {band: amber, limit: 75, percent: 67}
      - id: s3
        number: 3
        title: Commissioner only, yes/no and lower-is-better value
        statement: Statement three.
        applies_to: [commissioner]
        criteria:
          - {id: s3-y, text: Officer in post, kind: yes_no}
          - id: s3-w
            text: Days waited
            kind: measure
            measure:
              numerator: Median days
              unit: days
              direction: lower
              thresholds:
                - {band: green, limit: 10, percent: 100}
                - {band: amber, limit: 20, percent: 60}
      - id: s4
        number: 4
        title: Both, with a criterion for providers only
        statement: Statement four.
        applies_to: [commissioner, provider]
        criteria:
          - {id: s4-all, text: For everyone, kind: yes_no}
          - {id: s4-prov, text: For providers, kind: yes_no, applies_to: [provider]}
    """)


@pytest.fixture
def small_framework() -> Framework:
    return parse_framework(SMALL_FRAMEWORK, "small.yaml")


@pytest.fixture
def commissioner_assessment(small_framework: Framework):
    return new_assessment(
        small_framework,
        Organisation(name="NHS Test ICB", type="commissioner"),
        Period(label="2025/26"),
    )


@pytest.fixture
def provider_assessment(small_framework: Framework):
    return new_assessment(
        small_framework,
        Organisation(name="Test NHS Trust", type="provider"),
        Period(label="2025/26"),
    )


@pytest.fixture(scope="session")
def bundled() -> Framework:
    return bundled_framework()
