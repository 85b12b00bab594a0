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
import signal
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


def time_to_ready(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds from starting the process until its window is usable.

    CPU time (user + system) is reported beside wall time because on a shared machine
    other work stretches wall time but not the CPU time the start-up itself needs.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, env=env, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.send_signal(signal.SIGSTOP)  # freeze it, so its CPU time stops at "ready"
    process.kill()
    _pid, _status, usage = os.wait4(process.pid, 0)
    process.returncode = -9
    process.stdout.close()
    if line.strip() != "ready":
        raise RuntimeError(f"the measured process did not start: {line!r}")
    return elapsed, usage.ru_utime + usage.ru_stime


Timings = list[tuple[float, float]]  # (wall, CPU) seconds


def switch_times(path: Path) -> tuple[Timings, Timings]:
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
    first: list[tuple[float, float]] = []
    again: list[tuple[float, float]] = []
    for round_ in range(3):
        for standard_id in ids:
            start, cpu = time.perf_counter(), time.process_time()
            window.show_standard(standard_id)
            app.processEvents()
            timing = (time.perf_counter() - start, time.process_time() - cpu)
            (first if round_ == 0 else again).append(timing)
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
        print(f"start-up, median of {RUNS} (wall / CPU); target: app within 1.5x of bare:")
        medians = {}
        for name, runs in (
            ("bare PySide6 window", bare),
            ("bare window + core", core),
            ("app with the demo", app),
        ):
            medians[name] = tuple(statistics.median(run[i] for run in runs) for i in (0, 1))
            wall, cpu = medians[name]
            print(f"  {name:24} {wall * 1000:6.0f} ms / {cpu * 1000:6.0f} ms")
        for baseline in ("bare PySide6 window", "bare window + core"):
            app_times, base_times = medians["app with the demo"], medians[baseline]
            wall, cpu = (a / b for a, b in zip(app_times, base_times, strict=True))
            print(f"  app / {baseline:20} {wall:5.2f}x / {cpu:5.2f}x")

        print("switching standards, median (wall / CPU):")
        for name, path in (("demo", demo), ("large", large)):
            first, again = switch_times(path)
            for visit, times in (("first visit", first), ("later visits", again)):
                wall, cpu = (statistics.median(t[i] for t in times) * 1000 for i in (0, 1))
                print(f"  {name:5} {visit:12} {wall:6.1f} ms / {cpu:6.1f} ms")

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
        print(f"memory: app with no document {rss['bare']} MB RSS, ", end="")
        print(f"with the large assessment open {rss['large']} MB RSS")


if __name__ == "__main__":
    main()
