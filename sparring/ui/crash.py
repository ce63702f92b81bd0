"""The crash report: where the app failed, and nothing of what was typed.

Textual's own report shows each frame's local variables, and they hold notes,
challenges and names; an exception's message may quote them too. This report shows the
exception's type and the code it went through, and leaves the rest out.
"""

from __future__ import annotations

import sys

import rich
from rich.traceback import Trace, Traceback

from sparring.i18n import N_

LEFT_OUT = N_("(its message is left out of the report: it may quote what was typed)")


def _without_text(trace: Trace) -> Trace:
    for stack in trace.stacks:
        if stack.exc_value:
            stack.exc_value = str(LEFT_OUT)
        stack.syntax_error = None  # it quotes the line it could not read
        stack.notes = []
        for frame in stack.frames:
            frame.locals = None
        for group_member in stack.exceptions:
            _without_text(group_member)
    return trace


def crash_report(error: BaseException | None) -> Traceback:
    """What to print when `error` (by default the one being handled) ended the app: its
    type and where, never locals."""
    error = error or sys.exc_info()[1] or RuntimeError("the app stopped")
    trace = Traceback.extract(type(error), error, error.__traceback__, show_locals=False)
    return Traceback(_without_text(trace), width=None, suppress=[rich])
