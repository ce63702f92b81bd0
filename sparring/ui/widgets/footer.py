"""The footer every screen shows: Textual's, drawn again only when its keys change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer, which builds all its keys again each time a screen's bindings
    may have changed (a focus moved, a screen came back, a list was filled): several
    times at each start, at about a millisecond a key. This one looks first and builds
    them again only when what it shows changed (a key, its description, dimmed or not,
    in the language spoken now)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[tuple[str, str, str, bool, str, bool], ...] | None = None
        self._pending = False

    def _keys(self) -> tuple[tuple[str, str, str, bool, str, bool], ...]:
        return tuple(
            (binding.key, self.app.get_key_display(binding), str(binding.description),
             enabled, str(tooltip), binding.show)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
        )

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            self.call_after_refresh(self._redraw)

    async def _redraw(self) -> None:
        self._pending = False
        # Under a dialog or the help, the screen's focus is put aside: its keys stay as
        # they were drawn, and are looked at again when it is shown again.
        if self.is_attached and self.screen.is_current and self._keys() != self._shown:
            await self.recompose()
