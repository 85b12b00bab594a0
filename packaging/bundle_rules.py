"""What the bundle leaves out, and the check that the app does not need any of it."""

from __future__ import annotations

import re
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent

# Folders copied to the top of the bundle, where selfassess/paths.py looks in a frozen build
# (sys._MEIPASS / name).
BUNDLED_FOLDERS = ("standards", "resources")

# PySide6 modules the app does not use. PyInstaller only follows real imports, so this list is
# a guard: a hook or a stray import cannot pull in these libraries (QtWebEngine alone is
# ~150 MB, QtQml/QtQuick ~40 MB) without the build failing loudly.
EXCLUDED_QT_MODULES = (
    "Qt3DCore",
    "Qt3DRender",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDBus",
    "QtDesigner",
    "QtGraphs",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetwork",
    "QtNetworkAuth",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialPort",
    "QtSql",
    "QtStateMachine",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtXml",
)

# Python modules the app never imports at run time: test frameworks, GUI toolkits and build
# tools that a library mentions only in optional code paths.
EXCLUDED_PY_MODULES = (
    "tkinter",
    "_tkinter",
    "unittest",
    "doctest",
    "test",
    "lib2to3",
    "pydoc_data",
    "pytest",
    "pip",
    "setuptools",
    "distutils",
    "IPython",
    # pydantic's v1 compatibility layer and its mypy plugin: the app uses pydantic v2 only.
    "pydantic.v1",
    "pydantic.mypy",
    # Pillow's optional codecs and bridges (~6 MB of libraries): reportlab imports Pillow for
    # raster images, and the reports draw none (Pillow skips a format whose plugin is absent).
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
    # TLS and OpenSSL (~6 MB with libcrypto and libssl): the app makes no network connections
    # (links open in the browser), the standard library treats ssl as optional, and hashlib
    # falls back to its built-in SHA-256.
    "ssl",
    "_ssl",
    "_hashlib",
)

# Files to drop after analysis, by name without "lib" and extension (so one rule covers
# Windows' qvnc.dll and Linux's libqvnc.so).
_DROPPED_STEMS = {
    # Mesa's software OpenGL (~20 MB on Windows), used only by Qt Quick and OpenGL widgets,
    # never by raster-painted widgets like ours.
    "opengl32sw",
    # Touch input over the network and a VNC server platform: the only collected files that
    # need Qt6Network, which then goes too (the app makes no connections).
    "qtuiotouchplugin",
    "qvnc",
    "qt6network",
    # Image formats the app never reads or writes (PNG is built in; JPEG, GIF, ICO, SVG stay).
    "qtiff",
    "qwebp",
    "qicns",
    "qtga",
    "qwbmp",
    # Linux only: the GTK theme (needs GTK, which the bundle does not carry; Qt falls back),
    # and the platforms for embedded devices without a desktop (EGLFS, framebuffer, Vulkan).
    "qgtk3",
    "qeglfs",
    "qlinuxfb",
    "qminimalegl",
    "qvkkhrdisplay",
    "qt6eglfsdeviceintegration",
    "qt6eglfskmssupport",
}


def excludes() -> list[str]:
    """Module names for PyInstaller's Analysis(excludes=...)."""
    return [f"PySide6.{name}" for name in EXCLUDED_QT_MODULES] + list(EXCLUDED_PY_MODULES)


def dropped(dest_name: str) -> bool:
    """Whether a collected file (by its path inside the bundle) is left out."""
    parts = PurePath(dest_name.replace("\\", "/")).parts
    if not parts:
        return False
    stem = parts[-1].lower().split(".")[0].removeprefix("lib")
    if stem in _DROPPED_STEMS or stem.startswith("qeglfs-"):
        return True
    # Qt's translations are for Qt's own dialogs in other languages; the app is English only.
    return parts[0] == "PySide6" and "translations" in parts


def qt_modules_imported(package: Path = ROOT / "selfassess") -> dict[str, set[str]]:
    """Each PySide6 module the app's source names, with the files that name it."""
    found: dict[str, set[str]] = {}
    for source in sorted(package.rglob("*.py")):
        text = source.read_text(encoding="utf-8")
        for name in re.findall(r"\bPySide6\.(Qt\w+)", text):
            found.setdefault(name, set()).add(str(source.relative_to(package.parent)))
    return found


def excluded_but_imported() -> dict[str, set[str]]:
    """Excluded Qt modules that the app's source imports (must be empty for a working bundle)."""
    return {
        name: files for name, files in qt_modules_imported().items() if name in EXCLUDED_QT_MODULES
    }
