"""The bundled SWSCN definitions: complete, valid, and faithful to the source document."""

from __future__ import annotations

import re
from pathlib import Path

from selfassess.framework import framework_to_yaml, parse_framework

# The published standards document (Appendix 3, Version 5, October 2014) as text.
SOURCE = Path(__file__).parent / "data" / "swscn-send-best-practice-standards-2014.txt"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


def test_eleven_standards_numbered_in_order(bundled):
    assert [s.number for s in bundled.standards] == list(range(1, 12))
    assert bundled.id == "swscn-send-2014"
    assert "October 2014" in bundled.version


def test_every_standard_has_scoreable_criteria_for_each_type_it_applies_to(bundled):
    for standard in bundled.standards:
        assert 2 <= len(standard.criteria) <= 5, standard.id
        assert standard.references and standard.guidance and standard.suggested_evidence
        for org_type in standard.applies_to:
            assert any(
                c.applies_to is None or org_type in c.applies_to for c in standard.criteria
            ), (standard.id, org_type)


def test_measurable_indicators_are_measures_or_yes_no(bundled):
    kinds = {c.id: c.kind for s in bundled.standards for c in s.criteria}
    texts = {c.id: c.text.lower() for s in bundled.standards for c in s.criteria}
    assert any(
        kinds[i] == "measure" and "6 weeks" in t for i, t in texts.items() if i.startswith("s01")
    )
    assert any(
        kinds[i] == "measure" and "20 weeks" in t for i, t in texts.items() if i.startswith("s06")
    )
    assert any(kinds[i] == "yes_no" for i in texts if i.startswith("s11"))


def test_statements_are_verbatim_from_the_source(bundled):
    source = _normalise(SOURCE.read_text(encoding="utf-8"))
    for standard in bundled.standards:
        statement = _normalise(standard.statement)
        assert statement in source, standard.id
    assert "\n\n" in bundled.standard("s09-local-offer").statement  # two paragraphs kept


def test_bundled_file_survives_a_save_round_trip(bundled):
    assert parse_framework(framework_to_yaml(bundled)) == bundled
