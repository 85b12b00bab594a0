"""The Windows build recipe agrees with the package: version, names, folders and Qt modules."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from selfassess import paths

from .conftest import PACKAGING

ISS = (PACKAGING / "selfassess.iss").read_text(encoding="utf-8")


def test_installer_version_is_the_package_version(appinfo: ModuleType) -> None:
    with (PACKAGING.parent / "pyproject.toml").open("rb") as file:
        package_version = tomllib.load(file)["project"]["version"]
    defines = appinfo.installer_defines(Path("bundle"), Path("dist"))
    assert defines["AppVersion"] == package_version
    assert defines["AppFileVersion"] == ".".join(
        str(n) for n in appinfo.windows_version(package_version)
    )
    # Nothing in the script may pin a version of its own.
    assert not re.search(r"\b\d+\.\d+\.\d+\b", ISS)


def test_installer_uses_exactly_the_names_the_build_passes(appinfo: ModuleType) -> None:
    used = set(re.findall(r"\{#(\w+)\}", ISS))
    passed = set(appinfo.installer_defines(Path("bundle"), Path("dist")))
    assert used == passed


def test_installer_installs_per_user_with_start_menu_entry_and_association() -> None:
    assert re.search(r"^PrivilegesRequired=lowest$", ISS, re.M)
    assert re.search(
        r"^Name: \"\{autoprograms\}\\\{#AppName\}\"; Filename: \"\{app\}\\\{#GuiExe\}\"", ISS, re.M
    )
    assert 'shell\\open\\command"' in ISS and '""%1""' in ISS
    assert re.search(r"^ChangesAssociations=yes$", ISS, re.M)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("2.3", (2, 3, 0, 0)),
        ("1.2.3rc1", (1, 2, 3, 0)),
        ("4.5.6.7", (4, 5, 6, 7)),
    ],
)
def test_windows_file_version_has_four_numbers(
    appinfo: ModuleType, text: str, expected: tuple[int, ...]
) -> None:
    assert appinfo.windows_version(text) == expected


def test_bundled_folders_are_where_a_frozen_app_looks(
    rules: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in rules.BUNDLED_FOLDERS:
        assert (PACKAGING.parent / name).is_dir()
        (tmp_path / name).mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.standards_dir() == tmp_path / "standards"
    assert paths.resources_dir() == tmp_path / "resources"
    assert set(rules.BUNDLED_FOLDERS) == {"standards", "resources"}


def test_the_app_imports_no_qt_module_the_bundle_leaves_out(rules: ModuleType) -> None:
    assert rules.excluded_but_imported() == {}


def test_imported_qt_modules_are_found_in_the_source(rules: ModuleType, tmp_path: Path) -> None:
    package = tmp_path / "app"
    package.mkdir()
    (package / "view.py").write_text(
        "from PySide6.QtWidgets import QWidget\nimport PySide6.QtNetwork\n", encoding="utf-8"
    )
    found = rules.qt_modules_imported(package)
    assert found == {"QtWidgets": {"app/view.py"}, "QtNetwork": {"app/view.py"}}
    assert "QtNetwork" in rules.EXCLUDED_QT_MODULES


@pytest.mark.parametrize(
    ("dest", "dropped"),
    [
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6\\translations\\qtbase_fr.qm", True),
        ("PySide6/opengl32sw.dll", True),
        ("PySide6/Qt6Network.dll", True),
        ("PySide6/Qt/lib/libQt6Network.so.6", True),
        ("PySide6/plugins/platforms/qvnc.dll", True),
        ("PySide6/Qt6Widgets.dll", False),
        ("PySide6/Qt/lib/libQt6Gui.so.6", False),
        ("PySide6/plugins/platforms/qwindows.dll", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("resources/fonts/LiberationSans-Regular.ttf", False),
        ("standards/swscn-send-2014-v5.yaml", False),
    ],
)
def test_only_unused_files_are_dropped(rules: ModuleType, dest: str, dropped: bool) -> None:
    assert rules.dropped(dest) is dropped
