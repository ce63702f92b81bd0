"""Translation of the texts Sparring shows (a stand-in until the catalogues arrive)."""

from __future__ import annotations


def _(message: str) -> str:
    """`message` in the user's language."""
    return message
