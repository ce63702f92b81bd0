"""How fast the session clock runs: real time, or faster to rehearse the protocol."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Select

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


class ClockSpeed(Select[float]):
    """A choice of the clock's speed: real time, or a rehearsal's faster clock."""

    def __init__(self, current: float, *, id: str | None = None):
        super().__init__(
            [(Content(time_scale_text(scale)), scale) for scale in scale_choices(current)],
            value=current,
            allow_blank=False,
            compact=True,
            id=id,
        )

    @property
    def time_scale(self) -> float:
        """The speed chosen: session seconds per real second."""
        value = self.value
        return value if isinstance(value, float) else 1.0
