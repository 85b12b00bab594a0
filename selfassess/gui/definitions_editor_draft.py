"""The definitions editor's working copy: plain data edited by field path, and its validation."""

from __future__ import annotations

import copy
import re
from typing import Any

from selfassess.errors import DefinitionsError, Problem
from selfassess.framework import Framework, framework_from_data

FieldPath = tuple[str | int, ...]

# One name per field, shared by the form labels and the problems list so they always agree.
FIELD_LABELS = {
    "id": "Id",
    "title": "Title",
    "version": "Version",
    "publisher": "Publisher",
    "source": "Source",
    "label": "Label",
    "description": "Description",
    "score": "Score",
    "letter": "Letter",
    "colour": "Fill colour",
    "text_colour": "Text colour",
    "min_percent": "Minimum %",
    "compliant_band": "Compliant band",
    "number": "Number",
    "statement": "Statement",
    "applies_to": "Applies to",
    "references": "References",
    "guidance": "Guidance",
    "suggested_evidence": "Suggested evidence",
    "text": "Text",
    "kind": "Kind",
    "weight": "Weight",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "unit": "Unit",
    "direction": "Direction",
    "band": "Band",
    "limit": "Limit",
    "percent": "Percent",
    "measure": "Measure",
    "thresholds": "Thresholds",
    "criteria": "Criteria",
}

IDENTITY_FIELDS = ("id", "title", "version", "publisher", "source")
SECTION_NAMES = {
    "organisation_types": "Organisation types",
    "scale": "Judgement scale",
    "bands": "Rating bands",
    "assurance": "Assurance",
    "levels": "Levels",
    "standards": "Standards",
}
ITEM_NAMES = {
    "organisation_types": "Organisation type",
    "scale": "Scale level",
    "bands": "Band",
    "levels": "Level",
    "thresholds": "Threshold",
    "applies_to": "Applies to",
    "references": "Reference",
    "suggested_evidence": "Suggested evidence",
}

KIND_LABELS = {
    "judgement": "Judgement (scored on the scale)",
    "yes_no": "Yes / no",
    "measure": "Measure (a count or a value)",
}
DIRECTION_LABELS = {"higher": "Higher is better", "lower": "Lower is better"}

_PATH_PART = re.compile(r"\[(\d+)\]|\.?([A-Za-z_][A-Za-z0-9_]*)")


def parse_path(text: str) -> FieldPath:
    """The parts of a problem's field path, e.g. 'bands[1].min_percent' -> ('bands', 1, ...)."""
    return tuple(
        int(index) if index else name for index, name in _PATH_PART.findall(text) if index or name
    )


def number_or_text(text: str, *, integer: bool = False) -> int | float | str:
    """A typed number as a number; anything else stays text so validation can name it."""
    stripped = text.strip()
    try:
        return int(stripped)
    except ValueError:
        pass
    if integer:
        return stripped
    try:
        return float(stripped)
    except ValueError:
        return stripped


def is_hex_colour(text: str) -> bool:
    """Whether `text` is a colour as the definitions write one: '#' and six hex digits."""
    return re.fullmatch(r"#[0-9A-Fa-f]{6}", text) is not None


def show_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def measure_defaults(bands: list[dict[str, Any]]) -> dict[str, Any]:
    """A measure to start from: one threshold for the best band, at its minimum."""
    best = max(bands, key=lambda band: _as_float(band.get("min_percent")), default={})
    return {
        "numerator": "",
        "denominator": "",
        "unit": "%",
        "direction": "higher",
        "thresholds": [
            {"band": best.get("id", ""), "limit": 90, "percent": 100},
        ],
    }


