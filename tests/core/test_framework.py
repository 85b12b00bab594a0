"""Loading, validating and saving definitions files."""

from __future__ import annotations

import pytest

from selfassess.errors import DefinitionsError
from selfassess.framework import load_framework, parse_framework, save_framework

from .conftest import SMALL_FRAMEWORK


def problems_of(text: str) -> list[str]:
    with pytest.raises(DefinitionsError) as caught:
        parse_framework(text, "bad.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_yaml_syntax_error_names_file_and_line():
    problems = problems_of("id: x\ntitle: [unclosed\nversion: 1\n")
    assert len(problems) == 1
    assert problems[0].startswith("bad.yaml:")
    assert "YAML syntax error" in problems[0]
    assert problems[0].split(":")[1].isdigit()


def test_not_a_mapping():
    assert "expected a mapping" in problems_of("- just\n- a list\n")[0]


def test_missing_unknown_and_wrong_type_are_all_reported_with_lines():
    text = (
        SMALL_FRAMEWORK.replace("publisher: Test publisher\n", "")
        .replace('version: "1"\n', 'version: "1"\nedition: 2\n')
        .replace("number: 2\n", "number: two\n")
    )
    problems = problems_of(text)
    assert any("missing required field 'publisher'" in p for p in problems)
    assert any(p.startswith("bad.yaml:4: edition: unknown field 'edition'") for p in problems)
    wrong = [p for p in problems if "standards[1].number" in p]
    assert wrong and "integer" in wrong[0] and "'two'" in wrong[0]
    assert wrong[0].startswith(f"bad.yaml:{SMALL_FRAMEWORK.splitlines().index('  - id: s2') + 2}:")


def test_ids_colours_and_empty_text_are_explained_in_plain_words():
    text = (
        SMALL_FRAMEWORK.replace("id: s2\n", "id: Standard Two\n")
        .replace('colour: "#FFB81C"', 'colour: "#FB1"')
        .replace("title: Both, judgements", 'title: " "')
    )
    problems = problems_of(text)
    assert any("standards[1].id: expected an id of lower-case letters" in p for p in problems)
    assert any("bands[1].colour: expected a colour as '#' and six" in p for p in problems)
    assert any("standards[0].title: must not be empty" in p for p in problems)
    assert not any("pattern" in p for p in problems)


def test_duplicate_ids_are_reported():
    text = SMALL_FRAMEWORK.replace("id: s2\n", "id: s1\n").replace("id: s3-y", "id: s1-a")
    problems = problems_of(text)
    assert any("standards[1].id: duplicate standard id 's1'" in p for p in problems)
    assert any("standards[2].criteria[0].id: duplicate criterion id 's1-a'" in p for p in problems)


def test_thresholds_out_of_order():
    text = SMALL_FRAMEWORK.replace("limit: 75, percent: 67", "limit: 95, percent: 67")
    problems = problems_of(text)
    assert any(
        "standards[1].criteria[0].measure.thresholds[1]" in p and "out of order" in p
        for p in problems
    )


def test_threshold_percent_outside_its_band():
    problems = problems_of(
        SMALL_FRAMEWORK.replace("limit: 75, percent: 67", "limit: 75, percent: 20")
    )
    assert any("percent 20 is outside band 'amber'" in p for p in problems)


def test_unknown_organisation_type():
    problems = problems_of(
        SMALL_FRAMEWORK.replace("applies_to: [provider]\n", "applies_to: [school]\n")
    )
    assert any(
        "standards[1].applies_to[0]: unknown organisation type 'school'" in p for p in problems
    )


def test_bands_must_cover_zero_to_hundred():
    problems = problems_of(
        SMALL_FRAMEWORK.replace('"#FFFFFF", min_percent: 0}', '"#FFFFFF", min_percent: 10}')
    )
    assert any("bands must cover 0–100 %" in p for p in problems)


def test_band_percent_above_hundred_and_bad_colour():
    problems = problems_of(
        SMALL_FRAMEWORK.replace("min_percent: 85", "min_percent: 120").replace(
            'colour: "#007F3B"', 'colour: "green"'
        )
    )
    assert any("bands[2].min_percent" in p for p in problems)
    assert any("bands[2].colour" in p for p in problems)


def test_measure_criterion_needs_a_measure():
    problems = problems_of(SMALL_FRAMEWORK.replace("kind: yes_no}", "kind: measure}", 1))
    assert any("missing required field 'measure'" in p for p in problems)


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(DefinitionsError, match="file not found"):
        load_framework(tmp_path / "absent.yaml")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(DefinitionsError, match="not a text file"):
        load_framework(binary)


def test_save_keeps_key_order_and_round_trips(tmp_path, small_framework):
    target = tmp_path / "saved.yaml"
    small_framework.standards[0].title = "Renamed"
    save_framework(small_framework, target)
    reloaded = load_framework(target)
    assert reloaded == small_framework
    top_keys = [
        line.split(":")[0]
        for line in target.read_text().splitlines()
        if line and not line.startswith((" ", "-", "#"))
    ]
    assert top_keys == [
        "id",
        "title",
        "version",
        "publisher",
        "source",
        "organisation_types",
        "scale",
        "bands",
        "assurance",
        "standards",
    ]


def test_save_refuses_invalid_definitions_and_keeps_the_old_file(tmp_path, small_framework):
    target = tmp_path / "saved.yaml"
    save_framework(small_framework, target)
    before = target.read_bytes()
    small_framework.standards[1].id = "s1"  # a duplicate id
    with pytest.raises(DefinitionsError, match="duplicate standard id"):
        save_framework(small_framework, target)
    assert target.read_bytes() == before
    assert list(tmp_path.iterdir()) == [target]


def test_a_version_typed_as_a_number_is_text():
    framework = parse_framework(SMALL_FRAMEWORK.replace('version: "1"', "version: 5"), "x.yaml")
    assert framework.version == "5"


def test_field_errors_and_cross_field_errors_are_reported_together():
    text = (
        SMALL_FRAMEWORK.replace("title: Test standards", "title: ''")  # a field error
        .replace('colour: "#007F3B"', 'colour: "green"')  # another, in the green band
        .replace("id: s2\n", "id: s1\n")  # a duplicate standard id
        .replace("applies_to: [provider]\n", "applies_to: [school]\n")  # an unknown type
        .replace("limit: 75, percent: 67", "limit: 95, percent: 67")  # thresholds out of order
    )
    problems = problems_of(text)
    assert any("title: must not be empty" in p for p in problems)
    assert any("bands[2].colour" in p for p in problems)
    assert any("duplicate standard id 's1'" in p for p in problems)
    assert any("unknown organisation type 'school'" in p for p in problems)
    assert any("out of order" in p for p in problems)
    # The green band is still known by its id, so nothing that names it is reported.
    assert not any("unknown band" in p for p in problems)


def test_a_stand_in_for_a_broken_field_is_never_reported_as_a_problem():
    # A threshold's band written badly is one problem, not also an "unknown band".
    problems = problems_of(
        SMALL_FRAMEWORK.replace("{band: amber, limit: 75", "{band: Amber!, limit: 75")
    )
    assert len(problems) == 1 and "thresholds[1].band" in problems[0]


def test_a_list_of_the_wrong_shape_still_reports_its_own_problem():
    text = (
        SMALL_FRAMEWORK.split("      - {id: s4-all")[0]
        .replace("title: Both, with a criterion for providers only\n", "title: ''\n")
        .removesuffix("criteria:\n")
        + "criteria: []\n"
    )
    problems = problems_of(text)
    assert any("standards[3].title: must not be empty" in p for p in problems)
    assert any("standards[3].criteria" in p for p in problems)
