"""What the running phase is about: its header and its prompts, as text to show."""

from __future__ import annotations

from rich.text import Text

from sparring.domain.protocol import Protocol
from sparring.domain.scenario import Phase, Scenario

ROLE_NAMES = {
    "case_owner": "the case owner",
    "reflecting_team": "the reflecting team",
    "each_other_member": "each other member in turn",
    "everyone": "everyone",
}


def phase_header(scenario: Scenario, protocol: Protocol, language: str) -> Text:
    """Which phase, who speaks and who listens; in a round, whose turn on which challenge."""
    phase = protocol.phase
    assert phase is not None
    session = protocol.session
    index = (protocol.phase_index or 0) + 1
    header = Text()
    header.append(f"{index}/{len(scenario.phases)} {phase.title.get(language)}", style="bold")
    header.append(f" · {phase.minutes:g} min · ")
    header.append(phase.who.get(language))
    owner = session.case_owner or "?"
    speaker = protocol.speaker
    header.append("\n")
    if speaker is not None:
        header.append(f"Turn {protocol.turn + 1} of {protocol.turn_count}: ", style="bold")
        header.append(speaker, style="bold")
        challenge = session.participant(speaker).challenge
        header.append(" on their own challenge: ")
        header.append(challenge or "(not written down)", style="italic")
    else:
        speaks = owner if phase.speakers == "case_owner" else ROLE_NAMES[phase.speakers]
        header.append("Speaks: ", style="bold")
        header.append(speaks)
        if phase.listeners:
            listens = (
                owner
                if phase.listeners == "case_owner"
                else ", ".join(session.reflecting_team)
                if phase.listeners == "reflecting_team"
                else ROLE_NAMES[phase.listeners]
            )
            header.append(" · Listens: ", style="bold")
            header.append(listens)
    return header


def phase_prompts(scenario: Scenario, phase: Phase, language: str) -> Text:
    """The phase's prompts, then its lenses or insight kinds in a line."""
    lines = Text()
    for prompt in phase.prompts:
        lines.append(f"• {prompt.get(language)}\n")
    if phase.lenses:
        lines.append("Lenses: ", style="bold")
        names = (scenario.lens(i).name.get(language) for i in phase.lenses)
        lines.append(" · ".join(names) + "\n")
    if phase.insight_kinds:
        lines.append("Insights: ", style="bold")
        names = (scenario.insight_kind(i).name.get(language) for i in phase.insight_kinds)
        lines.append(" · ".join(names) + "\n")
    lines.rstrip()
    return lines