def _as_float(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


class Draft:
    """The framework being edited, as plain data; values stay as typed until they validate."""

    def __init__(self, framework: Framework) -> None:
        self.data: dict[str, Any] = framework.model_dump(mode="json", exclude_none=True)

    def get(self, path: FieldPath) -> Any:
        node: Any = self.data
        for part in path:
            node = node[part]
        return node

    def get_or(self, path: FieldPath, default: Any) -> Any:
        """The value at `path`, or `default` where the data leaves it out."""
        try:
            return self.get(path)
        except (KeyError, IndexError, TypeError):
            return default

    def set(self, path: FieldPath, value: Any) -> None:
        parent = self.get(path[:-1])
        if value is None:
            parent.pop(path[-1], None)
        else:
            parent[path[-1]] = value

    def candidate(self) -> dict[str, Any]:
        """The data to validate and save: a measure kept while its kind was changed is dropped."""
        data = copy.deepcopy(self.data)
        for standard in data.get("standards", []):
            for criterion in standard.get("criteria", []):
                if criterion.get("kind") != "measure":
                    criterion.pop("measure", None)
        return data

    def validate(self) -> tuple[Framework | None, list[Problem]]:
        try:
            return framework_from_data(self.candidate(), "definitions"), []
        except DefinitionsError as error:
            return None, error.problems

    def org_types(self) -> list[tuple[str, str]]:
        return [
            (str(org.get("id", "")), str(org.get("label", "") or org.get("id", "")))
            for org in self.data.get("organisation_types", [])
        ]

    def band_choices(self) -> list[tuple[str, str]]:
        return [
            (str(band.get("id", "")), str(band.get("label", "") or band.get("id", "")))
            for band in self.data.get("bands", [])
        ]

    def criterion_ids(self) -> set[str]:
        return {
            str(criterion.get("id"))
            for standard in self.data.get("standards", [])
            for criterion in standard.get("criteria", [])
        }

    def new_criterion(self, standard_id: str) -> dict[str, Any]:
        """An empty judgement criterion with an id unique across the framework."""
        prefix = standard_id.split("-")[0] or "s"
        taken = self.criterion_ids()
        count = 1
        while f"{prefix}-criterion-{count}" in taken:
            count += 1
        return {"id": f"{prefix}-criterion-{count}", "text": "", "kind": "judgement"}

    def new_standard(self) -> dict[str, Any]:
        """An empty standard numbered after the last, applying to every organisation type."""
        standards = self.data.get("standards", [])
        number = max(
            (s["number"] for s in standards if isinstance(s.get("number"), int)), default=0
        )
        ids = {s.get("id") for s in standards}
        standard_id = f"s{number + 1:02d}-new"
        while standard_id in ids:
            standard_id += "-1"
        return {
            "id": standard_id,
            "number": number + 1,
            "title": "",
            "statement": "",
            "applies_to": [org_id for org_id, _ in self.org_types()],
            "criteria": [self.new_criterion(standard_id)],
        }

    def describe(self, path: FieldPath) -> str:
        """Where a field is, in the words of the editor: 'Standard 3 › Criterion 3.1 › Text'."""
        words = ["Framework"] if path and path[0] in IDENTITY_FIELDS else []
        standard = 0
        index = 0
        while index < len(path):
            part, following = path[index], path[index + 1 : index + 2]
            item = following[0] if following and isinstance(following[0], int) else None
            index += 1 if item is None else 2
            if part == "standards" and item is not None:
                standard = item
                words.append(f"Standard {self._standard_number(item)}")
            elif part == "criteria" and item is not None:
                words.append(f"Criterion {self._standard_number(standard)}.{item + 1}")
            elif item is not None:
                words.append(f"{ITEM_NAMES.get(str(part), _label(part))} {item + 1}")
            elif part != "measure":
                words.append(SECTION_NAMES.get(str(part), _label(part)))
        return " › ".join(words) or "Definitions"

    def _standard_number(self, index: int) -> str:
        try:
            return show_number(self.data["standards"][index].get("number")) or str(index + 1)
        except (IndexError, KeyError):
            return str(index + 1)


def _label(part: str | int) -> str:
    return FIELD_LABELS.get(str(part), str(part).replace("_", " ").capitalize())
