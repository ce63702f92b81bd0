"""Sparring: timed, case-based peer sparring for small groups of leaders."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sparring")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
