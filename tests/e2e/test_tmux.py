"""The whole program as a person runs it: a real terminal (tmux), real keys, real files.

The clock runs at 60 session seconds a second (`--time-scale 60`). The test waits for
what the screen shows, never for time to pass.
"""

from __future__ import annotations

import itertools
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

WAIT_SECONDS = 30.0
SERVERS = itertools.count()
# Wait for text at the left of the screen: notifications show at the bottom right and
# may cover what is there for a few seconds.


class Terminal:
    """One tmux session of 80x24 running a command."""

    def __init__(self, name: str, command: str, env: dict[str, str]):
        self.name = name
        # A tmux server of its own: a server being killed at the end of the last test
        # must not be the one this terminal's session is started on.
        self.socket = ["-L", f"sparring-test-{os.getpid()}-{next(SERVERS)}"]
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        # After the program: its exit status, then the terminal's settings, then a mark
        # that they are all printed (a test waits for it, not for the status alone).
        shell = (f"export {exports}; {command}; echo SPARRING-EXITED $?; stty -a; "
                 "echo TERMINAL-SHOWN; sleep 600")
        subprocess.run(["tmux", *self.socket, "new-session", "-d", "-s", name, "-x", "80",
                        "-y", "24", shell], check=True)

    def screen(self) -> str:
        result = subprocess.run(["tmux", *self.socket, "capture-pane", "-p", "-t", self.name],
                                capture_output=True, text=True, check=True)
        return result.stdout

    def wait_for(self, text: str) -> str:
        """Wait until `text` shows on the screen; fail with the screen if it never does."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"never saw {text!r}; the screen was:\n{screen}")
            time.sleep(0.05)  # polling the screen, not waiting for session time

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", *self.socket, "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", *self.socket, "send-keys", "-t", self.name, "-l", text],
                       check=True)

    def close(self) -> None:
        subprocess.run(["tmux", *self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def terminal_factory(tmp_path):
    opened: list[Terminal] = []

    def open_terminal(*args: str) -> Terminal:
        command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "sparring", *args])
        env = {"SPARRING_DATA_DIR": str(tmp_path / "data"),
               "SPARRING_CONFIG_DIR": str(tmp_path / "config"),
               "TERM": "xterm-256color", "LANG": "C.UTF-8",
               "HOME": str(tmp_path)}  # summaries are offered to be saved in the home folder
        terminal = Terminal(f"t{len(opened)}", f"cd {shlex.quote(str(tmp_path))} && {command}",
                            env)
        opened.append(terminal)
        return terminal

    yield open_terminal
    for terminal in opened:
        terminal.close()


RUN = ["run", "--group", "Group 1",
       "--participant", "Anne: Hand-offs between the ward and the [therapy] team",
       "--participant", "Bo: Two teams, one budget",
       "--participant", "Carla: The night shift is never asked",
       "--participant", "Dørte: New IT system, no owner",
       "--case-owner", "Anne", "--timekeeper", "Bo", "--time-scale", "60"]


def history(data: Path) -> list[dict[str, object]]:
    result = subprocess.run([sys.executable, "-m", "sparring", "history", "--json",
                             "--data-dir", str(data)], capture_output=True, text=True,
                            check=True)
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_a_whole_session_with_keys_then_history(terminal_factory, tmp_path):
    term = terminal_factory(*RUN)
    term.wait_for("Ground rules")
    term.keys("Enter")
    term.wait_for("1/4 Present")
    term.keys("C-l")
    term.wait_for("Enter or a digit picks")
    term.keys("1")  # the first lens: purpose
    term.wait_for("Lens ^l: Purpose")
    term.type("No shared goal [bold]æøå[/bold]")
    term.keys("Enter")
    term.wait_for("✓ Purpose (Anne) No shared goal [bold]æøå[/bold]")

    term.keys("C-n")
    term.wait_for("2/4 Reflect")
    term.type("Bring in the culture: gossip and grumbling")
    term.keys("Enter")
    term.wait_for("✓ (Anne) Bring in the culture")

    term.keys("C-n")
    term.wait_for("3/4 Interview")
    term.keys("C-y")
    term.wait_for("Enter or a digit picks")
    term.keys("4")  # the fourth insight kind: pitfalls
    term.wait_for("Kind ^y: Pitfalls")
    term.type("I carry the conflict alone")
    term.keys("Enter")
    term.wait_for("✓ Pitfalls")

    term.keys("C-n")
    term.wait_for("Turn 1 of 3: Bo")
    term.type("Our budget talks need a shared purpose too")
    term.keys("Enter")
    term.wait_for("✓ (Bo) Our budget talks")
    term.keys("C-n")
    term.wait_for("Turn 2 of 3: Carla")
    term.keys("C-n")
    term.wait_for("Turn 3 of 3: Dørte")
    term.keys("C-n")

    term.wait_for("What will I try before we meet again?")
    term.type("Invite the therapy lead to our stand-up")
    term.keys("Enter")
    term.wait_for("Anne: Invite the therapy lead")
    term.keys("C-n")
    term.wait_for("Summary · Group 1")
    term.keys("x")
    term.wait_for("Save the summary")
    term.keys("Enter")  # where it suggests (the home folder here), as HTML
    term.wait_for("Saved the summary")
    term.keys("C-q")
    screen = term.wait_for("TERMINAL-SHOWN")
    assert "SPARRING-EXITED 0" in screen
    words = screen.split()
    assert "icanon" in words and "echo" in words  # the terminal is usable again
    assert "-icanon" not in words and "-echo" not in words

    notes = history(tmp_path / "data")
    by_phase = {note["phase"]: note for note in notes}
    assert sorted(by_phase) == ["interview", "present", "reflect", "round"]
    assert by_phase["present"]["text"] == "No shared goal [bold]æøå[/bold]"
    assert by_phase["present"]["lens"] == "purpose"
    assert by_phase["interview"]["kind"] == "pitfall"
    assert (by_phase["round"]["about"], by_phase["round"]["author"]) == ("Bo", "Bo")
    exported = list(tmp_path.glob("sparring-*-group-1.html"))
    assert len(exported) == 1
    assert "Invite the therapy lead to our stand-up" in exported[0].read_text("utf-8")


def app_pids(data: Path) -> list[int]:
    """The processes of the app running on `data` (found by their environment)."""
    pids = subprocess.run(["pgrep", "-f", "sparring run --group Group 1"],
                          capture_output=True, text=True).stdout.split()
    ours = []
    for pid in pids:
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace")
        except OSError:  # it ended meanwhile
            continue
        if str(data) in environ:
            ours.append(int(pid))
    return ours


def wait_until_gone(pids: list[int]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while any(Path(f"/proc/{pid}").exists() for pid in pids):
        if time.monotonic() > deadline:
            pytest.fail(f"the app ({pids}) did not exit")
        time.sleep(0.05)  # polling for the process to end, not waiting for session time


@pytest.mark.parametrize("ending", ["SIGTERM", "SIGHUP", "terminal closed"])
def test_an_ended_app_keeps_the_draft_and_resume_puts_the_session_back(
    terminal_factory, tmp_path, ending
):
    # SIGTERM: a shutdown or `kill`; SIGHUP: the terminal's hangup; closing the terminal
    # window sends the hangup and takes the terminal away while the app saves.
    term = terminal_factory(*RUN)
    term.wait_for("Ground rules")
    term.keys("Enter")
    term.wait_for("1/4 Present")
    term.type("Saved note")
    term.keys("Enter")
    term.wait_for("✓ (Anne) Saved note")
    term.keys("C-n")
    term.wait_for("2/4 Reflect")
    term.type("half a thou")
    term.wait_for("half a thou")
    ours = app_pids(tmp_path / "data")
    assert ours, "the app's process was not found"
    if ending == "terminal closed":
        term.close()
    else:
        for pid in ours:
            os.kill(pid, signal.SIGTERM if ending == "SIGTERM" else signal.SIGHUP)
        term.wait_for("SPARRING-EXITED")
    wait_until_gone(ours)

    again = terminal_factory()
    again.wait_for("Resume")
    again.keys("Enter")
    screen = again.wait_for("2/4 Reflect")
    assert "PAUSED" in screen
    assert "half a thou" in screen
    again.keys("C-q")
    again.wait_for("SPARRING-EXITED 0")
    assert [n["text"] for n in history(tmp_path / "data")] == ["Saved note"]
