"""Desktop app timings and memory, against a bare PySide6 window measured in the same run.

Run: python benchmarks/bench_gui.py

- Start-up: from starting the process to a usable window with the demo open (the app's own
  start-up path: QApplication, main window, recovery check, open and lock the file, events
  processed), as a ratio to a bare PySide6 window (QApplication + QMainWindow shown, events
  processed). Median of several alternating runs. Target: within 1.5x.
- Switching standards: median time to show another standard's page, events processed, for
  the demo and for the large assessment (`selfassess demo --large`).
- Memory: resident set size with the large assessment open on the dashboard and a standard.

Qt runs offscreen so the figures do not depend on a display server.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 840)
window.show()
app.processEvents()
print("ready", flush=True)
"""

# The bare window plus importing the Qt-free core (pydantic models, YAML, scoring): the
# floor the desktop shell stands on, to show how much of the start-up is the shell's own.
CORE = BARE.replace(
    "import sys\n", "import sys\nimport selfassess.document, selfassess.scoring, selfassess.demo\n"
)

APP = """
import sys
from pathlib import Path
from selfassess.gui.app import application
from selfassess.gui.main_window import MainWindow
app = application()
window = MainWindow()
window.show()
window.offer_recovery()
window.open_path(Path(sys.argv[1]))
app.processEvents()
print("ready", flush=True)
"""

MEMORY = """
import sys
from pathlib import Path
from selfassess.gui.app import application
from selfassess.gui.main_window import MainWindow
app = application()
window = MainWindow()
window.show()
if len(sys.argv) > 1:
    window.open_path(Path(sys.argv[1]))
    window.show_dashboard()
    app.processEvents()
    window.show_standard(window.session.document.framework.standards[0].id)
app.processEvents()
rss = next(line for line in open("/proc/self/status") if line.startswith("VmRSS"))
print(int(rss.split()[1]) // 1024, flush=True)
"""


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    # Settings and autosaves of the measured runs stay out of the user's folders.
    env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    return env


def time_to_ready(code: str, args: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the process until it prints that its window is usable."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, env=env, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.kill()
    process.wait()
    if line.strip() != "ready":
        raise RuntimeError(f"the measured process did not start: {line!r}")
    return elapsed


def switch_times(path: Path) -> tuple[list[float], list[float]]:
    """Seconds to show each standard: on its first visit (page built), and on later ones."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from selfassess.gui.app import application
    from selfassess.gui.main_window import MainWindow
    from selfassess.lock import break_lock

    app = application()
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    window.open_path(path)
    ids = [standard.id for standard in window.session.document.framework.standards]
    first, again = [], []
    for round_ in range(3):
        for standard_id in ids:
            start = time.perf_counter()
            window.show_standard(standard_id)
            app.processEvents()
            (first if round_ == 0 else again).append(time.perf_counter() - start)
    window.session.load(None)
    window.close()
    break_lock(path)
    return first, again


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = _env(home)
        demo, large = home / "demo.sendassess", home / "large.sendassess"
        for path, extra in ((demo, []), (large, ["--large"])):
            subprocess.run(
                [sys.executable, "-m", "selfassess", "demo", str(path), *extra],
                check=True,
                env=env,
                stdout=subprocess.DEVNULL,
            )
        bare, core, app = [], [], []
        for _ in range(RUNS):
            bare.append(time_to_ready(BARE, [], env))
            core.append(time_to_ready(CORE, [], env))
            app.append(time_to_ready(APP, [str(demo)], env))
        bare_s, core_s, app_s = (statistics.median(t) for t in (bare, core, app))
        print(f"start-up, bare PySide6 window:   {bare_s * 1000:6.0f} ms (median of {RUNS})")
        print(f"start-up, bare window + core:    {core_s * 1000:6.0f} ms (imports only)")
        print(f"start-up, app with the demo:     {app_s * 1000:6.0f} ms (median of {RUNS})")
        print(f"ratio app / bare:                {app_s / bare_s:6.2f}x (target <= 1.5x)")
        print(f"ratio app / bare window + core:  {app_s / core_s:6.2f}x")

        for name, path in (("demo", demo), ("large", large)):
            first, again = switch_times(path)
            print(
                f"switch standard, {name:5}:         first visit "
                f"{statistics.median(first) * 1000:5.1f} ms median, then "
                f"{statistics.median(again) * 1000:5.1f} ms median "
                f"({max(again) * 1000:.1f} ms worst)"
            )

        rss = {}
        for name, args in (("bare", []), ("large", [str(large)])):
            out = subprocess.run(
                [sys.executable, "-c", MEMORY, *args],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            rss[name] = int(out.stdout.strip().splitlines()[-1])
        print(f"memory, app with no document:    {rss['bare']:6d} MB RSS")
        print(f"memory, large assessment open:   {rss['large']:6d} MB RSS")


if __name__ == "__main__":
    main()
