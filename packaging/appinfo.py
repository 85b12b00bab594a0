"""The product's identity for the Windows build: names, version and file details, in one place."""

# This folder has no __init__.py on purpose: a package called `packaging` at the repository top
# would shadow the `packaging` library that pip and pytest import. The spec and build.py load
# this file by its path.

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

APP_NAME = "SEND Self-Assessment"
PUBLISHER = "NHS"
DESCRIPTION = "Score NHS commissioners and providers against the SWSCN SEND best practice standards"
# The windowed app (Start menu, double-clicked documents) and the console command for scripts.
GUI_EXE = "SEND Self-Assessment"
CLI_EXE = "selfassess"
# The folder PyInstaller writes under dist/, and the installer copies to the install folder.
BUNDLE_NAME = "SEND Self-Assessment"
DOCUMENT_EXTENSION = ".sendassess"
DOCUMENT_TYPE = "SEND self-assessment"
# Windows ties the file association to this programmatic identifier (Vendor.Application.Version).
PROG_ID = "NHS.SENDSelfAssessment.1"


def version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The package version, read from pyproject.toml (the one place it is set)."""
    with pyproject.open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def windows_version(text: str) -> tuple[int, int, int, int]:
    """The four numbers a Windows file version holds: 1.2.3rc1 -> (1, 2, 3, 0)."""
    match = re.match(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?", text)
    if match is None:
        raise ValueError(f"not a version number: {text!r}")
    major, minor, patch, build = (int(part or 0) for part in match.groups())
    return major, minor, patch, build


def installer_defines(bundle_dir: Path, output_dir: Path) -> dict[str, str]:
    """The /D defines that selfassess.iss expects from the build (it hard-codes none of them)."""
    text = version()
    return {
        "AppName": APP_NAME,
        "AppVersion": text,
        "AppFileVersion": ".".join(str(n) for n in windows_version(text)),
        "AppPublisher": PUBLISHER,
        "AppDescription": DESCRIPTION,
        "GuiExe": f"{GUI_EXE}.exe",
        "DocumentExtension": DOCUMENT_EXTENSION,
        "DocumentType": DOCUMENT_TYPE,
        "ProgId": PROG_ID,
        "BundleDir": str(bundle_dir),
        "OutputDir": str(output_dir),
    }
