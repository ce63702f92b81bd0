"""Textual's Linux driver, made to survive its terminal going away.

Closing a terminal window hangs its tty up: from then on every write to it fails (EIO).
Textual's writer thread dies on the first such failure, its queue of 30 writes fills,
and the next write (the shutdown's own "restore the terminal" writes) blocks the event
loop for good: the app lives on invisibly, deaf to SIGTERM and SIGHUP (their handlers
run on that loop), holding its session's writer lock. So here:

- `TerminalOutput` stands between the writer thread and the tty: a failed write marks
  the terminal gone and is dropped, later writes are dropped too, and the app is told.
- `SparringDriver` is Textual's Linux driver with that output, and one that restarts its
  terminal mode on SIGCONT only after it stopped it itself (ctrl+z); a SIGCONT it did not
  ask for (after SIGSTOP, or the one the kernel sends with a hangup) only redraws. Either
  way, notifications whose time ran out while the process was stopped go first.

The app imports this module only when it draws on a real terminal (not headless, not in
a browser), so a start does not wait for the Linux driver's imports.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from textual.drivers.linux_driver import LinuxDriver


class TerminalOutput:
    """A text file over the terminal that never raises and never dies with it.

    Args:
        file: the terminal's file (stderr, as Textual draws on it).
        on_gone: called once, from the writing thread, when the terminal is gone.
    """

    def __init__(self, file: IO[str], on_gone: Callable[[], None]):
        self._file = file
        self._on_gone = on_gone
        self.gone = False
        """Whether a write failed: the terminal was closed (or hung up)."""

    def _lost(self) -> None:
        if not self.gone:
            self.gone = True
            self._on_gone()

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self._file.write(text)
            except (OSError, ValueError):  # EIO after a hangup; ValueError once closed
                self._lost()
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self._lost()

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return True


class SparringDriver(LinuxDriver):
    """Textual's Linux driver, made to survive its terminal going away (see the module)."""

    def __init__(self, app: Any, **options: Any):
        super().__init__(app, **options)
        terminal = self._file
        assert terminal is not None, "Sparring runs in a terminal"
        self._output = TerminalOutput(terminal, self._terminal_gone)
        # The writer thread takes its file from here when application mode starts; it
        # only writes and flushes, which is all a TerminalOutput does.
        self._file = self._output  # type: ignore[assignment]
        self._stopped_itself = False

    def _terminal_gone(self) -> None:
        """From the writer thread: let the app save and leave, on its own loop."""
        hung_up = getattr(self._app, "terminal_hung_up", None)
        if hung_up is not None:
            self._loop.call_soon_threadsafe(hung_up)

    def _sigtstp_application(self, *args: Any) -> None:
        self._stopped_itself = self._auto_restart
        super()._sigtstp_application(*args)

    def _sigcont_application(self, *args: Any) -> None:
        # On the loop, not in the signal handler: first what went stale while stopped,
        # then the terminal mode and the redraw (in that order).
        self._loop.call_soon_threadsafe(self._come_back, self._stopped_itself)
        self._stopped_itself = False

    def _come_back(self, stopped_itself: bool) -> None:
        forget = getattr(self._app, "forget_stale_notifications", None)
        if forget is not None:
            forget()
        if stopped_itself:
            super()._sigcont_application()
        else:
            # Still in application mode: starting it again would start a second input
            # thread. What was drawn may have been overwritten meanwhile: draw it again.
            self._app.refresh()
