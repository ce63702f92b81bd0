"""Screens whose keys are described in the language spoken when they are drawn.

`BINDINGS` are made when a class is defined, before any language is chosen, so their
descriptions and tooltips are lazy texts (`sparring.i18n.N_`). Textual's footer, key
panel and help read a screen's keys through `Screen.active_bindings`; these screens
translate them there, each time they are read, so the footer follows a change of
language at once (after `refresh_bindings`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from textual.binding import ActiveBinding, Binding
from textual.screen import ModalScreen, Screen

from sparring.i18n import resolve

ResultType = TypeVar("ResultType")


def translated(binding: Binding) -> Binding:
    """`binding` with its description, tooltip and group in the current language."""
    group = binding.group
    if group is not None:
        group = replace(group, description=resolve(group.description))
    return replace(binding, description=resolve(binding.description),
                   tooltip=resolve(binding.tooltip), group=group)


def translated_bindings(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Active bindings with their texts in the current language."""
    return {
        key: active._replace(binding=translated(active.binding), tooltip=resolve(active.tooltip))
        for key, active in bindings.items()
    }


class LocalizedScreen(Screen[ResultType]):
    """A screen whose keys are described in the current language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated_bindings(super().active_bindings)


class LocalizedModalScreen(ModalScreen[ResultType]):
    """A modal screen whose keys are described in the current language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated_bindings(super().active_bindings)
