"""A member's learning point: what they want to learn in the group's year (seed 001).

Each member of a group may state one learning point and change it when they want; every
version is kept with its date, and the latest is the one that holds. Members are told
apart by group, as everywhere: Anne of one group is not Anne of another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sparring.domain import checks
from sparring.domain.checks import ShapeError
from sparring.domain.names import folded_name, group_key
from sparring.domain.records import Record
from sparring.domain.session import new_id, wall_now
from sparring.i18n import _

LONGEST = 2000
"""The most characters a learning point may hold: a sentence or a short paragraph."""


@dataclass
class LearningPoint(Record):
    """One version of a member's learning point.

    Attributes:
        group: the group the member belongs to, as it was spelled then.
        member: the member's name, as typed.
        text: the learning point, exactly as typed ("" withdraws it).
        at: when it was stated, ISO 8601.
        id: tells versions apart, so that merging two laptops' lists doubles nothing.
    """

    group: str
    member: str
    text: str
    at: str = field(default_factory=wall_now)
    id: str = field(default_factory=new_id)

    @property
    def key(self) -> tuple[str, str]:
        """Who it belongs to: the group and the member, as names are compared."""
        return group_key(self.group), folded_name(self.member)


def is_of(point: LearningPoint, group: str, member: str) -> bool:
    """Whether `point` is a version of `member`'s of `group`."""
    return point.key == (group_key(group), folded_name(member))


def history_of(points: Iterable[LearningPoint], group: str, member: str) -> list[LearningPoint]:
    """Every version of one member's learning point, oldest first."""
    return sorted((p for p in points if is_of(p, group, member)), key=lambda p: (p.at, p.id))


def current(points: Iterable[LearningPoint], group: str, member: str) -> LearningPoint | None:
    """The learning point that holds for a member now (None if never stated or withdrawn)."""
    versions = history_of(points, group, member)
    if not versions or not versions[-1].text.strip():
        return None
    return versions[-1]


def merged(mine: Iterable[LearningPoint], theirs: Iterable[LearningPoint]) -> list[LearningPoint]:
    """Both lists as one, each version once (by id), oldest first."""
    found = {point.id: point for point in mine}
    for point in theirs:
        found.setdefault(point.id, point)
    return sorted(found.values(), key=lambda p: (p.at, p.id))


def point_from(data: Any, where: str) -> LearningPoint:
    """A learning point read from plain data, checked field by field (ShapeError if wrong)."""
    record = checks.record(data, where)
    text = checks.text(record, "text", where)
    if len(text) > LONGEST:
        raise ShapeError(
            f"{where}.text", _("is longer than {count} characters").format(count=LONGEST)
        )
    return LearningPoint(
        group=checks.text(record, "group", where, ""),
        member=checks.name(record, "member", where),
        text=text,
        at=checks.moment(record, "at", where),
        id=checks.identifier(record, "id", where),
    )
