"""The footer every screen shows: Textual's, built again only when its keys change."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer

Keys = tuple[tuple[str, str, str, bool, str, bool], ...]


class KeyFooter(Footer):
    """Textual's footer, which builds all its keys again each time a screen's bindings
    may have changed (a focus moved, a screen came back, a list was filled): several
    times at each start, at about a millisecond a key. This one looks first and builds
    them again only when what it shows changed (a key, its description, dimmed or not,
    in the language spoken now)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: Keys | None = None

    def _keys(self) -> Keys:
        return tuple(
            (binding.key, self.app.get_key_display(binding), str(binding.description),
             enabled, str(tooltip), binding.show)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
        )

    async def recompose(self) -> None:
        # Under a dialog or the help, the screen's focus is put aside: its keys stay as
        # they were drawn, and are looked at again when it is shown again.
        if not self.is_attached or not self.screen.is_current:
            return
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            await super().recompose()
