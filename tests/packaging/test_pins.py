"""The pinned versions the bundle is built from still satisfy pyproject.toml's dependencies."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import PACKAGING

REFRESH = "refresh packaging/constraints.txt (packaging/README.md, 'Updating the pinned versions')"


def _pins() -> dict[str, str]:
    pins = {}
    for line in (PACKAGING / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def _requirements() -> list[Requirement]:
    with (PACKAGING.parent / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)["project"]
    return [
        Requirement(text)
        for text in project["dependencies"] + project["optional-dependencies"]["build"]
    ]


def test_every_dependency_of_the_bundle_is_pinned() -> None:
    pins = _pins()
    missing = [str(r) for r in _requirements() if canonicalize_name(r.name) not in pins]
    assert not missing, f"not pinned: {missing}; {REFRESH}"


def test_the_pins_satisfy_pyproject() -> None:
    pins = _pins()
    conflicts = [
        f"{r} (pinned {pins[canonicalize_name(r.name)]})"
        for r in _requirements()
        if canonicalize_name(r.name) in pins
        and not r.specifier.contains(pins[canonicalize_name(r.name)], prereleases=True)
    ]
    assert not conflicts, f"pins conflict with pyproject.toml: {conflicts}; {REFRESH}"
