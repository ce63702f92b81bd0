"""Text that users typed, imported or pasted cannot drive the terminal it is shown in.

Escape sequences (clear the screen, set the window title, colour the rest), C1 controls
and other control characters in a group's name, a member's name or a note show as a
visible stand-in in `sparring sessions` / `history` and in the app; what is stored, and
what `--json` gives back, stays byte for byte what was typed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sparring.domain.shown import STAND_IN, terminal_safe
from sparring.store import Archive
from tests.reliability.test_closed_terminal import Window
from tests.store.helpers import add_note, saved_session

CLEAR = "\x1b[2J"
TITLE = "\x1b]0;PWNED\x07"
C1_CSI = "\x9b31m"
HOSTILE = f"A{CLEAR}B{TITLE}C{C1_CSI}D\x08E\rF\x00G"
"""Clears the screen, sets the title, a C1 CSI, a backspace, a carriage return, a NUL."""

UNSAFE_BYTES = [b"\x1b", b"\xc2\x9b", b"\x07", b"\x08", b"\r", b"\x00"]


def test_terminal_safe_leaves_no_control_character_and_keeps_the_rest():
    shown = terminal_safe(HOSTILE + "\ttab\nline æøå 🎉 \u05e9\u05dc\u05d5\u05dd")
    assert all(ord(c) >= 0x20 and not 0x7F <= ord(c) <= 0x9F for c in shown if c not in "\t\n")
    assert shown.startswith(f"A{STAND_IN}[2JB{STAND_IN}]0;PWNED{STAND_IN}C{STAND_IN}31mD")
    assert shown.endswith("\ttab\nline æøå 🎉 \u05e9\u05dc\u05d5\u05dd")
    assert "\n" not in terminal_safe("two\nlines", one_line=True)
    assert terminal_safe("plain [bold] text") == "plain [bold] text"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    with Archive(root) as store:
        session = saved_session(store, group=f"Group {HOSTILE}")
        session.participants[1].name = f"Bo{TITLE}"
        store.save_session(session)
        add_note(store, session, f"note {HOSTILE}", author=f"Bo{TITLE}")
    return root


def sparring(*args: str) -> bytes:
    """What the command writes to its stdout, byte for byte."""
    result = subprocess.run([sys.executable, "-m", "sparring", *args], capture_output=True,
                            check=True)
    return result.stdout


@pytest.mark.parametrize("command", ["sessions", "history"])
def test_listings_print_no_control_characters(root, command):
    out = sparring(command, "--data-dir", str(root))
    assert b"PWNED" in out  # the text is there, made harmless
    for unsafe in UNSAFE_BYTES:
        assert unsafe not in out, f"{unsafe!r} reached the terminal"


@pytest.mark.parametrize("command", ["sessions", "history"])
def test_json_listings_are_safe_to_print_and_give_the_text_back(root, command):
    out = sparring(command, "--data-dir", str(root), "--json")
    for unsafe in UNSAFE_BYTES:
        assert unsafe not in out, f"{unsafe!r} reached the terminal"
    [line] = out.decode("utf-8").splitlines()
    document = json.loads(line)
    if command == "sessions":
        assert document["group"] == f"Group {HOSTILE}"
    else:
        assert document["text"] == f"note {HOSTILE}"


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_app_draws_hostile_text_without_obeying_it(root):
    # A real terminal: the group's name would set the window's title and clear the
    # screen, and so would the note (as if imported), if they reached it as they are.
    # (A paste cannot carry them: Textual's input parser turns them into keys.)
    window = Window(f"sparring-text-{os.getpid()}", root, args=[])
    try:
        title = window.title()
        window.wait_for("Resume")
        window.keys("h")
        window.wait_for(f"Members: Anne, Bo{STAND_IN}]0;PWNED, Carla")  # drawn, not obeyed
        window.keys("Enter")  # open the session: its notes
        window.wait_for(f"note A{STAND_IN}[2JB{STAND_IN}]0;PWNED")
        screen = window.screen()
        assert f"Group A{STAND_IN}[2JB{STAND_IN}]0;PWNED" in screen
        assert "Summary" in screen  # nothing cleared the screen
        assert window.title() == title
    finally:
        window.close()
