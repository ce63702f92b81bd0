"""User text made safe to show in a terminal.

A note, a name or a group's name may hold control characters (imported, or pasted):
an escape sequence in it would clear the screen, set the terminal's title or move the
cursor when printed. Shown here, each control character is replaced by a visible
stand-in; what is stored is never changed.
"""

from __future__ import annotations

import re

STAND_IN = "\ufffd"
"""What a control character (or a lone surrogate, which cannot be printed) shows as."""

NEWLINE_STAND_IN = "\u21b5"
"""What a line break shows as in a text shown on one line."""

# C0 controls but tab and newline (ESC among them), DEL, C1 controls (CSI, OSC...), and
# lone surrogates (they cannot be encoded to print).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def terminal_safe(text: str, *, one_line: bool = False) -> str:
    """`text` with every control character shown as a stand-in, so it cannot drive the
    terminal; tabs and newlines are kept (with `one_line`, a newline shows as ↵)."""
    if one_line:
        text = text.replace("\r\n", "\n").replace("\n", NEWLINE_STAND_IN)
    return _UNSAFE.sub(STAND_IN, text)


def unsafe_in(text: str) -> bool:
    """Whether `text` holds a character that `terminal_safe` would replace."""
    return _UNSAFE.search(text) is not None
