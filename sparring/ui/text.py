"""Small formatting helpers shared by every screen."""

from __future__ import annotations

import math

from textual.content import Content

from sparring.domain.session import Session
from sparring.i18n import _


def clock_text(seconds: float) -> str:
    """Seconds as M:SS (or H:MM:SS), rounded up so a countdown shows 0:00 only at its end.

    Negative seconds (overtime) are shown with a leading '+', counting up.
    """
    over = seconds < 0
    whole = math.floor(-seconds) if over else math.ceil(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"+{text}" if over else text


def case_owner_line(session: Session) -> Content:
    """"Case owner: Anne — her challenge", the name and challenge as typed (never markup)."""
    case = session.case
    return Content.assemble(
        (_("Case owner: "), "bold"),
        session.case_owner or "",
        " — " if case and case.challenge else "",
        case.challenge if case else "",
    )
