"""A second Sparring that could only read, because another one wrote, notices when that
one quits: it offers what it may write now, and says so, without a restart.

The other Sparring is a real process holding the real lock."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import FakeClock
from sparring.domain.protocol import Protocol
from sparring.store import Archive
from sparring.ui.app import SparringApp
from sparring.ui.screens.home import HomeScreen
from sparring.ui.screens.session import SessionScreen
from tests.conftest import make_session
from tests.store.helpers import writer_elsewhere

WAIT_SECONDS = 15.0


async def until(pilot, condition, what: str) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until `condition()` holds; fail after a deadline."""
    for _ in range(int(WAIT_SECONDS / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    pytest.fail(f"never: {what}")


def resume_option(app: SparringApp):  # type: ignore[no-untyped-def]
    menu = app.screen.query_one("#home-menu")
    return next(menu.get_option_at_index(i) for i in range(menu.option_count)
                if str(menu.get_option_at_index(i).id).startswith("resume:"))


def started_session(root: Path) -> str:
    scenario = load_catalogue().get("cross-functional-sparring")
    session = make_session()
    with Archive(root) as store:
        Protocol(scenario, session, FakeClock(), recorder=store.recorder(session)).fire("start")
    return session.id


async def test_a_session_another_sparring_lets_go_of_can_be_resumed_at_once(tmp_path):
    root = tmp_path / "data"
    session_id = started_session(root)
    app = SparringApp(Archive(root), load_catalogue(), clock_factory=FakeClock)
    other = ExitStack()
    other.enter_context(writer_elsewhere(root, session_id))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the start screen")
        assert resume_option(app).disabled  # open in the other Sparring
        other.close()  # which quits
        await until(pilot, lambda: not resume_option(app).disabled, "resume offered again")
        assert any("no longer open in another Sparring" in n.message
                   for n in app._notifications)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "resumed")


HOLD_FOLDER = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, str(os.getpid()).encode())
print("holding", flush=True)
sys.stdin.read()
"""


@contextmanager
def older_sparring(root: Path) -> Iterator[None]:
    """A Sparring of the first layout, holding the whole folder while the block runs."""
    child = subprocess.Popen([sys.executable, "-c", HOLD_FOLDER, str(root / "writer.lock")],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "holding"
        yield
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)


async def test_a_folder_an_older_sparring_lets_go_of_becomes_writable(tmp_path):
    root = tmp_path / "data"
    started_session(root)
    app = SparringApp(lambda: Archive(root), load_catalogue(), clock_factory=FakeClock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        with older_sparring(root):
            await until(pilot, lambda: app.store_ready, "the folder open")
            assert app.store.read_only
        await until(pilot, lambda: not app.store.read_only, "the folder writable again")
        told = [n.message for n in app._notifications]
        assert any("can be started and resumed here now" in m for m in told), told
        assert not resume_option(app).disabled
    app.close_store()
