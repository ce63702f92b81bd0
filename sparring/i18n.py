"""Translation of the app's own words (its chrome); scenario texts carry their languages.

A stand-in until the catalogues arrive: `_` marks a string as one to translate and
returns it as it is.
"""

from __future__ import annotations


def _(message: str) -> str:
    """The message in the chosen language (for now: as given)."""
    return message
