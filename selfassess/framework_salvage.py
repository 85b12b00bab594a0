"""Stand-ins for the fields of a definitions file that failed validation.

With each broken field patched by a harmless stand-in, the checks that span fields (duplicate
ids, unknown references, threshold order) can still run on everything else, so a user sees
every problem in one pass instead of fixing the file in rounds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

Loc = Sequence[str | int]

_TEXT_FIELDS = {"label", "title", "text", "statement", "numerator", "denominator", "unit",
                "description", "guidance", "publisher", "source", "version", "letter",
                "references", "suggested_evidence"}  # fmt: skip
_NUMBER_FIELDS = {"min_percent": 0.0, "percent": 0.0, "limit": 0.0, "weight": 1.0}


def _plain(value: Any) -> Any:
    """A copy made of plain dicts and lists (the YAML loader's own types carry line marks)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _organisation_ids(data: dict[str, Any]) -> list[str]:
    types = data.get("organisation_types")
    ids = [t.get("id") for t in types if isinstance(t, dict)] if isinstance(types, list) else []
    return [i for i in ids if isinstance(i, str)]


def _stand_in(loc: Loc, parent: Any, data: dict[str, Any], serial: int) -> Any:
    """A valid value for the field at `loc` that names nothing real; LookupError if none."""
    field = loc[-1]
    name = loc[-2] if isinstance(field, int) else field
    if name == "applies_to":
        organisations = _organisation_ids(data) or ["invalid"]
        if isinstance(field, int):
            return organisations[0]
        return None if "criteria" in loc else organisations  # a criterion may omit it
    original = parent.get(field) if isinstance(parent, dict) else None
    if name == "id":
        # A badly written id ('Green') becomes what it was meant to be ('green'), so the
        # references to it written correctly still match.
        meant = re.sub(r"[^a-z0-9_-]+", "-", original.lower()).strip("-_")[:64] if isinstance(
            original, str) else ""  # fmt: skip
        return meant or f"invalid-{serial}"
    if name in ("number", "score"):
        return 10_000 + serial  # unique, so no false "duplicate" is reported
    if name in _TEXT_FIELDS:
        return "?"
    if name in ("colour", "text_colour"):
        return "#000000"
    if name in _NUMBER_FIELDS:
        if isinstance(original, int | float) and not isinstance(original, bool):
            return min(max(float(original), 0.0), 100.0)  # out of range: the nearest end
        return _NUMBER_FIELDS[str(name)]
    if name == "direction":
        return "higher"
    if name == "kind":
        return "measure" if isinstance(parent, dict) and "measure" in parent else "judgement"
    if name in ("band", "compliant_band"):
        return "invalid"
    raise LookupError(name)


def patch_invalid_fields(
    data: dict[str, Any], errors: Sequence[tuple[Loc, str]]
) -> dict[str, Any] | None:
    """`data` with each failing field (location, pydantic error type) replaced or removed.

    None when a failure is not in a single field (a list of the wrong shape, say): the
    cross-field checks are then skipped rather than run on a guess.
    """
    patched: dict[str, Any] = _plain(data)
    for serial, (loc, kind) in enumerate(errors):
        parent: Any = patched
        try:
            for part in loc[:-1]:
                parent = parent[part]
            if kind == "extra_forbidden":
                del parent[loc[-1]]
            else:
                parent[loc[-1]] = _stand_in(loc, parent, patched, serial)
        except (LookupError, TypeError):
            return None
    return patched


def _within(path: str, container: str) -> bool:
    return path == container or (path.startswith(container) and path[len(container)] in "[.")


def about_stand_in(problem_path: str, patched_path: str) -> bool:
    """Whether a cross-field problem may be about a stand-in rather than the user's text.

    That is a problem at or inside the patched field, or about one item that holds it (a
    threshold list's order); checks of a whole list ('bands must cover 0–100 %') still count.
    """
    if _within(problem_path, patched_path):
        return True
    return "[" in problem_path and _within(patched_path, problem_path)
