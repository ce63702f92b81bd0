"""Closing the terminal at random moments of start-up and use: no Sparring process is
left behind, and the session's writer lock is free for the next Sparring.

The attack is real: the program runs in a tmux window, and the window's tmux server is
killed, which hangs up the terminal as closing a window does. The random delay is the
attack's timing; the test waits for what it checks by polling with a deadline.
"""

from __future__ import annotations

import contextlib
import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from textual.drivers._writer_thread import WriterThread

from sparring.store import Archive
from sparring.ui.driver import TerminalOutput
from tests.reliability.conftest import count

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

GONE_SECONDS = 15.0
"""How long a closed terminal's Sparring may take to end (its own deadline is 5 s)."""

RUN = ["run", "--group", "Group 1", "--participant", "Anne: The ward", "--participant",
       "Bo: One budget", "--participant", "Carla: Nights", "--case-owner", "Anne",
       "--timekeeper", "Bo", "--time-scale", "60"]


def sparring_processes(data: Path) -> list[int]:
    """The Sparring processes running on `data` (found by their environment)."""
    mark = f"SPARRING_DATA_DIR={data}\0".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if b"sparring" in (proc / "cmdline").read_bytes() and mark in (
                proc / "environ"
            ).read_bytes():
                found.append(int(proc.name))
        except OSError:  # it ended meanwhile, or is not ours to read
            continue
    return found


class Window:
    """A terminal window of its own (one tmux server) running Sparring on `data`."""

    def __init__(self, name: str, data: Path, args: list[str] = RUN):
        self.socket = ["-L", name]
        env = {"SPARRING_DATA_DIR": str(data), "SPARRING_CONFIG_DIR": str(data.parent / "cfg"),
               "TERM": "xterm-256color", "LANG": "C.UTF-8"}
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "sparring", *args])
        subprocess.run(["tmux", *self.socket, "new-session", "-d", "-s", "w", "-x", "80",
                        "-y", "24", f"export {exports}; cd {shlex.quote(str(data.parent))} "
                        f"&& {command}; sleep 600"], check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", *self.socket, "capture-pane", "-p", "-t", "w"],
                              capture_output=True, text=True).stdout

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + 30
        while text not in self.screen():
            if time.monotonic() > deadline:
                pytest.fail(f"never saw {text!r}:\n{self.screen()}")
            time.sleep(0.05)  # polling the screen

    def title(self) -> str:
        return subprocess.run(["tmux", *self.socket, "display", "-p", "-t", "w",
                               "#{pane_title}"], capture_output=True, text=True).stdout.strip()

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run(["tmux", *self.socket, "send-keys", "-t", "w", *(["-l"] if literal
                        else []), *keys], check=True)

    def close(self) -> None:
        """Close the window: its terminal hangs up."""
        subprocess.run(["tmux", *self.socket, "kill-server"], capture_output=True)


def attack(window: Window, moment: str, rng: random.Random) -> None:
    """Close `window` during start-up, or while a note is being typed and saved."""
    if moment == "start-up":
        time.sleep(rng.uniform(0.0, 1.5))  # the attack's timing, not a wait for the app
    else:
        window.wait_for("Ground rules")
        window.keys("Enter")
        window.wait_for("1/4 Present")
        window.keys("A note", literal=True)
        window.keys("Enter")
        window.keys("half a not", literal=True)
        time.sleep(rng.uniform(0.0, 0.3))  # the attack's timing
    window.close()


def one_try(root: Path, n: int, rng: random.Random) -> str | None:
    """Close one terminal at a random moment; what went wrong, or None."""
    data = root / f"try{n}" / "data"
    data.parent.mkdir()
    moment = "start-up" if n % 2 == 0 else "use"
    window = Window(f"sparring-closed-{os.getpid()}-{n}", data)
    try:
        attack(window, moment, rng)
    finally:
        window.close()
    deadline = time.monotonic() + GONE_SECONDS
    while (alive := sparring_processes(data)) and time.monotonic() < deadline:
        time.sleep(0.05)  # polling for the processes to end
    if alive:
        for pid in alive:
            os.kill(pid, signal.SIGKILL)  # ours: started by this test, found above
        return f"try {n} ({moment}): processes {alive} outlived the terminal"
    if data.exists():
        with Archive(data) as store:
            for summary in store.sessions():
                store.load(summary.id)  # every file parses
                store.claim(summary.id)  # the lock is free: a second Sparring can write
                store.save_draft(summary.id, "written by the next Sparring")
    return None


def test_no_sparring_outlives_its_closed_terminal(tmp_path, report_count):
    tries = count(20, 200)
    seed = int(os.environ.get("SPARRING_SEED", "10"))
    # Four terminals at a time, as four windows might be closed together.
    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(lambda n: one_try(tmp_path, n, random.Random(seed + n)),
                                 range(tries)))
    report_count("terminals closed", tries)
    failures = [outcome for outcome in outcomes if outcome is not None]
    assert not failures, "\n".join(failures)


def test_textual_writes_to_a_hung_up_terminal_do_not_block():
    # The cause, in small: Textual's writer thread over a terminal that hung up. Without
    # TerminalOutput the thread dies on the first EIO and the 31st write blocks for good.
    master, slave = os.openpty()
    terminal = os.fdopen(slave, "w", buffering=1)
    gone: list[bool] = []
    writer = WriterThread(TerminalOutput(terminal, lambda: gone.append(True)))  # type: ignore[arg-type]
    writer.start()
    os.close(master)  # the window closes: writes to the terminal fail with EIO

    def shut_down() -> None:
        for _ in range(100):
            writer.write("\x1b[?1049l restoring the terminal")
        writer.stop()

    thread = threading.Thread(target=shut_down, daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive(), "writing to the closed terminal blocked"
    assert gone == [True]
    with contextlib.suppress(OSError):  # what is left in its buffer cannot be written
        terminal.close()


def test_the_exit_deadline_ends_a_process_whose_shutdown_hangs(tmp_path):
    saved = tmp_path / "saved"
    script = (
        "import threading, pathlib\n"
        "from sparring.ui.terminal import exit_deadline\n"
        f"pathlib.Path({str(saved)!r}).write_text('on disk')\n"
        "exit_deadline(3, seconds=0.5)\n"
        "threading.Event().wait()  # a shutdown that never ends\n"
    )
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", script], timeout=30)
    assert result.returncode == 3
    assert time.monotonic() - started < 20
    assert saved.read_text() == "on disk"
