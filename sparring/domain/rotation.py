"""Who presents next: the member whose challenge the group took least recently.

Learning communities meet for a year or more (seed 001); over the sessions every member's
challenge should get its turn. Members are matched by name, ignoring case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sparring.formats import day_of
from sparring.i18n import _


@dataclass(frozen=True)
class Suggestion:
    """A suggested case owner and why, in a sentence to show at setup."""

    name: str
    reason: str


def suggest_case_owner(members: Sequence[str],
                       past: Iterable[tuple[str, str | None]]) -> Suggestion | None:
    """Suggest a case owner among `members`, given the group's earlier sessions.

    Args:
        members: today's members, in the order they were entered.
        past: (date as ISO 8601, case owner) of the group's earlier sessions.

    Returns:
        The first member whose challenge was never taken, else the one taken longest ago;
        None when there are no members.
    """
    names = [m for m in members if m.strip()]
    if not names:
        return None
    last_taken: dict[str, str] = {}
    for when, owner in past:
        if owner is None:
            continue
        key = owner.casefold()
        if when > last_taken.get(key, ""):
            last_taken[key] = when
    if not last_taken:
        return None
    never = [m for m in names if m.casefold() not in last_taken]
    if never:
        return Suggestion(never[0], _("{name}'s challenge has not been taken in this "
                                      "group yet.").format(name=never[0]))
    name = min(names, key=lambda m: last_taken[m.casefold()])
    return Suggestion(name, _("{name}'s challenge was taken longest ago, on {day}.").format(
        name=name, day=day_of(last_taken[name.casefold()])))
