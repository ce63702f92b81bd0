"""Sparring: timed, case-based peer sparring for small groups of leaders."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata only when asked for:
    # importlib.metadata costs tens of milliseconds at every start of the app.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("sparring")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0"
    raise AttributeError(name)
