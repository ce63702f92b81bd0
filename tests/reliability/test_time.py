"""Time is right after a kill, a stall and a suspend.

After a SIGKILL the countdown resumes within 5 s of where it was, and at most the last
second of typing is lost from the draft: a running session keeps its clock time every
2 s and a changed draft every half second. A stall or a suspend (SIGSTOP/SIGCONT) moves
nothing but the clock: remaining time is a deadline minus now.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import time

import pytest
from textual.widgets import Input

from sparring.domain.clock import FakeClock, MonotonicClock
from sparring.domain.protocol import Protocol
from sparring.store import Archive
from sparring.ui.screens.session import CLOCK_TICKS, DRAFT_TICKS, SessionScreen
from tests.conftest import make_session
from tests.reliability.test_closed_terminal import Window, sparring_processes
from tests.ui.session_host import SessionHost, open_store


async def test_after_a_kill_the_countdown_and_the_draft_come_back_as_they_were(
    sparring_scenario, tmp_path
):
    host = SessionHost(sparring_scenario, make_session(), open_store(tmp_path), FakeClock())
    async with host.run_test() as pilot:
        screen = host.screen
        assert isinstance(screen, SessionScreen)
        host.clock.advance(300)  # five minutes into the phase's ten
        for _ in range(CLOCK_TICKS):
            screen.tick()
        screen.query_one("#note", Input).value = "half a thou"
        await pilot.pause()
        for _ in range(DRAFT_TICKS):
            screen.tick()
        host.clock.advance(1)  # the kill: a second later, with nothing more written
        session_id = host.protocol.session.id
    stored = Archive(tmp_path / "data", read_only=True).load(session_id)
    resumed = Protocol(sparring_scenario, stored.session, FakeClock(stored.last_clock_time))
    assert resumed.remaining == pytest.approx(600 - 301, abs=5)
    assert stored.draft == "half a thou"


def test_a_stall_or_a_suspend_moves_only_the_clock(sparring_scenario, session, clock):
    protocol = Protocol(sparring_scenario, session, clock)
    protocol.fire("start")
    clock.advance(100)
    assert protocol.remaining == pytest.approx(500)
    clock.advance(3600)  # stopped (SIGSTOP, a closed lid) for an hour
    assert protocol.remaining == pytest.approx(500 - 3600)  # overtime, counted right
    assert protocol.fire("time_up")  # once, on the first reading after
    assert not protocol.fire("time_up")
    protocol.fire("pause")
    clock.advance(3600)
    assert protocol.remaining == pytest.approx(500 - 3600)  # a pause holds through a stall


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="CLOCK_BOOTTIME is Linux's")
def test_the_real_clock_counts_on_while_the_machine_sleeps(monkeypatch):
    # A closed lid: the machine sleeps ten minutes. The OS's clock of time since boot is
    # the one faked; Python's monotonic clock does not move while the machine sleeps.
    since_boot = [1000.0]
    real = time.clock_gettime

    def clock_gettime(which: int) -> float:
        return since_boot[0] if which == time.CLOCK_BOOTTIME else real(which)

    monkeypatch.setattr(time, "clock_gettime", clock_gettime)
    clock = MonotonicClock(start=50.0)
    since_boot[0] += 600
    assert clock.now() == pytest.approx(650.0)


LEFT = re.compile(r"(\d+):(\d\d) left of 35:00")


def seconds_left(screen: str) -> int:
    found = LEFT.search(screen)
    assert found, f"no time left shown:\n{screen}"
    return int(found.group(1)) * 60 + int(found.group(2))


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_sigkilled_session_resumes_within_seconds_of_where_it_was(tmp_path):
    # The real program at real speed, killed with SIGKILL 6 s into the first phase and a
    # second after the last key typed; the sleeps are the attack's timing.
    data = tmp_path / "data"
    window = Window(f"sparring-kill-{os.getpid()}", data, args=[
        "run", "--group", "Group 1", "--participant", "Anne: The ward", "--participant",
        "Bo: One budget", "--participant", "Carla: Nights", "--case-owner", "Anne",
        "--timekeeper", "Bo"])
    try:
        window.wait_for("Ground rules")
        window.keys("Enter")
        window.wait_for("1/4 Present")
        time.sleep(5)
        window.keys("half a thou", literal=True)
        time.sleep(1.0)
        shown = seconds_left(window.screen())
        [pid] = sparring_processes(data)
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while sparring_processes(data) and time.monotonic() < deadline:
            time.sleep(0.05)  # polling for the process to be gone
    finally:
        window.close()
    again = Window(f"sparring-kill-again-{os.getpid()}", data, args=[])
    try:
        again.wait_for("Resume")
        again.keys("Enter")
        again.wait_for("PAUSED")
        screen = again.screen()
        assert "half a thou" in screen
        # The countdown gives back at most 5 s of what had run when it was killed.
        assert 0 <= seconds_left(screen) - shown <= 5, screen
        again.keys("C-q")
    finally:
        again.close()


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_after_a_suspend_a_notification_that_ran_out_does_not_flash_up(tmp_path):
    # ctrl+z (SIGTSTP) while "Time's up" shows, back (SIGCONT) after it ran out: the app
    # comes back without it. The sleep is the suspension, the attack itself.
    data = tmp_path / "data"
    window = Window(f"sparring-suspend-{os.getpid()}", data, args=[
        "run", "--scenario", "rehearsal", "--group", "G", "--participant", "Anne: a",
        "--participant", "Bo: b", "--participant", "Carla: c", "--case-owner", "Anne",
        "--timekeeper", "Bo", "--time-scale", "60"])
    try:
        window.wait_for("Ground rules")
        window.keys("Enter")
        window.wait_for("Time's up")
        [pid] = sparring_processes(data)
        os.kill(pid, signal.SIGTSTP)
        suspended_at = time.monotonic()
        while "Time's up" in window.screen():
            assert time.monotonic() < suspended_at + 30, "the app did not suspend"
            time.sleep(0.05)  # polling: the app has left its screen once it suspended
        time.sleep(max(0.0, suspended_at + 6 - time.monotonic()))  # past the toast's 5 s
        os.kill(pid, signal.SIGCONT)
        seen = []
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            seen.append((time.monotonic(), window.screen()))
            time.sleep(0.01)  # watching the screen as it comes back
        assert any("OVERTIME" in screen for _at, screen in seen), seen[-1][1]  # it came back
        # Before the fix it stayed up for about a second. On a loaded machine the first
        # frame drawn on the way back may still hold it; no eye sees 0.1 s of it.
        flashed = [at for at, screen in seen if "Time's up" in screen]
        shown_for = flashed[-1] - flashed[0] if flashed else 0.0
        assert shown_for < 0.1, f"seen for {shown_for:.2f} s in {len(flashed)} looks"
    finally:
        window.close()


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_after_sigstop_and_sigcont_the_countdown_is_right(tmp_path):
    # A stall of the real program (SIGSTOP, two seconds, SIGCONT) at 60 session seconds
    # a second: the time shown after it has moved by all the time that passed.
    data = tmp_path / "data"
    window = Window(f"sparring-stall-{os.getpid()}", data, args=[
        "run", "--group", "G", "--participant", "Anne: a", "--participant", "Bo: b",
        "--participant", "Carla: c", "--case-owner", "Anne", "--timekeeper", "Bo",
        "--time-scale", "60"])
    try:
        window.wait_for("Ground rules")
        window.keys("Enter")
        window.wait_for("1/4 Present")
        [pid] = sparring_processes(data)
        os.kill(pid, signal.SIGSTOP)
        stopped_at, left_then = time.monotonic(), seconds_left(window.screen())
        time.sleep(2)  # the stall
        os.kill(pid, signal.SIGCONT)
        deadline = time.monotonic() + 10
        while (left_now := seconds_left(window.screen())) == left_then:
            assert time.monotonic() < deadline, "the countdown did not move after SIGCONT"
            time.sleep(0.01)  # polling the screen
        passed = (time.monotonic() - stopped_at) * 60
        # Shown whole seconds and read a screen's latency late: within 30 session s.
        assert left_then - left_now == pytest.approx(passed, abs=30)
    finally:
        window.close()
