"""Times as people read them: the ISO 8601 UTC times Sparring stores, in local time."""

from __future__ import annotations

from datetime import datetime


def local_moment(moment: str | None) -> datetime | None:
    """An ISO 8601 time in the machine's local time zone; None if it cannot be read."""
    if not moment:
        return None
    try:
        return datetime.fromisoformat(moment).astimezone()
    except (ValueError, OverflowError):  # a time at the calendar's ends has no local time
        return None


def time_text(moment: str | None) -> str:
    """Local day and time, YYYY-MM-DD HH:MM ('' for none; the text itself if unreadable)."""
    local = local_moment(moment)
    if local is None:
        return (moment or "")[:16].replace("T", " ")
    return local.strftime("%Y-%m-%d %H:%M")


def day_text(moment: str | None) -> str:
    """Local day, YYYY-MM-DD ('' for none; the text's first ten characters if unreadable)."""
    local = local_moment(moment)
    return local.strftime("%Y-%m-%d") if local else (moment or "")[:10]
