"""The command palette (F2): what can be done on the screen shown now, found by typing.

The commands are the screen's keys that work now (so the palette and F1 always agree),
what the screen offers besides (`PaletteScreen.palette_commands`: a lens or an insight kind
picked by name while a phase runs), and the app's own: the three themes and the keys.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider, SimpleCommand
from textual.content import Content

from sparring.i18n import N_, resolve

if TYPE_CHECKING:
    from textual.screen import Screen

LEFT_OUT = {"help", "command_palette", "quit"}
"""Actions the palette does not offer as such: F1 and the palette itself, and quitting
(which the app's own command offers with its words)."""


@runtime_checkable
class PaletteScreen(Protocol):
    """A screen that offers commands beyond its keys."""

    def palette_commands(self) -> list[SimpleCommand]:
        """The screen's own commands now."""
        ...


def binding_commands(screen: Screen[object]) -> list[SimpleCommand]:
    """A command for each key of `screen` that works now (one per binding)."""
    commands: list[SimpleCommand] = []
    seen: set[tuple[str, str]] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not active.enabled or binding.action in LEFT_OUT:
            continue
        if not binding.id and not binding.show:
            continue  # a text field's own editing keys
        which = (binding.action, binding.description)
        if which in seen:
            continue
        seen.add(which)
        name = binding.tooltip or binding.description
        run: Callable[[], object] = partial(screen.app.run_action, binding.action, active.node)
        commands.append(SimpleCommand(f"{name} ({key})", run, resolve(binding.description)))
    return commands


class SparringCommands(Provider):
    """The commands of the screen the palette was opened on, and the app's."""

    def _commands(self) -> list[SimpleCommand]:
        screen = self.screen
        commands = binding_commands(screen)
        if isinstance(screen, PaletteScreen):
            commands.extend(screen.palette_commands())
        app_commands = getattr(self.app, "palette_commands", None)
        if callable(app_commands):
            commands.extend(app_commands())
        return commands

    async def discover(self) -> Hits:
        for command in self._commands():
            # Names of lenses and members are data, never markup.
            yield DiscoveryHit(
                Content(command.name), command.callback, text=command.name, help=command.help_text
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.name),
                    command.callback,
                    text=command.name,
                    help=command.help_text,
                )


PALETTE_KEY = "f2"
"""F2 opens the palette: ctrl+p is pause, ctrl+k clears a note to its end, and F2 sits
beside F1 (the keys) and is free on every screen."""

PALETTE_BINDING = Binding(
    PALETTE_KEY,
    "command_palette",
    N_("Commands"),
    id="palette",
    priority=True,
    show=False,
    tooltip=N_("Find what to do by typing (pause, lens, theme...)"),
)
"""The app's F2, with an id so it can be remapped like every other key."""

PALETTE_TITLE = N_("Type what to do, e.g. pause, lens, theme")
