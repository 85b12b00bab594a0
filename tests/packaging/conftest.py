"""Loads the build's helper modules from packaging/ by path (that folder is not a package)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def _load(relative: str) -> ModuleType:
    path = PACKAGING / relative
    spec = importlib.util.spec_from_file_location(f"_packaging_{path.stem}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def appinfo() -> ModuleType:
    return _load("appinfo.py")


@pytest.fixture(scope="session")
def rules() -> ModuleType:
    return _load("bundle_rules.py")


@pytest.fixture(scope="session")
def windowed_log() -> ModuleType:
    return _load("hooks/rthook_windowed_log.py")
