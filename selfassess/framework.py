"""Standards definitions: the framework model, loading and validating YAML, saving it back."""

from __future__ import annotations

import contextlib
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from selfassess.atomic import write_atomically
from selfassess.errors import DefinitionsError, Problem
from selfassess.framework_salvage import about_stand_in, patch_invalid_fields

_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
_COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
# Plain words for the patterns, so that a problem never shows a regular expression.
_PATTERN_WORDS = {
    _ID_PATTERN: "an id of lower-case letters, digits, '-' and '_' (such as 's01-policy')",
    _COLOUR_PATTERN: "a colour as '#' and six hexadecimal digits (such as '#005EB8')",
}

Identifier = Annotated[str, StringConstraints(pattern=_ID_PATTERN, max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Colour = Annotated[str, StringConstraints(pattern=_COLOUR_PATTERN)]
Percent = Annotated[float, Field(ge=0, le=100)]


class _Strict(BaseModel):
    # Unknown fields are reported, not ignored: a misspelt key would otherwise silently vanish.
    # A version or title typed as a number (`version: 5`) is meant as text.
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class OrganisationType(_Strict):
    id: Identifier
    label: Text
    description: str = ""


class ScaleLevel(_Strict):
    score: Annotated[int, Field(ge=0)]
    label: Text
    description: str = ""


class Band(_Strict):
    id: Identifier
    label: Text
    letter: Annotated[str, StringConstraints(min_length=1, max_length=2)]
    colour: Colour
    text_colour: Colour
    min_percent: Percent
    description: str = ""


class AssuranceLevel(_Strict):
    id: Identifier
    label: Text
    min_percent: Percent
    description: str = ""


class Assurance(_Strict):
    compliant_band: Identifier
    levels: list[AssuranceLevel] = Field(min_length=1)


class Threshold(_Strict):
    band: Identifier
    limit: float
    percent: Percent


class Measure(_Strict):
    numerator: Text
    denominator: str = ""
    unit: Text = "%"
    direction: Literal["higher", "lower"] = "higher"
    thresholds: list[Threshold] = Field(min_length=1)

    @property
    def is_ratio(self) -> bool:
        """A ratio is entered as numerator and denominator and shown as a percentage."""
        return bool(self.denominator)


class Criterion(_Strict):
    id: Identifier
    text: Text
    kind: Literal["judgement", "yes_no", "measure"]
    weight: Annotated[float, Field(gt=0)] = 1.0
    applies_to: list[Identifier] | None = None
    guidance: str = ""
    measure: Measure | None = None


class Standard(_Strict):
    id: Identifier
    number: Annotated[int, Field(ge=1)]
    title: Text
    statement: Text
    applies_to: list[Identifier] = Field(min_length=1)
    references: list[Text] = Field(default_factory=list)
    guidance: str = ""
    suggested_evidence: list[Text] = Field(default_factory=list)
    criteria: list[Criterion] = Field(min_length=1)

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)


class Framework(_Strict):
    id: Identifier
    title: Text
    version: Text
    publisher: Text
    source: Text
    organisation_types: list[OrganisationType] = Field(min_length=1)
    scale: list[ScaleLevel] = Field(min_length=2)
    bands: list[Band] = Field(min_length=1)
    assurance: Assurance
    standards: list[Standard] = Field(min_length=1)

    def standard(self, standard_id: str) -> Standard:
        for standard in self.standards:
            if standard.id == standard_id:
                return standard
        raise KeyError(standard_id)

    def band(self, band_id: str) -> Band:
        for band in self.bands:
            if band.id == band_id:
                return band
        raise KeyError(band_id)

    def organisation_type(self, type_id: str) -> OrganisationType:
        for org_type in self.organisation_types:
            if org_type.id == type_id:
                return org_type
        raise KeyError(type_id)

    @property
    def max_score(self) -> int:
        return max(level.score for level in self.scale)

    def scale_level(self, score: int) -> ScaleLevel:
        for level in self.scale:
            if level.score == score:
                return level
        raise KeyError(score)

    @property
    def bands_low_to_high(self) -> list[Band]:
        return sorted(self.bands, key=lambda band: band.min_percent)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _line_of(root: Any, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the deepest node on `loc` that the YAML parser recorded."""
    node, line = root, None
    for part in loc:
        try:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0] + 1
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line = node.lc.item(part)[0] + 1
            else:
                break
            node = node[part]
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    if line is None and isinstance(root, CommentedMap | CommentedSeq):
        line = root.lc.line + 1
    return line


def path_text(loc: Iterable[str | int]) -> str:
    """A field's location as a problem names it: 'standards[2].criteria[0].id'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _describe(error: Any) -> str:
    kind, loc = error["type"], error["loc"]
    if kind == "missing":
        return f"missing required field '{loc[-1]}'"
    if kind == "extra_forbidden":
        return f"unknown field '{loc[-1]}'"
    got = error.get("input")
    shown = repr(got) if not isinstance(got, dict | list) else type(got).__name__
    context = error.get("ctx") or {}
    if kind == "string_too_short" and context.get("min_length") == 1:
        return "must not be empty"
    expected = error["msg"].removeprefix("Input should be ").removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        expected = _PATTERN_WORDS.get(str(context.get("pattern")), expected)
    return f"expected {expected[0].lower() + expected[1:]}; got {shown}"


def _error_loc(error: Any) -> list[str | int]:
    # Pydantic appends the failing union member's name to the location; drop it.
    return [part for part in error["loc"] if not (isinstance(part, str) and "[" in part)]


def _all_problems(error: ValidationError, file: str, root: dict[str, Any]) -> list[Problem]:
    """The fields that failed validation, and what the cross-field checks find in the rest."""
    errors = error.errors()
    problems = [
        Problem(file, path_text(_error_loc(e)), _describe(e), _line_of(root, _error_loc(e)))
        for e in errors
    ]
    patched = patch_invalid_fields(root, [(_error_loc(e), e["type"]) for e in errors])
    try:
        framework = Framework.model_validate(patched)
    except ValidationError:
        framework = None  # the patch could not stand in for everything: skip the rest
    if framework is not None:
        # A check about a patched field, or the list it is in, would report the stand-in.
        problems += [
            p for p in semantic_problems(framework, file, root)
            if not any(about_stand_in(p.path, q.path) for q in problems)
        ]  # fmt: skip
    return sorted(problems, key=lambda problem: problem.line or 0)


def semantic_problems(framework: Framework, file: str, root: Any = None) -> list[Problem]:
    """Checks that span fields: unique ids, known references, ordered thresholds, full bands."""
    problems: list[Problem] = []

    def add(loc: list[str | int], message: str) -> None:
        problems.append(Problem(file, path_text(loc), message, _line_of(root, loc)))

    def duplicates(values: list[Any], loc: list[str | int], field: str, what: str) -> None:
        for value, count in Counter(values).items():
            if count > 1:
                index = values.index(value, values.index(value) + 1)
                add([*loc, index, field], f"duplicate {what} {value!r}")

    org_ids = [org.id for org in framework.organisation_types]
    band_ids = [band.id for band in framework.bands]
    duplicates(org_ids, ["organisation_types"], "id", "organisation type id")
    duplicates([lvl.score for lvl in framework.scale], ["scale"], "score", "scale score")
    duplicates(band_ids, ["bands"], "id", "band id")
    duplicates([b.min_percent for b in framework.bands], ["bands"], "min_percent", "band minimum")
    duplicates([s.id for s in framework.standards], ["standards"], "id", "standard id")
    duplicates([s.number for s in framework.standards], ["standards"], "number", "standard number")
    levels = framework.assurance.levels
    duplicates([lvl.id for lvl in levels], ["assurance", "levels"], "id", "assurance level id")

    if 0 not in [b.min_percent for b in framework.bands]:
        add(["bands"], "bands must cover 0–100 %: one band needs min_percent 0")
    if 0 not in [lvl.min_percent for lvl in levels]:
        add(["assurance", "levels"], "assurance levels must cover 0–100 %: one needs min_percent 0")
    if framework.assurance.compliant_band not in band_ids:
        add(["assurance", "compliant_band"], f"unknown band; expected one of {band_ids}")

    seen_criterion_ids: set[str] = set()
    for s_index, standard in enumerate(framework.standards):
        s_loc: list[str | int] = ["standards", s_index]
        for o_index, org in enumerate(standard.applies_to):
            if org not in org_ids:
                add(
                    [*s_loc, "applies_to", o_index],
                    f"unknown organisation type {org!r}; expected one of {org_ids}",
                )
        for c_index, criterion in enumerate(standard.criteria):
            c_loc: list[str | int] = [*s_loc, "criteria", c_index]
            if criterion.id in seen_criterion_ids:
                # Point at the repeat itself, so an editor or a line number can find it.
                add(
                    [*c_loc, "id"],
                    f"duplicate criterion id {criterion.id!r} "
                    "(criterion ids are unique across the framework)",
                )
            seen_criterion_ids.add(criterion.id)
            for o_index, org in enumerate(criterion.applies_to or []):
                if org not in standard.applies_to:
                    add(
                        [*c_loc, "applies_to", o_index],
                        f"organisation type {org!r} is not one "
                        f"the standard applies to ({standard.applies_to})",
                    )
            problems.extend(_measure_problems(framework, criterion, c_loc, file, root))
    return problems


def _measure_problems(
    framework: Framework, criterion: Criterion, loc: list[str | int], file: str, root: Any
) -> list[Problem]:
    problems: list[Problem] = []

    def add(sub: list[str | int], message: str) -> None:
        full = [*loc, *sub]
        problems.append(Problem(file, path_text(full), message, _line_of(root, full)))

    if criterion.kind != "measure":
        if criterion.measure is not None:
            add(
                ["measure"],
                f"only a 'measure' criterion has a measure (kind is {criterion.kind!r})",
            )
        return problems
    measure = criterion.measure
    if measure is None:
        add(["measure"], "missing required field 'measure' for a criterion of kind 'measure'")
        return problems
    bands = {band.id: band for band in framework.bands}
    upper = {
        b.id: nxt.min_percent
        for b, nxt in zip(
            framework.bands_low_to_high, framework.bands_low_to_high[1:], strict=False
        )
    }
    for t_index, threshold in enumerate(measure.thresholds):
        band = bands.get(threshold.band)
        if band is None:
            add(
                ["measure", "thresholds", t_index, "band"],
                f"unknown band {threshold.band!r}; expected one of {list(bands)}",
            )
            continue
        top = upper.get(band.id, 100.0)
        inside = band.min_percent <= threshold.percent and (
            threshold.percent < top or (top == 100.0 and threshold.percent == 100.0)
        )
        if not inside:
            add(
                ["measure", "thresholds", t_index, "percent"],
                f"percent {threshold.percent:g} is outside band {band.id!r} "
                f"({band.min_percent:g}–{top:g} %)",
            )
    for t_index in range(1, len(measure.thresholds)):
        before, this = measure.thresholds[t_index - 1], measure.thresholds[t_index]
        ordered = (
            this.limit < before.limit
            if measure.direction == "higher"
            else (this.limit > before.limit)
        )
        if not ordered or this.percent >= before.percent:
            word = "descending" if measure.direction == "higher" else "ascending"
            add(
                ["measure", "thresholds", t_index],
                f"thresholds out of order: list them best first, limits {word} "
                f"(direction {measure.direction!r}) and percents descending",
            )
    return problems


def parse_framework(text: str, file: str = "<definitions>") -> Framework:
    """Validate definitions given as YAML text; raise DefinitionsError listing every problem."""
    # The safe loader runs in C (ruamel.yaml.clib) about ten times faster than the round-trip
    # loader, which matters at start-up; the round-trip loader, which records line numbers,
    # is used only to point at the problems of a file that fails.
    with contextlib.suppress(DefinitionsError, YAMLError):
        return framework_from_data(YAML(typ="safe").load(text), file)
    try:
        root = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or exc.context or "invalid YAML"
        raise DefinitionsError([Problem(file, "", f"YAML syntax error: {reason}", line)]) from None
    except YAMLError as exc:
        raise DefinitionsError([Problem(file, "", f"YAML syntax error: {exc}")]) from None
    return framework_from_data(root, file)


def framework_from_data(data: Any, file: str = "<definitions>") -> Framework:
    """Validate definitions given as plain data (as YAML loads them); raise DefinitionsError."""
    if not isinstance(data, dict):
        raise DefinitionsError(
            [
                Problem(
                    file,
                    "",
                    "expected a mapping of framework fields at the "
                    f"top level; got {type(data).__name__}",
                )
            ]
        )
    try:
        framework = Framework.model_validate(data)
    except ValidationError as exc:
        raise DefinitionsError(_all_problems(exc, file, data)) from None
    problems = semantic_problems(framework, file, data)
    if problems:
        raise DefinitionsError(problems)
    return framework


def load_framework(path: str | Path) -> Framework:
    """Load and validate a definitions file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DefinitionsError([Problem(str(path), "", "file not found")]) from None
    except UnicodeDecodeError:
        raise DefinitionsError(
            [Problem(str(path), "", "not a text file (expected UTF-8 YAML)")]
        ) from None
    except OSError as exc:
        raise DefinitionsError([Problem(str(path), "", f"cannot read: {exc.strerror}")]) from None
    return parse_framework(text, str(path))


def framework_to_yaml(framework: Framework) -> str:
    """YAML text for a framework, with keys in the order the schema declares them."""
    data = framework.model_dump(mode="json", exclude_none=True)
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return buffer.getvalue()


def save_framework(framework: Framework, path: str | Path) -> None:
    """Validate, then write definitions atomically; an invalid framework is never written."""
    text = framework_to_yaml(framework)
    parse_framework(text, str(path))
    write_atomically(Path(path), text.encode("utf-8"))


def bundled_framework() -> Framework:
    """The SWSCN SEND best practice standards shipped with the application."""
    from selfassess.paths import default_framework_path

    return load_framework(default_framework_path())
