"""What a note can be tagged with in the running phase: its lens, its insight kind, whose
case it is on and who said it, each as (value, label) choices with "none" first."""

from __future__ import annotations

from functools import partial

from textual.command import SimpleCommand

from sparring.domain.protocol import Protocol
from sparring.domain.scenario import Scenario
from sparring.i18n import N_, _
from sparring.ui.widgets.note_tags import NoteTags

Choices = list[tuple[str | None, str]]
"""(value, label) pairs; the value None means "none"."""

TAG_TITLES = {
    "lens": N_("Lens"),
    "kind": N_("Insight kind"),
    "about": N_("Whose case the note is about"),
    "author": N_("Who said it"),
}


def lens_choices(scenario: Scenario, protocol: Protocol, language: str) -> Choices:
    """The phase's lenses (or all the scenario's), after "none"."""
    phase = protocol.phase
    ids = list(phase.lenses) if phase and phase.lenses else [x.id for x in scenario.lenses]
    return [(None, _("none")), *((i, scenario.lens(i).name.get(language)) for i in ids)]


def kind_choices(scenario: Scenario, protocol: Protocol, language: str) -> Choices:
    """The phase's insight kinds (or all the scenario's), after "none"."""
    phase = protocol.phase
    ids = (
        list(phase.insight_kinds)
        if phase and phase.insight_kinds
        else [k.id for k in scenario.insight_kinds]
    )
    return [(None, _("none")), *((i, scenario.insight_kind(i).name.get(language)) for i in ids)]


def about_choices(protocol: Protocol) -> Choices:
    """Every member, whose case a note can be on."""
    return [(name, name) for name in protocol.session.member_names]


def fixed_author(protocol: Protocol) -> str | None:
    """Who says a note in this phase when that is given: the speaker of a round's turn, or
    the case owner in the case owner's phases; else None."""
    phase = protocol.phase
    if phase is None:
        return None
    if protocol.speaker is not None:
        return protocol.speaker
    return protocol.session.case_owner if phase.speakers == "case_owner" else None


def author_choices(protocol: Protocol) -> Choices:
    """Who can have said a note, where the timekeeper picks it (the reflection); else []."""
    phase = protocol.phase
    if phase is None or fixed_author(protocol) is not None:
        return []
    if phase.speakers == "reflecting_team":
        names = list(protocol.session.reflecting_team)
    elif phase.speakers == "everyone":
        names = list(protocol.session.member_names)
    else:
        return []
    return [(None, _("not said")), *((name, name) for name in names)]


def tag_commands(
    scenario: Scenario, protocol: Protocol, language: str, tags: NoteTags
) -> list[SimpleCommand]:
    """A palette command for each lens, insight kind and (in the reflection) team member."""
    commands = []
    for tag, choices in (
        ("lens", lens_choices(scenario, protocol, language)),
        ("kind", kind_choices(scenario, protocol, language)),
        ("author", author_choices(protocol)),
    ):
        for value, label in choices:
            commands.append(
                SimpleCommand(
                    f"{TAG_TITLES[tag]}: {label}",
                    partial(tags.pick, tag, value),
                    _("Tag the next note"),
                )
            )
    return commands
