"""The PySide6 desktop shell: windows, item models, undo commands and widgets (Qt only here)."""
