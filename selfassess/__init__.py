"""SEND Self-Assessment: score evidence against the SWSCN SEND best practice standards."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("selfassess")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
