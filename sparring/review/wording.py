"""What the readable exports share: the scenario's names for ids, and safe HTML.

The exports are written in the session's language (`sparring.i18n.speaking`); these
helpers read the language spoken when they are called.
"""

from __future__ import annotations

import html
import re

from sparring.domain.records import Note
from sparring.domain.scenario import Scenario
from sparring.i18n import _, current_language

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible_controls(text: str) -> str:
    """`text` with its control characters as the pictures Unicode has for them (␇ for
    BEL): no file format then acts on them, and a reader still sees that they were there."""
    return _CONTROLS.sub(
        lambda m: (
            chr(0x2400 + ord(m.group())) if ord(m.group()) < 0x20 else "\N{REPLACEMENT CHARACTER}"
        ),
        text,
    )


def said_by(note: Note, owner: str | None) -> str:
    """Who said a note and, where it is not the case owner's, whose case it is on
    ("Bo, on the case of Carla"); '' when neither needs saying."""
    said = []
    if note.author:
        said.append(note.author)
    if note.about and note.about != owner:
        said.append(_("on the case of {name}").format(name=note.about))
    return ", ".join(said)


def escaped(text: str) -> str:
    """User text as HTML that shows it exactly as typed and is never read as markup."""
    return html.escape(visible_controls(text), quote=True)


class Wording:
    """The scenario's names of phases, lenses and insight kinds in the language spoken;
    the id itself where the scenario is gone or does not know it."""

    def __init__(self, scenario: Scenario | None):
        self.scenario = scenario

    def _name(self, kind: str, item_id: str | None) -> str:
        if item_id is None:
            return ""
        if self.scenario is None:
            return item_id
        try:
            if kind == "phase":
                found = self.scenario.phase(item_id).title
            elif kind == "lens":
                found = self.scenario.lens(item_id).name
            else:
                found = self.scenario.insight_kind(item_id).name
        except KeyError:
            return item_id
        return str(found.get(current_language()))

    def phase(self, item_id: str | None) -> str:
        """A phase's title."""
        return self._name("phase", item_id)

    def lens(self, item_id: str | None) -> str:
        """A lens's name ("" for none)."""
        return self._name("lens", item_id)

    def kind(self, item_id: str | None) -> str:
        """An insight kind's name ("" for none)."""
        return self._name("kind", item_id)

    def protocol(self, scenario_id: str) -> str:
        """The protocol's title."""
        if self.scenario is None:
            return scenario_id
        return str(self.scenario.title.get(current_language()))
