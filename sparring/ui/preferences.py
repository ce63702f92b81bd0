"""The user's settings as the app uses them: the theme, the keys, and what was wrong.

The app owns one `Preferences`; it applies the settings when the app is made, tells the
user what was wrong in the file (a toast and a line on the start screen), offers the
themes in the palette and remembers the one chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from textual.app import App
from textual.command import SimpleCommand

from sparring.i18n import N_, _
from sparring.settings import Settings, save_theme, unknown_key_ids
from sparring.ui.themes import HIGH_CONTRAST, THEMES, setting_of

THEME_COMMANDS = {
    "light": N_("Theme: light (best on a projector)"),
    "dark": N_("Theme: dark"),
    "high-contrast": N_("Theme: high contrast"),
}


class Preferences:
    """The settings of one app.

    Args:
        app: the app they apply to.
        settings: the settings file, read.
        problems: what was wrong in it.
    """

    def __init__(self, app: App[Any], settings: Settings, problems: Sequence[str]):
        self.app = app
        self.settings = settings
        self.problems = list(problems)

    def apply(self) -> None:
        """Use the settings' theme and keys (before the first frame)."""
        self.app.register_theme(HIGH_CONTRAST)
        self.app.theme = THEMES[self.settings.theme]
        self.app.set_keymap(dict(self.settings.keys))

    def announce(self) -> None:
        """Tell what was wrong in the file; check the key ids once the first frame is out
        (knowing every key id means loading every screen)."""
        for problem in self.problems:
            self._tell(problem)
        if self.settings.keys:
            self.app.call_after_refresh(self.check_key_ids)

    def _tell(self, problem: str) -> None:
        self.app.notify(
            problem, title=_("In the settings file"), severity="warning", timeout=20, markup=False
        )

    def check_key_ids(self) -> None:
        """Say which ids of the keys table are not keys of Sparring."""
        from sparring.ui.keys import binding_ids
        from sparring.ui.screens.home import HomeScreen

        for problem in unknown_key_ids(self.settings, binding_ids()):
            self.problems.append(problem)
            self._tell(problem)
        for screen in self.app.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.show_problems(self.problems)

    def theme_commands(self) -> list[SimpleCommand]:
        """A palette command for each theme but the one shown."""
        current = setting_of(self.app.theme)
        return [
            SimpleCommand(
                str(text), partial(self.choose_theme, name), _("Remembered in the settings")
            )
            for name, text in THEME_COMMANDS.items()
            if name != current
        ]

    def choose_theme(self, name: str) -> None:
        """Show the app in theme `name` ("light", "dark", "high-contrast") and remember it."""
        from sparring.store import StoreError

        self.app.theme = THEMES[name]
        try:
            save_theme(name)
        except (OSError, ValueError, StoreError) as error:
            self.app.notify(
                _("The theme is used now, but could not be remembered: {error}").format(
                    error=error
                ),
                title=_("Settings not saved"),
                severity="warning",
                markup=False,
            )
