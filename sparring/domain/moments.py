"""The ISO 8601 UTC times Sparring stores: as people read them (in local time), and as
searches compare them (as text, written one way: see `canonical`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time


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


def canonical(moment: datetime) -> str:
    """A time as the store writes it (UTC, milliseconds): such strings sort by time."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


CANONICAL_LENGTH = len("2026-01-01T00:00:00.000+00:00")


def time_key(moment: str) -> str | None:
    """A time as the store writes it (see `canonical`), whatever way it was written (a
    time with no zone is local); None if it is not a time."""
    if len(moment) == CANONICAL_LENGTH and moment.endswith("+00:00"):
        return moment
    try:
        parsed = datetime.fromisoformat(moment)
        if parsed.tzinfo is None:
            parsed = parsed.astimezone()
        return canonical(parsed)
    except (TypeError, ValueError, OverflowError):  # at the calendar's ends
        return None


def day_start(day: date) -> datetime:
    """The first moment of a local calendar day, as an aware time."""
    return datetime.combine(day, time.min).astimezone()


class Window:
    """A range of local days, both included, to test ISO 8601 times against."""

    def __init__(self, since: date | None, until: date | None):
        self.low = canonical(day_start(since)) if since else None
        self.high = canonical(day_start(date.fromordinal(until.toordinal() + 1))) if until else None

    @property
    def open(self) -> bool:
        """Whether every time is in the window."""
        return self.low is None and self.high is None

    def __contains__(self, moment: str) -> bool:
        key = time_key(moment)
        if key is None:
            return False
        if self.low is not None and key < self.low:
            return False
        return self.high is None or key < self.high
