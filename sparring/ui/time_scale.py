"""How fast the session clock runs: real time, or faster to rehearse the protocol."""

from __future__ import annotations

from sparring.i18n import _

TIME_SCALES = (1.0, 10.0, 60.0)
"""The speeds offered on the start and setup screens (`--time-scale` takes any)."""


def time_scale_text(scale: float) -> str:
    """What a speed means to the timekeeper, in a few words."""
    if scale == 1:
        return _("real time")
    shown = f"{scale:g}"
    return _("rehearsal, {scale} times as fast (saved as a rehearsal)").format(scale=shown)


def scale_choices(current: float) -> list[float]:
    """The speeds to offer: the usual ones, and `current` if it is another."""
    return sorted({*TIME_SCALES, current})


def following_scale(current: float) -> float:
    """The next speed after `current`, round to real time."""
    choices = scale_choices(current)
    return choices[(choices.index(current) + 1) % len(choices)]
