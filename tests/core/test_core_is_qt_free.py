"""The core runs where Qt cannot be imported: only selfassess.gui may use it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHECK = textwrap.dedent("""\
    import importlib, pkgutil, sys
    sys.modules["PySide6"] = None  # any "import PySide6..." now raises ImportError
    import selfassess
    for module in pkgutil.walk_packages(selfassess.__path__, "selfassess."):
        if not module.name.startswith("selfassess.gui") and module.name != "selfassess.__main__":
            importlib.import_module(module.name)
    loaded = sorted(name for name in sys.modules if name.startswith("selfassess."))
    print(len(loaded))
    """)


def test_core_modules_import_without_qt():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 10  # the core modules were really imported
