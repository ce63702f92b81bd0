"""What the running phase is about: its header and its prompts, as text to show."""

from __future__ import annotations

from rich.text import Text

from sparring.domain.protocol import Protocol
from sparring.domain.scenario import Phase, Scenario
from sparring.formats import decimal_text
from sparring.i18n import N_, _

ROLE_NAMES = {
    "case_owner": N_("the case owner"),
    "reflecting_team": N_("the reflecting team"),
    "each_other_member": N_("each other member in turn"),
    "everyone": N_("everyone"),
}


def phase_header(scenario: Scenario, protocol: Protocol, language: str) -> Text:
    """Which phase, who speaks and who listens; in a round, whose turn on which challenge."""
    phase = protocol.phase
    assert phase is not None
    session = protocol.session
    index = (protocol.phase_index or 0) + 1
    header = Text()
    header.append(f"{index}/{len(scenario.phases)} {phase.title.get(language)}", style="bold")
    header.append(" · " + _("{minutes} min").format(minutes=decimal_text(phase.minutes)) + " · ")
    header.append(phase.who.get(language))
    owner = session.case_owner or "?"
    speaker = protocol.speaker
    header.append("\n")
    if speaker is not None:
        header.append(_("Turn {turn} of {turns}: ").format(
            turn=protocol.turn + 1, turns=protocol.turn_count), style="bold")
        header.append(speaker, style="bold")
        challenge = session.participant(speaker).challenge
        header.append(_(" on their own challenge: "))
        header.append(challenge or _("(not written down)"), style="italic")
    else:
        speaks = owner if phase.speakers == "case_owner" else str(ROLE_NAMES[phase.speakers])
        header.append(_("Speaks: "), style="bold")
        header.append(speaks)
        if phase.listeners:
            listens = (
                owner
                if phase.listeners == "case_owner"
                else ", ".join(session.reflecting_team)
                if phase.listeners == "reflecting_team"
                else str(ROLE_NAMES[phase.listeners])
            )
            header.append(" · " + _("Listens: "), style="bold")
            header.append(listens)
    return header


def phase_prompts(scenario: Scenario, phase: Phase, language: str) -> Text:
    """The phase's prompts, then its lenses or insight kinds in a line."""
    lines = Text()
    for prompt in phase.prompts:
        lines.append(f"• {prompt.get(language)}\n")
    if phase.lenses:
        lines.append(_("Lenses: "), style="bold")
        names = (scenario.lens(i).name.get(language) for i in phase.lenses)
        lines.append(" · ".join(names) + "\n")
    if phase.insight_kinds:
        lines.append(_("Insights: "), style="bold")
        names = (scenario.insight_kind(i).name.get(language) for i in phase.insight_kinds)
        lines.append(" · ".join(names) + "\n")
    lines.rstrip()
    return lines
