"""The three looks of the app: light (reads best on a projector), dark and high contrast.

The settings file names them "light", "dark" and "high-contrast"; Textual knows them by
the names here.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="sparring-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#262626",
    success="#00FF00",
    warning="#FFB000",
    error="#FF4040",
    dark=True,
    variables={
        "text-muted": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "input-selection-background": "#FFFF00 40%",
    },
)
"""White on black, yellow for what has the focus: for weak eyes and washed-out rooms."""

THEMES = {
    "light": "textual-light",
    "dark": "textual-dark",
    "high-contrast": HIGH_CONTRAST.name,
}
"""The settings file's theme names, and Textual's names for them."""


def setting_of(textual_name: str) -> str | None:
    """The settings file's name of a Textual theme, if it is one of ours."""
    return next((name for name, theme in THEMES.items() if theme == textual_name), None)
