"""PyInstaller hook for pydantic: its lazily imported modules, less v1 and the mypy plugin."""

# Replaces the community hook, which collects every submodule (pydantic loads many through
# __getattr__, invisible to import analysis); the app uses pydantic v2 only.
from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules(
    "pydantic", filter=lambda name: not name.startswith(("pydantic.v1", "pydantic.mypy"))
)
