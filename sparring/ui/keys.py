"""Every key id of the app, to tell a wrong id in the settings file's keys table."""

from __future__ import annotations

import importlib
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import sparring.ui


def binding_ids() -> set[str]:
    """The id of every binding of every screen and widget of Sparring (and of the app)."""
    ids: set[str] = set()
    for module_info in pkgutil.walk_packages(sparring.ui.__path__, "sparring.ui."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if not (isinstance(value, type) and issubclass(value, DOMNode)):
                continue
            if not value.__module__.startswith("sparring."):
                continue
            for binding in value.BINDINGS:
                if isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
    return ids
