"""Build the standalone folder (and on Windows the installer) with one command.

    python packaging/build.py              # dist/SEND Self-Assessment/
    python packaging/build.py --installer  # also dist/SEND-Self-Assessment-<version>-setup.exe

It makes (or reuses) a clean virtual environment in build/venv, installs the project with its
`build` extra pinned by packaging/constraints.txt, runs PyInstaller on packaging/selfassess.spec,
and, with --installer, compiles packaging/selfassess.iss with Inno Setup's ISCC, passing the
version and names from packaging/appinfo.py. The same recipe runs on Windows and Linux; only
Windows can produce the Windows executables and the installer.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

# Run as a script, this folder is on sys.path (it is not a package: see appinfo.py).
import appinfo

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = ROOT / "build" / "venv"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"


def venv_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*command: str | Path, hint: str = "see its output above") -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    result = subprocess.run([str(part) for part in command], check=False, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"build: {Path(command[0]).name} failed ({result.returncode}): {hint}")


def prepare_environment(env: Path) -> Path:
    python = venv_python(env)
    if not python.exists():
        venv.create(env, with_pip=True)
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    # Non-editable, so the package's metadata (its version) is there for the bundle to copy.
    run(
        python, "-m", "pip", "install", "--quiet", "-c", HERE / "constraints.txt", ".[build]",
        hint="if pip reports a conflict, the pins in packaging/constraints.txt no longer fit "
        "pyproject.toml: refresh them (packaging/README.md, 'Updating the pinned versions')",
    )  # fmt: skip
    return python


def build_bundle(python: Path, clean: bool) -> Path:
    run(
        python, "-m", "PyInstaller", HERE / "selfassess.spec", "--noconfirm",
        "--distpath", DIST, "--workpath", WORK, *(["--clean"] if clean else []),
    )  # fmt: skip
    return DIST / appinfo.BUNDLE_NAME


def find_iscc() -> Path:
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return Path(found)
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        candidate = Path(base or "") / "Inno Setup 6" / "ISCC.exe"
        if base and candidate.exists():
            return candidate
    raise SystemExit("build: Inno Setup 6 (ISCC.exe) not found: install it or put it on PATH")


def build_installer(bundle: Path) -> None:
    defines = appinfo.installer_defines(bundle, DIST)
    run(
        find_iscc(),
        *(f"/D{key}={value}" for key, value in defines.items()),
        HERE / "selfassess.iss",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installer", action="store_true", help="also make the Windows installer")
    parser.add_argument(
        "--venv", type=Path, default=VENV, help=f"build environment (default: {VENV})"
    )
    parser.add_argument(
        "--clean", action="store_true", help="ignore PyInstaller's cache (use for releases)"
    )
    args = parser.parse_args(argv)
    if args.installer and os.name != "nt":
        parser.error("the installer can only be made on Windows (Inno Setup)")
    python = prepare_environment(args.venv)
    bundle = build_bundle(python, args.clean)
    print(f"build: {bundle}")
    if args.installer:
        build_installer(bundle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
